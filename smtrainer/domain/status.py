"""Where each member of staff stands, from their trusted records and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol

from smtrainer.i18n import N_

DUE_SOON_DAYS = 30


class StaffStatus(StrEnum):
    CURRENT = "current"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER = "never"
    FAILED = "failed"
    LEFT = "left"


class Completed(Protocol):
    """What status needs from one trusted record (a record's facts have it)."""

    @property
    def completed_at(self) -> str: ...
    @property
    def passed(self) -> bool: ...
    @property
    def refresher_due(self) -> str:
        """`YYYY-MM-DD`, so that dates compare as strings."""

    @property
    def score_pct(self) -> int: ...


class Completion(NamedTuple):
    """A `Completed` of its own."""

    completed_at: str
    passed: bool
    refresher_due: str
    score_pct: int


@dataclass(frozen=True)
class Standing:
    """Where one person stands, and the record that says so."""

    status: StaffStatus
    evidence: Completed | None = None
    """The pass that keeps them in date, or else their latest attempt."""
    last_attempt_failed: bool = False
    """They are in date, but their latest attempt (after that pass) was not passed."""


def standing_of(
    completions: Iterable[Completed], today: dt.date, due_soon_days: int = DUE_SOON_DAYS
) -> Standing:
    """The status of one person, from the best evidence that is in date today.

    - never: no trusted record;
    - current / due_soon: a pass whose refresher date is today or later (due soon when it is
      within `due_soon_days` days); a failed attempt after it does not take that away;
    - failed: no pass in date, and the latest attempt was not passed;
    - overdue: no pass in date, and the latest attempt was a pass (now out of date).
    """
    day = today.isoformat()
    last: Completed | None = None
    best: Completed | None = None
    for item in completions:  # One pass: a person may have many records.
        if last is None or item.completed_at > last.completed_at:
            last = item
        if (
            item.passed
            and item.refresher_due >= day
            and (
                best is None
                or (item.refresher_due, item.completed_at) > (best.refresher_due, best.completed_at)
            )
        ):
            best = item
    if last is None:
        return Standing(StaffStatus.NEVER)
    if best is not None:
        soon = (dt.date.fromisoformat(best.refresher_due) - today).days <= due_soon_days
        status = StaffStatus.DUE_SOON if soon else StaffStatus.CURRENT
        failed_since = not last.passed and last.completed_at > best.completed_at
        return Standing(status, best, failed_since)
    return Standing(StaffStatus.OVERDUE if last.passed else StaffStatus.FAILED, last)


def status_of(
    completions: Iterable[Completed], today: dt.date, due_soon_days: int = DUE_SOON_DAYS
) -> StaffStatus:
    """The status alone (see `standing_of`)."""
    return standing_of(completions, today, due_soon_days).status


STATUS_LABELS = {
    StaffStatus.CURRENT: N_("current"),
    StaffStatus.DUE_SOON: N_("due soon"),
    StaffStatus.OVERDUE: N_("overdue"),
    StaffStatus.NEVER: N_("never started"),
    StaffStatus.FAILED: N_("failed"),
    StaffStatus.LEFT: N_("left the school"),
}
"""Words for each status (translate with `_()` when shown)."""
