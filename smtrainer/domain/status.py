"""Where each member of staff stands, from their trusted records and today's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from smtrainer.i18n import N_

DUE_SOON_DAYS = 30


class StaffStatus(StrEnum):
    CURRENT = "current"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER = "never"
    FAILED = "failed"


@dataclass(frozen=True)
class Completion:
    """What status needs from one trusted record."""

    completed_at: str
    passed: bool
    refresher_due: dt.date
    score_pct: int


def latest(completions: Iterable[Completion]) -> Completion | None:
    return max(completions, key=lambda c: c.completed_at, default=None)


def status_of(
    completions: Iterable[Completion], today: dt.date, due_soon_days: int = DUE_SOON_DAYS
) -> StaffStatus:
    """The status of one person.

    - never: no trusted record;
    - failed: the latest attempt was not passed (a later pass makes them current again);
    - overdue: the refresher date of the latest pass is before today;
    - due_soon: it is today or within `due_soon_days` days;
    - current: otherwise.
    """
    last = latest(completions)
    if last is None:
        return StaffStatus.NEVER
    if not last.passed:
        return StaffStatus.FAILED
    if last.refresher_due < today:
        return StaffStatus.OVERDUE
    if (last.refresher_due - today).days <= due_soon_days:
        return StaffStatus.DUE_SOON
    return StaffStatus.CURRENT


STATUS_LABELS = {
    StaffStatus.CURRENT: N_("current"),
    StaffStatus.DUE_SOON: N_("due soon"),
    StaffStatus.OVERDUE: N_("overdue"),
    StaffStatus.NEVER: N_("never started"),
    StaffStatus.FAILED: N_("failed"),
}
"""Words for each status (translate with `_()` when shown)."""
