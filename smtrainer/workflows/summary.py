"""The head teacher's summary: totals, each person's status, problems, and what staff get wrong."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from smtrainer.domain.record_facts import Tallies
from smtrainer.domain.roster import Roster, Trust
from smtrainer.domain.status import DUE_SOON_DAYS, StaffStatus, standing_of
from smtrainer.storage.roster import cache_roster, load_roster
from smtrainer.workflows.evidence import Pending, Problem
from smtrainer.workflows.evidence_state import sorted_evidence
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.record_scan import Listing, collection_paused
from smtrainer.workflows.store import RecordFacts, ScanResult, scan_store


@dataclass(frozen=True)
class PolicyStanding:
    """One person's status for one policy (a school may require several)."""

    policy_id: str
    status: StaffStatus
    last_completed: str
    score_pct: int | None
    refresher_due: str
    last_attempt_failed: bool = False


URGENCY = (
    StaffStatus.NEVER,
    StaffStatus.OVERDUE,
    StaffStatus.FAILED,
    StaffStatus.DUE_SOON,
    StaffStatus.CURRENT,
)
"""Most urgent first: a person's overall status is their most urgent policy's."""


@dataclass(frozen=True)
class StaffRow:
    id: str
    name: str
    role: str
    status: StaffStatus
    last_completed: str
    score_pct: int | None
    refresher_due: str
    history: tuple[RecordFacts, ...]
    last_attempt_failed: bool = False
    """In date, but the latest attempt (after the pass that counts) was not passed."""
    policies: tuple[PolicyStanding, ...] = ()
    """The status for each policy of the summary, in its order."""


@dataclass
class Statistics:
    """What staff get wrong, over verified records."""

    question_results: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Question id → (answered correctly, asked), at the first attempt."""
    choice_counts: dict[tuple[str, str], Counter[tuple[str, str]]] = field(default_factory=dict)
    """(scenario, step) → counts of (choice, verdict)."""

    @classmethod
    def of(cls, tallies: Tallies) -> Statistics:
        statistics = cls(
            {q: (right, asked) for q, (right, asked) in tallies.questions.items() if asked}
        )
        for key, count in tallies.steps.items():
            if count:
                scenario, step, choice, *given = key.split("/")  # No verdict: the best.
                counts = statistics.choice_counts.setdefault((scenario, step), Counter())
                counts[(choice, given[0] if given else "best")] = count
        return statistics


@dataclass
class Summary:
    today: dt.date
    records: int = 0
    verified: int = 0
    unverified: int = 0
    """Valid records signed by a key not approved yet."""
    key_changed: int = 0
    """Valid records signed by a key other than the one approved for their staff id."""
    invalid: int = 0
    later: int = 0
    """Records made after `today`, left out."""
    shared_keys: dict[str, list[str]] = field(default_factory=dict)
    """Fingerprint → staff ids of keys used by several people."""
    staff: list[StaffRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)
    """The verified records' files, whose details the statistics are made of."""
    scanned: ScanResult | None = None
    policies: list[str] = field(default_factory=list)
    """The policies people are judged on: those asked for, or else every policy with a
    counted record; a person's status is that of their most urgent one."""
    histories: bool = True
    """Whether each person's row holds their records (False in a summary shown before they
    are read: a summary kept from before, or one made in a second process)."""

    @cached_property
    def statistics(self) -> Statistics:
        """Computed on first use only (the summary command never needs it): the scan's
        tallies of every valid record, kept up to date incrementally, less the valid records
        that do not count (a key not approved, a later date…)."""
        if self.scanned is None:
            return Statistics()
        counted = set(self.counted)
        tallies = self.scanned.tallies.copy()
        for fact in self.scanned.facts:
            if fact.valid and fact.file not in counted:
                tallies.add(self.scanned.detail(fact.file), -1)
        return Statistics.of(tallies)

    @property
    def question_results(self) -> dict[str, tuple[int, int]]:
        return self.statistics.question_results

    @property
    def choice_counts(self) -> dict[tuple[str, str], Counter[tuple[str, str]]]:
        return self.statistics.choice_counts

    def by_role(self) -> dict[str, tuple[int, int]]:
        """Role → (people current or due soon, people), for completion by role."""
        done: Counter[str] = Counter()
        everyone: Counter[str] = Counter()
        for row in self.staff:
            if row.status is StaffStatus.LEFT:
                continue
            everyone[row.role] += 1
            if row.status in (StaffStatus.CURRENT, StaffStatus.DUE_SOON):
                done[row.role] += 1
        return {role: (done[role], everyone[role]) for role in sorted(everyone)}


def summarize(
    store: Path,
    today: dt.date,
    due_soon_days: int = DUE_SOON_DAYS,
    roster: Roster | None = None,
    context: RecordContext | None = None,
    policies: Sequence[str] = (),
    listing: Listing | None = None,
    *,
    history: bool = True,
) -> Summary:
    """The summary of the store's records; the roster and the policies are read while the
    records are verified. `listing`: the record files already listed (`list_records`);
    `history`: whether each person's row keeps their records."""
    read: list[tuple[Roster, RecordContext]] = []

    def read_the_rest() -> None:
        read.append(
            (
                roster if roster is not None else load_roster(store),
                context if context is not None else RecordContext.load(),
            )
        )

    # A large roster with no parsed copy in the cache is parsed by a worker, not here: parsing
    # holds this process for long enough to keep the workers waiting for their next files.
    ahead = functools.partial(cache_roster, store) if roster is None else None
    with collection_paused():
        scanned = scan_store(store, meanwhile=read_the_rest, ahead=ahead, listing=listing)
        ((roster_read, context_read),) = read
        return summarize_scan(
            scanned, today, roster_read, due_soon_days, context_read, policies, history=history
        )


