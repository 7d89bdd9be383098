"""The rules a record that passed the gate is judged by where the school's policies and the
clock are known: unknown policy or language, the refresher day the policy sets, and "dated in
the future". Cheap, and run on every summary: scan caches keep only what a record alone decides.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from smtrainer.domain.dates import add_months
from smtrainer.i18n import _

CLOCK_SKEW = dt.timedelta(days=1)
"""A record dated later than now by more than this is "dated in the future"."""


@dataclass(frozen=True)
class PolicyTerms:
    """What the gate needs to know of one of the school's policies."""

    refresher_months: int
    languages: frozenset[str]


@dataclass(frozen=True)
class RecordTerms:
    """The values of a record that are judged against the policies and the clock."""

    policy_id: str
    language: str
    completed_at: str
    refresher_due: str


def judge(
    terms: RecordTerms, policies: Mapping[str, PolicyTerms] | None, now: dt.datetime | None
) -> str | None:
    """Why a record that passed the gate still cannot count, or None. `policies` None means the
    policies are not known here (no content); `now` None, that the clock is not checked."""
    return judge_values(
        terms.policy_id, terms.language, terms.completed_at, terms.refresher_due, policies, now
    )


def judge_values(
    policy_id: str,
    language: str,
    completed_at: str,
    refresher_due: str,
    policies: Mapping[str, PolicyTerms] | None,
    now: dt.datetime | None,
) -> str | None:
    """`judge`, given the values one by one (for many records at a time)."""
    if now is not None and completed_at > latest_time(now):  # Same fixed-width format.
        return _("dated in the future ({when})").format(when=completed_at)
    if policies is None:
        return None
    policy = policies.get(policy_id)
    if policy is None:
        return _("unknown policy {id}").format(id=policy_id)
    if language not in policy.languages:
        return _("the policy {id} has no {language} version").format(
            id=policy_id, language=language
        )
    due = due_date(completed_at[:10], policy.refresher_months)
    if refresher_due != due:
        return _(
            "refresher_due should be {due}: completion plus the policy's {months} months"
        ).format(due=due, months=policy.refresher_months)
    return None


@functools.lru_cache(maxsize=16)
def latest_time(now: dt.datetime) -> str:
    """The latest completion time a record may have at `now`, written as records write it
    (`YYYY-MM-DDTHH:MM:SSZ`, which sorts as it reads)."""
    return (now.astimezone(dt.UTC) + CLOCK_SKEW).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.lru_cache(maxsize=4096)
def due_date(completed_on: str, months: int) -> str:
    """The refresher day of a completion on `completed_on` (YYYY-MM-DD), as records write it."""
    return add_months(dt.date.fromisoformat(completed_on), months).isoformat()
