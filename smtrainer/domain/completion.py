"""Turning a finished training session into the `[record]` table that gets signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from smtrainer.domain.assessment import Attempt, AttemptAnswer
from smtrainer.domain.dates import add_months, utc_timestamp
from smtrainer.domain.model import Policy
from smtrainer.domain.record_v2 import SCHEMA_V2, integrity, step_text
from smtrainer.domain.record_values import Outcome, RecordKind, clean_text
from smtrainer.domain.scoring import Tally, has_passed, is_correct


@dataclass(frozen=True)
class Staff:
    """Who did the training, as they gave it."""

    name: str
    role: str
    staff_id: str = ""


@dataclass(frozen=True)
class Answer:
    """The options chosen for one assessment question."""

    question_id: str
    chosen: frozenset[str]


@dataclass(frozen=True)
class ScenarioChoice:
    module_id: str
    scenario_id: str
    step_id: str
    choice_id: str


@dataclass(frozen=True)
class Session:
    """Everything a record states about one completed training."""

    policy: Policy
    staff: Staff
    kind: RecordKind
    started: dt.datetime
    completed: dt.datetime
    seed: int
    answers: Sequence[Answer]
    choices: Sequence[ScenarioChoice] = field(default=())
    attempts: int = 1
    modules_done: Sequence[str] | None = None
    """Modules worked through (all of them for an induction); None means all."""
    history: Sequence[Attempt] = ()
    """Every assessment attempt, first to last. Empty: one attempt made of `seed` and
    `answers` (the final answers)."""


def attempt_of(policy: Policy, seed: int, answers: Sequence[Answer]) -> Attempt:
    """An assessment attempt marked against the policy's questions (KeyError for unknown ids)."""
    owner = {q.id: m for m in policy.modules for q in (*m.questions, *m.check_questions)}
    marked = []
    for answer in answers:
        module = owner[answer.question_id]
        question = module.question(answer.question_id)
        if question is None:
            raise KeyError(answer.question_id)
        right = is_correct(question, answer.chosen)
        outcome: Literal["correct", "wrong"] = "correct" if right else "wrong"
        marked.append(AttemptAnswer(question.id, module.id, outcome, tuple(sorted(answer.chosen))))
    return Attempt(seed, tuple(marked))


_CORRECT: str = Outcome.CORRECT.value


def _tally(attempt: Attempt) -> Tally:
    right = sum(1 for answer in attempt.answers if answer.outcome == _CORRECT)
    return Tally(right, len(attempt.answers))


def build_record(session: Session, record_id: str, app_version: str) -> dict[str, Any]:
    """The `[record]` table (format v2): only strings, integers, booleans, arrays and tables.

    Every attempt is kept; the top-level score is the last attempt's.
    """
    policy = session.policy
    attempts = list(session.history) or [attempt_of(policy, session.seed, session.answers)]
    used = {a.module_id for attempt in attempts for a in attempt.answers}
    used.update(c.module_id for c in session.choices)
    done = set(session.modules_done) if session.modules_done is not None else None
    listed = [m for m in policy.modules if done is None or m.id in done or m.id in used]
    position = {module.id: index for index, module in enumerate(listed)}
    verdicts = {
        (s.id, step.id, c.id): c.verdict
        for m in policy.modules
        for s in m.scenarios
        for step in s.steps
        for c in step.choices
    }
    walks: list[list[Any]] = []
    for c in session.choices:
        verdict = verdicts[(c.scenario_id, c.step_id, c.choice_id)].value
        step = step_text(c.step_id, c.choice_id, verdict)
        if walks and walks[-1][1] == c.scenario_id and walks[-1][0] == position[c.module_id]:
            walks[-1].append(step)
        else:
            walks.append([position[c.module_id], c.scenario_id, step])
    written = []
    tallies = [_tally(attempt) for attempt in attempts]
    for attempt, tally in zip(attempts, tallies, strict=True):
        written.append(
            {
                "seed": attempt.seed,
                "correct": tally.correct,
                "total": tally.total,
                "score_pct": tally.percent,
                "questions": [
                    [
                        position[a.module_id],
                        a.question_id,
                        a.outcome == _CORRECT,
                        list(a.answer),
                    ]
                    for a in attempt.answers
                ],
            }
        )
    final = tallies[-1]
    completed_day = session.completed.astimezone(dt.UTC).date()
    return {
        "schema": SCHEMA_V2,
        "record_id": record_id,
        "kind": session.kind.value,
        "policy_id": policy.id,
        "policy_version": policy.version,
        "language": policy.language,
        "staff_id": clean_text(session.staff.staff_id),
        "staff_name": clean_text(session.staff.name),
        "staff_role": clean_text(session.staff.role),
        "started_at": utc_timestamp(session.started),
        "completed_at": utc_timestamp(session.completed),
        "correct": final.correct,
        "total": final.total,
        "score_pct": final.percent,
        "pass_mark": policy.pass_mark,
        "passed": has_passed(final.correct, final.total, policy.pass_mark),
        "refresher_due": add_months(completed_day, policy.refresher_months).isoformat(),
        "app_version": app_version,
        "modules": [[module.id, integrity(module.content_hash)] for module in listed],
        "scenarios": walks,
        "attempts": written,
    }