def summarize_scan(
    scanned: ScanResult,
    today: dt.date,
    roster: Roster,
    due_soon_days: int = DUE_SOON_DAYS,
    context: RecordContext | None = None,
    policies: Sequence[str] = (),
    *,
    history: bool = True,
) -> Summary:
    """The summary of records already scanned (all of them, or those verified so far);
    with `policies`, only records of those policies count, and each is judged apart.
    `history`: whether each person's row keeps their records (a summary printed shows none)."""
    facts = scanned.facts
    summary = Summary(today, records=len(facts), scanned=scanned)
    evidence = sorted_evidence(scanned, roster, context or RecordContext.load(), today)
    summary.problems = evidence.problems
    summary.pending = evidence.pending
    summary.invalid = evidence.invalid
    summary.later = evidence.later
    summary.verified = evidence.verified
    summary.unverified = sum(p.trust is Trust.UNVERIFIED for p in evidence.pending)
    summary.key_changed = len(evidence.pending) - summary.unverified
    wanted = set(policies)
    counted = {
        key: [f for f in items if not wanted or f.policy_id in wanted]
        for key, items in evidence.counted.items()
    }
    summary.counted = [f.file for items in counted.values() for f in items]
    summary.policies = list(policies) or sorted(
        {f.policy_id for items in counted.values() for f in items}
    )
    summary.shared_keys = shared_keys(roster, evidence.signers)
    for key, member in sorted(roster.staff.items(), key=lambda item: item[1].id):
        records = sorted(counted.get(key, []), key=_completed_at)
        standings = [
            _policy_standing(policy_id, records, today, due_soon_days)
            for policy_id in summary.policies
        ] or [_policy_standing("", records, today, due_soon_days)]
        shown = min(standings, key=lambda s: URGENCY.index(s.status))
        summary.staff.append(
            StaffRow(
                id=member.id,
                name=member.name,
                role=member.role,
                status=StaffStatus.LEFT if member.left_on else shown.status,
                last_completed=shown.last_completed,
                score_pct=shown.score_pct,
                refresher_due=shown.refresher_due,
                history=tuple(records) if history else (),
                last_attempt_failed=shown.last_attempt_failed,
                policies=tuple(s for s in standings if s.policy_id),
            )
        )
    return summary


_completed_at = operator.attrgetter("completed_at")


def same_standing(shown: Summary, made: Summary) -> bool:
    """Whether a summary shown without each person's records says all that a summary made
    since says, apart from those records (they can then be added to the one shown)."""
    stripped = [dataclasses.replace(row, history=()) for row in made.staff]
    return _said(shown, shown.staff) == _said(made, stripped)


def _said(summary: Summary, staff: list[StaffRow]) -> Summary:
    return dataclasses.replace(summary, staff=staff, counted=[], scanned=None, histories=False)


def _policy_standing(
    policy_id: str, history: Sequence[RecordFacts], today: dt.date, due_soon_days: int
) -> PolicyStanding:
    """Where a person stands on one policy (`""`: on all their records together)."""
    completions = [f for f in history if f.policy_id == policy_id] if policy_id else history
    standing = standing_of(completions, today, due_soon_days)
    shown = standing.evidence
    return PolicyStanding(
        policy_id,
        standing.status,
        last_completed=shown.completed_at[:10] if shown else "",
        score_pct=shown.score_pct if shown else None,
        refresher_due=shown.refresher_due if shown and shown.passed else "",
        last_attempt_failed=standing.last_attempt_failed,
    )


def shared_keys(roster: Roster, signers: dict[str, set[str]]) -> dict[str, list[str]]:
    """Fingerprint → staff ids, for every key approved for, or signing records of, more than
    one person (a shared computer: its records cannot tell those people apart)."""
    found = {fingerprint: set(ids) for fingerprint, ids in roster.shared_keys().items()}
    for fingerprint, keys in signers.items():
        ids = {(m.id if (m := roster.staff.get(key)) else key) for key in keys if key}
        if len(ids) > 1:
            found.setdefault(fingerprint, set()).update(ids)
    return {fingerprint: sorted(ids) for fingerprint, ids in sorted(found.items())}


@dataclass(frozen=True)
class PendingKey:
    """One unapproved key of one staff id, with how many records it signed."""

    staff_id: str
    staff_name: str
    fingerprint: str
    public_key: str
    trust: Trust
    records: int


def pending_keys(summary: Summary) -> list[PendingKey]:
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Pending] = {}
    for item in summary.pending:
        key = (item.staff_id, item.fingerprint)
        counts[key] += 1
        first.setdefault(key, item)
    return [
        PendingKey(
            item.staff_id,
            item.staff_name,
            item.fingerprint,
            item.public_key,
            item.trust,
            counts[key],
        )
        for key, item in sorted(first.items())
    ]
