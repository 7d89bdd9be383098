"""Reading one record file for the head teacher's views: verified through the gate, then the
facts and details they show taken from the typed record."""

from __future__ import annotations

import hashlib

from smtrainer.domain.record_facts import NO_DETAIL, RecordDetail, RecordFacts
from smtrainer.domain.record_gate import RecordV2
from smtrainer.domain.record_signing import verify_record_bytes
from smtrainer.domain.record_v2 import step_text
from smtrainer.domain.record_values import Outcome


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
            tuple(
                f"{c.scenario}/{step_text(c.step, c.choice, c.verdict.value)}"
                for c in record.scenario_choices
            ),
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
        digest=hashlib.sha256(result.message).hexdigest()[:20],
        attempt_scores=scores,
    )
    return facts, detail


def _steps_v2(record: RecordV2) -> tuple[str, ...]:
    """ "scenario/step/choice[/verdict]" of every step walked, as the record writes them (the
    gate has checked each)."""
    return tuple(f"{entry[1]}/{text}" for entry in record.scenarios for text in entry[2:])
