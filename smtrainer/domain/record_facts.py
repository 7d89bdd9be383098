"""What the head teacher's views need from one record file, after verification.

Two parts: `RecordFacts`, what the summary prints (kept small, decoded on every run), and
`RecordDetail`, the per-question and per-step results that only the dashboard's statistics read.
"""

from __future__ import annotations

from collections import Counter

import msgspec

from smtrainer.domain.record_status import Status


class RecordFacts(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """One record file: its status and, when valid, the facts the summary shows. (Strings and
    numbers only, so never part of a cycle: the garbage collector need not track them.)"""

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
    """Identifies the signed content, to tell copies of a record from a conflicting one (the
    first 80 bits of the SHA-256 of the bytes signed, in hexadecimal)."""
    attempt_scores: tuple[int, ...] = ()
    """Each attempt's score, first to last (one for v1 records)."""

    @property
    def valid(self) -> bool:
        return self.status == Status.VALID.value


class RecordDetail(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A valid record's results, for statistics over many records."""

    outcomes: tuple[tuple[str, bool], ...] = ()
    """(question id, answered right) for the first attempt: how staff answer when first asked."""
    steps: tuple[str, ...] = ()
    """"scenario/step/choice", then "/verdict" unless it was the best, for every scenario step
    walked (ids have no "/"): as version 2 records write them."""


NO_DETAIL = RecordDetail()


class Tallies(msgspec.Struct):
    """Results added up over many records' details; kept in the scan cache and updated one
    record at a time (added when verified, taken away when its file changes or goes)."""

    questions: dict[str, list[int]] = msgspec.field(default_factory=dict)
    """Question id → [answered right, asked]."""
    steps: dict[str, int] = msgspec.field(default_factory=dict)
    """"scenario/step/choice[/verdict]" → times taken."""

    def add(self, detail: RecordDetail, sign: int = 1) -> None:
        questions = self.questions
        for question, right in detail.outcomes:
            counts = questions.get(question)
            if counts is None:
                counts = questions[question] = [0, 0]
            counts[0] += sign * right
            counts[1] += sign
        steps = self.steps
        for key in detail.steps:
            steps[key] = steps.get(key, 0) + sign

    @classmethod
    def of(cls, details: list[RecordDetail]) -> Tallies:
        """Many records' details added up at once (counted in bulk: a worker's whole chunk)."""
        asked = Counter(question for detail in details for question, _right in detail.outcomes)
        right = Counter(
            question for detail in details for question, correct in detail.outcomes if correct
        )
        steps = Counter(key for detail in details for key in detail.steps)
        return cls({q: [right[q], n] for q, n in asked.items()}, dict(steps))

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
