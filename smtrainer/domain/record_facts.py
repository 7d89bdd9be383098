"""What the head teacher's views need from one record file, after verification.

Two parts: `RecordFacts`, what the summary prints (kept small, decoded on every run), and
`RecordDetail`, the per-question and per-step results that only the dashboard's statistics read.
"""

from __future__ import annotations

import msgspec

from smtrainer.domain.record import Outcome, code_of_message
from smtrainer.domain.record_gate import RecordV2
from smtrainer.domain.record_signing import Status, verify_record_bytes


class RecordFacts(msgspec.Struct, frozen=True, array_like=True):
    """One record file: its status and, when valid, the facts the summary shows."""

    file: str
    status: str
    reason: str = ""
    record_id: str = ""
    staff_id: str = ""
    staff_name: str = ""
    staff_role: str = ""
    policy_id: str = ""
    language: str = ""
    completed_at: str = ""
    passed: bool = False
    score_pct: int = 0
    refresher_due: str = ""
    fingerprint: str = ""
    public_key: str = ""
    digest: str = ""
    """Identifies the signed content, to tell copies of a record from a conflicting one."""
    attempt_scores: tuple[int, ...] = ()
    """Each attempt's score, first to last (one for v1 records)."""

    @property
    def valid(self) -> bool:
        return self.status == Status.VALID.value


class RecordDetail(msgspec.Struct, frozen=True, array_like=True):
    """A valid record's results, for statistics over many records."""

    outcomes: tuple[tuple[str, bool], ...] = ()
    """(question id, answered right) for the first attempt: how staff answer when first asked."""
    steps: tuple[tuple[str, str, str, str], ...] = ()
    """(scenario, step, choice, verdict) for every scenario step walked."""


NO_DETAIL = RecordDetail()


class Tallies(msgspec.Struct):
    """Results added up over many records' details; kept in the scan cache and updated one
    record at a time (added when verified, taken away when its file changes or goes)."""

    questions: dict[str, list[int]] = msgspec.field(default_factory=dict)
    """Question id → [answered right, asked]."""
    steps: dict[str, int] = msgspec.field(default_factory=dict)
    """"scenario/step/choice/verdict" → times taken."""

    def add(self, detail: RecordDetail, sign: int = 1) -> None:
        questions = self.questions
        for question, right in detail.outcomes:
            counts = questions.get(question)
            if counts is None:
                counts = questions[question] = [0, 0]
            counts[0] += sign * right
            counts[1] += sign
        steps = self.steps
        for step in detail.steps:
            key = "/".join(step)
            steps[key] = steps.get(key, 0) + sign

    def merge(self, other: Tallies) -> None:
        """Add another set of tallies to these."""
        questions = self.questions
        for question, (right, asked) in other.questions.items():
            counts = questions.get(question)
            if counts is None:
                questions[question] = [right, asked]
            else:
                counts[0] += right
                counts[1] += asked
        steps = self.steps
        for key, count in other.steps.items():
            steps[key] = steps.get(key, 0) + count

    def copy(self) -> Tallies:
        return Tallies(
            {question: list(counts) for question, counts in self.questions.items()},
            dict(self.steps),
        )


def facts_and_detail(file: str, data: bytes) -> tuple[RecordFacts, RecordDetail]:
    """Verify one record file's bytes and keep what the views need."""
    result = verify_record_bytes(data)
    record = result.typed
    if record is None:
        return RecordFacts(file, result.status.value, result.reason), NO_DETAIL
    if isinstance(record, RecordV2):
        scores = tuple(attempt.score_pct for attempt in record.attempts)
        detail = RecordDetail(
            tuple((question, right) for _m, question, right, _a in record.attempts[0].questions),
            _steps_v2(record),
        )
    else:
        scores = (record.score_pct,)
        detail = RecordDetail(
            tuple((q.id, q.outcome is Outcome.CORRECT) for q in record.assessment.questions),
            tuple((c.scenario, c.step, c.choice, c.verdict.value) for c in record.scenario_choices),
        )
    facts = RecordFacts(
        file=file,
        status=result.status.value,
        record_id=record.record_id,
        staff_id=record.staff_id,
        staff_name=record.staff_name,
        staff_role=record.staff_role,
        policy_id=record.policy_id,
        language=record.language,
        completed_at=record.completed_at,
        passed=record.passed,
        score_pct=record.score_pct,
        refresher_due=record.refresher_due,
        fingerprint=result.fingerprint or "",
        public_key=result.public_key or "",
        digest=code_of_message(result.message),
        attempt_scores=scores,
    )
    return facts, detail


def _steps_v2(record: RecordV2) -> tuple[tuple[str, str, str, str], ...]:
    """(scenario, step, choice, verdict) of every step walked; the gate has checked that each
    is `step/choice` or `step/choice/verdict`."""
    steps = []
    for entry in record.scenarios:
        scenario = str(entry[1])
        for text in entry[2:]:
            parts = str(text).split("/")
            steps.append((scenario, parts[0], parts[1], parts[2] if len(parts) == 3 else "best"))
    return tuple(steps)
