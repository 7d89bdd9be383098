"""Sorting the store's records into evidence that counts, records waiting for a decision, and
problems, by trust: never by file name or order.

- A record that fails the gate, or its judgement against the policies and the clock, is a
  problem and never counts.
- A record made after the day the summary is for (`--today`) is simply left out.
- Identical copies of a record count once.
- Copies of one record id with different content: the copy signed by the key approved for its
  staff id counts; copies signed by other keys are "record id reused by another key" and never
  count. If no copy, or more than one, is signed by an approved key, none counts.
- The rest counts when its key is approved for its staff id, and otherwise waits for approval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from smtrainer.domain.ids import staff_key
from smtrainer.domain.record_status import Status
from smtrainer.domain.roster import Roster, Trust
from smtrainer.i18n import _
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.store import RecordFacts

INVALID = "invalid"
REUSED = "reused"
CONFLICT = "conflict"
COPY = "copy"


@dataclass(frozen=True)
class Problem:
    file: str
    reason: str
    """A status word (tampered, unreadable, unsigned, unsupported, invalid), or "reused",
    "conflict" or "copy"."""
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

    @classmethod
    def of(cls, fact: RecordFacts, trust: Trust) -> Pending:
        return cls(
            fact.file, fact.staff_id, fact.staff_name, fact.fingerprint, fact.public_key, trust
        )


@dataclass
class Evidence:
    counted: dict[str, list[RecordFacts]] = field(default_factory=dict)
    """Roster key (`staff_key`) → the records that count for that person."""
    pending: list[Pending] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    invalid: int = 0
    later: int = 0
    """Records made after the day of the summary, left out."""
    signers: dict[str, set[str]] = field(default_factory=dict)
    """Fingerprint → every staff id it signed a valid record for (to see shared keys)."""

    @property
    def verified(self) -> int:
        return sum(len(items) for items in self.counted.values())


def later_than(today: dt.date) -> str:
    """The first completion time after `today`, written as records write it."""
    return f"{(today + dt.timedelta(days=1)).isoformat()}T00:00:00Z"


def sort_evidence(
    facts: list[RecordFacts], roster: Roster, context: RecordContext, today: dt.date
) -> Evidence:
    evidence = Evidence()
    after = later_than(today)
    copies: dict[str, list[RecordFacts]] = {}
    valid = Status.VALID.value
    for fact in facts:
        if fact.status != valid:
            evidence.invalid += 1
            evidence.problems.append(Problem(fact.file, fact.status, fact.reason))
            continue
        problem = context.problem(fact)
        if problem:
            evidence.invalid += 1
            evidence.problems.append(Problem(fact.file, INVALID, problem))
            continue
        if fact.completed_at >= after:
            evidence.later += 1
            continue
        versions = copies.get(fact.record_id)
        if versions is None:
            copies[fact.record_id] = [fact]
        else:
            versions.append(fact)
    owners = roster.key_owners()
    trust_of = roster.trust_index()
    signers = evidence.signers
    counted: dict[str, list[RecordFacts]] = {}
    for versions in copies.values():
        if len(versions) == 1:  # The common case: one copy of each record.
            fact = versions[0]
            staff_id = fact.staff_id or owners.get(fact.fingerprint, "")
            judged = [(fact, staff_id, trust_of(staff_id, fact.fingerprint))]
            _add_signer(signers, fact.fingerprint, staff_id)
        else:
            judged = _judge_copies(versions, owners, trust_of, evidence)
        for fact, staff_id, trust in judged:
            if trust is Trust.VERIFIED:
                key = staff_key(staff_id)
                found = counted.get(key)
                if found is None:
                    counted[key] = [fact]
                else:
                    found.append(fact)
            else:
                evidence.pending.append(Pending.of(fact, trust))
    evidence.counted = counted
    return evidence


def _add_signer(signers: dict[str, set[str]], fingerprint: str, staff_id: str) -> None:
    found = signers.get(fingerprint)
    if found is None:
        signers[fingerprint] = {staff_key(staff_id)}
    else:
        found.add(staff_key(staff_id))


Judged = list[tuple[RecordFacts, str, Trust]]


def _judge_copies(
    versions: list[RecordFacts],
    owners: dict[str, str],
    trust_of: Callable[[str, str], Trust],
    evidence: Evidence,
) -> Judged:
    """Several files with one record id: identical copies count once; of copies that differ,
    the one signed by the approved key wins, and with no single such copy none counts."""
    distinct: dict[str, RecordFacts] = {}
    for fact in versions:
        first = distinct.setdefault(fact.digest, fact)
        if first is not fact:
            detail = _("an identical copy of {file}, counted once").format(file=first.file)
            evidence.problems.append(Problem(fact.file, COPY, detail))
    judged: Judged = []
    for fact in distinct.values():
        # A record without a staff id (the school may make it optional) is its key owner's.
        staff_id = fact.staff_id or owners.get(fact.fingerprint, "")
        _add_signer(evidence.signers, fact.fingerprint, staff_id)
        judged.append((fact, staff_id, trust_of(staff_id, fact.fingerprint)))
    trusted = [item for item in judged if item[2] is Trust.VERIFIED]
    if len(judged) > 1 and len(trusted) == 1:
        winner = trusted[0][0]
        for fact, _id, _trust in judged:
            if fact is not winner:
                detail = _(
                    "record id reused by another key: {file} is the copy signed by the approved key"
                ).format(file=winner.file)
                evidence.problems.append(Problem(fact.file, REUSED, detail))
        return trusted
    if len(judged) > 1:
        others = ", ".join(sorted(fact.file for fact, _id, _trust in judged))
        for fact, _id, _trust in judged:
            detail = _("the same record id with different content in: {files}").format(files=others)
            evidence.problems.append(Problem(fact.file, CONFLICT, detail))
        return [item for item in judged if item[2] is not Trust.VERIFIED]
    return judged
