"""Where each member of staff stands, from their trusted records and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from smtrainer.i18n import N_

DUE_SOON_DAYS = 30


class StaffStatus(StrEnum):
    CURRENT = "current"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER = "never"
    FAILED = "failed"
    LEFT = "left"


class Completion(NamedTuple):
    """What status needs from one trusted record (a named tuple: made by the thousand)."""

    completed_at: str
    passed: bool
    refresher_due: dt.date
    score_pct: int


def latest(completions: Iterable[Completion]) -> Completion | None:
    return max(completions, key=lambda c: c.completed_at, default=None)


@dataclass(frozen=True)
class Standing:
    """Where one person stands, and the record that says so."""

    status: StaffStatus
    evidence: Completion | None = None
    """The pass that keeps them in date, or else their latest attempt."""
    last_attempt_failed: bool = False
    """They are in date, but their latest attempt (after that pass) was not passed."""


def standing_of(
    completions: Iterable[Completion], today: dt.date, due_soon_days: int = DUE_SOON_DAYS
) -> Standing:
    """The status of one person, from the best evidence that is in date today.

    - never: no trusted record;
    - current / due_soon: a pass whose refresher date is today or later (due soon when it is
      within `due_soon_days` days); a failed attempt after it does not take that away;
    - failed: no pass in date, and the latest attempt was not passed;
    - overdue: no pass in date, and the latest attempt was a pass (now out of date).
    """
    items = list(completions)
    last = latest(items)
    if last is None:
        return Standing(StaffStatus.NEVER)
    in_date = [c for c in items if c.passed and c.refresher_due >= today]
    if in_date:
        best = max(in_date, key=lambda c: (c.refresher_due, c.completed_at))
        soon = (best.refresher_due - today).days <= due_soon_days
        status = StaffStatus.DUE_SOON if soon else StaffStatus.CURRENT
        failed_since = not last.passed and last.completed_at > best.completed_at
        return Standing(status, best, failed_since)
    return Standing(StaffStatus.OVERDUE if last.passed else StaffStatus.FAILED, last)


def status_of(
    completions: Iterable[Completion], today: dt.date, due_soon_days: int = DUE_SOON_DAYS
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
