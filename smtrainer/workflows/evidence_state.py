"""The evidence of the last summary, kept so that a summary with nothing changed is not sorted
again.

Sorting ten thousand records into evidence takes a noticeable moment; what it depends on is
known exactly: the scan cache's facts (by their generation token), the approved keys of the
roster, the policies' terms, the session's language (problems are described in it), and which
side of two moments each record's completion time falls (dated in the future, made after the
day of the summary). The sorted evidence is kept under a key made of the first four, with the
completion times of the valid records, and is used again only when all four are the same and
no record changed side. Anything else sorts again.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from pathlib import Path

import msgspec

from smtrainer.domain.record_judgement import latest_time
from smtrainer.domain.record_status import Status
from smtrainer.domain.roster import Roster, Trust
from smtrainer.i18n import current_language
from smtrainer.storage.scan_cache import read_checked, write_checked
from smtrainer.workflows.evidence import Evidence, Pending, Problem, later_than, sort_evidence
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.record_scan import RULES
from smtrainer.workflows.store import RecordFacts, ScanResult

STATE_FILE = Path(".cache") / "evidence-v1.bin"


class _State(msgspec.Struct, frozen=True, array_like=True, gc=False):
    rules: str
    """The key: scan generation, roster keys and policy terms."""
    future_after: str
    """Records completed later than this were "dated in the future" ("" with no clock)."""
    later_from: str
    """Records completed at or after this were left out as after the day of the summary."""
    dated: list[str]
    """The completion times of every valid record, sorted."""
    counted: dict[str, list[int]]
    """Roster key → positions in the facts of the records that count."""
    pending: list[tuple[int, str]]
    problems: list[tuple[str, str, str]]
    invalid: int
    later: int
    signers: dict[str, list[str]]


def sorted_evidence(
    scanned: ScanResult, roster: Roster, context: RecordContext, today: dt.date
) -> Evidence:
    """`sort_evidence` of the scanned facts, from the kept state when nothing it depends on
    changed (and kept for next time when something did)."""
    key = _key(scanned, roster, context)
    if key is None or scanned.store is None:
        return sort_evidence(scanned.facts, roster, context, today)
    path = scanned.store / STATE_FILE
    future_after = latest_time(context.now) if context.now is not None else ""
    later_from = later_than(today)
    state = read_checked(path, _State, key)
    if state is not None and _same_sides(state, future_after, later_from):
        return _evidence_of(state, scanned.facts)
    evidence = sort_evidence(scanned.facts, roster, context, today)
    write_checked(path, _state_of(key, future_after, later_from, evidence, scanned.facts))
    return evidence


def _key(scanned: ScanResult, roster: Roster, context: RecordContext) -> str | None:
    if scanned.facts_key is None:
        return None
    keys = [
        (key, [k.fingerprint for k in member.keys if not k.revoked_on], bool(member.keys))
        for key, member in roster.staff.items()
    ]  # In the roster's order: another order only makes the key differ.
    digest = hashlib.blake2b(
        msgspec.msgpack.encode(
            [
                keys,
                context.terms(),
                context.policies is None,
                context.now is None,
                current_language(),
            ]
        ),
        digest_size=16,
    ).hexdigest()
    return f"{RULES}/{scanned.facts_key}/{digest}"


def _same_sides(state: _State, future_after: str, later_from: str) -> bool:
    """Whether every valid record is on the same side of both moments as when kept."""
    dated = state.dated
    if bool(future_after) != bool(state.future_after):
        return False
    if future_after and bisect.bisect_right(dated, future_after) != bisect.bisect_right(
        dated, state.future_after
    ):
        return False
    return bisect.bisect_left(dated, later_from) == bisect.bisect_left(dated, state.later_from)


def _evidence_of(state: _State, facts: list[RecordFacts]) -> Evidence:
    evidence = Evidence(invalid=state.invalid, later=state.later)
    evidence.counted = {
        key: [facts[index] for index in indexes] for key, indexes in state.counted.items()
    }
    evidence.pending = [Pending.of(facts[index], Trust(trust)) for index, trust in state.pending]
    evidence.problems = [Problem(*problem) for problem in state.problems]
    evidence.signers = {fingerprint: set(ids) for fingerprint, ids in state.signers.items()}
    return evidence


def _state_of(
    key: str, future_after: str, later_from: str, evidence: Evidence, facts: list[RecordFacts]
) -> _State:
    position = {fact.file: index for index, fact in enumerate(facts)}
    valid = Status.VALID.value
    return _State(
        key,
        future_after,
        later_from,
        sorted(fact.completed_at for fact in facts if fact.status == valid),
        {key: [position[f.file] for f in items] for key, items in evidence.counted.items()},
        [(position[p.file], p.trust.value) for p in evidence.pending],
        [(p.file, p.reason, p.detail) for p in evidence.problems],
        evidence.invalid,
        evidence.later,
        {fingerprint: sorted(ids) for fingerprint, ids in evidence.signers.items()},
    )
