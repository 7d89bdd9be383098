"""The head teacher's summary: totals, each person's status, problems, and what staff get wrong."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from smtrainer.domain.dates import parse_date
from smtrainer.domain.roster import Roster, Trust
from smtrainer.domain.status import DUE_SOON_DAYS, Completion, StaffStatus, latest, status_of
from smtrainer.i18n import _
from smtrainer.storage.roster import load_roster
from smtrainer.workflows.store import RecordFacts, scan


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


@dataclass(frozen=True)
class Problem:
    file: str
    reason: str
    """A status word (tampered, unreadable, unsigned, unsupported) or "conflict"."""
    detail: str = ""


@dataclass(frozen=True)
class Pending:
    """A validly signed record whose key is not (or no longer) approved for its staff id."""

    file: str
    staff_id: str
    staff_name: str
    fingerprint: str
    public_key: str
    trust: Trust


@dataclass
class Summary:
    today: dt.date
    records: int = 0
    verified: int = 0
    unverified: int = 0
    invalid: int = 0
    staff: list[StaffRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    question_results: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Question id → (answered correctly, asked), over verified records."""
    choice_counts: dict[tuple[str, str], Counter[tuple[str, str]]] = field(default_factory=dict)
    """(scenario, step) → counts of (choice, verdict), over verified records."""

    def by_role(self) -> dict[str, tuple[int, int]]:
        """Role → (people current or due soon, people), for completion by role."""
        done: Counter[str] = Counter()
        everyone: Counter[str] = Counter()
        for row in self.staff:
            everyone[row.role] += 1
            if row.status in (StaffStatus.CURRENT, StaffStatus.DUE_SOON):
                done[row.role] += 1
        return {role: (done[role], everyone[role]) for role in sorted(everyone)}


def summarize(
    store: Path, today: dt.date, due_soon_days: int = DUE_SOON_DAYS, roster: Roster | None = None
) -> Summary:
    roster = roster if roster is not None else load_roster(store)
    facts = scan(store)
    summary = Summary(today, records=len(facts))
    owners = roster.key_owners()
    trusted: dict[str, list[RecordFacts]] = defaultdict(list)
    seen_ids: dict[str, RecordFacts] = {}
    for fact in facts:
        if not fact.valid:
            summary.invalid += 1
            summary.problems.append(Problem(fact.file, fact.status, fact.reason))
            continue
        first = seen_ids.setdefault(fact.record_id, fact)
        if first is not fact and first.digest != fact.digest:
            detail = _("the same record id as {other}, with different content").format(
                other=first.file
            )
            summary.problems.append(Problem(fact.file, "conflict", detail))
        # A record without a staff id (the school may make it optional) is the key owner's.
        staff_id = fact.staff_id or owners.get(fact.fingerprint, "")
        trust = roster.trust(staff_id, fact.fingerprint)
        if trust is Trust.VERIFIED:
            summary.verified += 1
            trusted[staff_id].append(fact)
            _count(summary, fact)
        else:
            summary.unverified += 1
            summary.pending.append(
                Pending(
                    fact.file,
                    fact.staff_id,
                    fact.staff_name,
                    fact.fingerprint,
                    fact.public_key,
                    trust,
                )
            )
    for member in sorted(roster.staff.values(), key=lambda m: m.id):
        history = sorted(trusted.get(member.id, []), key=lambda f: f.completed_at)
        completions = [
            Completion(f.completed_at, f.passed, parse_date(f.refresher_due), f.score_pct)
            for f in history
        ]
        last = latest(completions)
        summary.staff.append(
            StaffRow(
                id=member.id,
                name=member.name,
                role=member.role,
                status=status_of(completions, today, due_soon_days),
                last_completed=last.completed_at[:10] if last else "",
                score_pct=last.score_pct if last else None,
                refresher_due=last.refresher_due.isoformat() if last and last.passed else "",
                history=tuple(history),
            )
        )
    return summary


def _count(summary: Summary, fact: RecordFacts) -> None:
    results = summary.question_results
    for item in filter(None, fact.outcomes.split(",")):
        question, _sep, right = item.rpartition(":")
        ok, asked = results.get(question, (0, 0))
        results[question] = (ok + (right == "1"), asked + 1)
    for item in filter(None, fact.choices.split(",")):
        scenario, step, choice, verdict = item.split("/")
        summary.choice_counts.setdefault((scenario, step), Counter())[(choice, verdict)] += 1


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
