"""Every status rule at its boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from smtrainer.domain.status import Completion, StaffStatus, status_of

TODAY = dt.date(2026, 11, 21)


def done(when: str, due: dt.date, passed: bool = True) -> Completion:
    return Completion(when, passed, due.isoformat(), 90 if passed else 40)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (TODAY, StaffStatus.DUE_SOON),  # due today
        (TODAY + dt.timedelta(days=30), StaffStatus.DUE_SOON),  # due in exactly 30 days
        (TODAY + dt.timedelta(days=31), StaffStatus.CURRENT),
        (TODAY - dt.timedelta(days=1), StaffStatus.OVERDUE),  # overdue by one day
        (TODAY + dt.timedelta(days=300), StaffStatus.CURRENT),
    ],
)
def test_refresher_boundaries(due: dt.date, expected: StaffStatus) -> None:
    assert status_of([done("2026-01-01T10:00:00Z", due)], TODAY) is expected


def test_never() -> None:
    assert status_of([], TODAY) is StaffStatus.NEVER


def test_failed_then_passed_is_current() -> None:
    records = [
        done("2026-05-01T09:00:00Z", dt.date(2027, 5, 1), passed=False),
        done("2026-05-01T11:00:00Z", dt.date(2027, 5, 1)),
    ]
    assert status_of(records, TODAY) is StaffStatus.CURRENT


def test_passed_then_failed_is_failed() -> None:
    records = [
        done("2025-05-01T09:00:00Z", dt.date(2026, 5, 1)),
        done("2026-05-01T11:00:00Z", dt.date(2027, 5, 1), passed=False),
    ]
    assert status_of(records, TODAY) is StaffStatus.FAILED


def test_custom_due_soon_window() -> None:
    record = [done("2026-01-01T10:00:00Z", TODAY + dt.timedelta(days=45))]
    assert status_of(record, TODAY, due_soon_days=60) is StaffStatus.DUE_SOON
    assert status_of(record, TODAY) is StaffStatus.CURRENT
