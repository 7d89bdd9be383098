"""Turning a finished training session into the `[record]` table that gets signed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from smtrainer.domain.dates import add_months, utc_timestamp
from smtrainer.domain.model import Policy
from smtrainer.domain.record import SCHEMA, Outcome, RecordKind, clean_text
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


def build_record(session: Session, record_id: str, app_version: str) -> dict[str, Any]:
    """The `[record]` table: only strings, integers, booleans, arrays and tables."""
    policy = session.policy
    owner = {q.id: m.id for m in policy.modules for q in (*m.questions, *m.check_questions)}
    tallies = {module.id: Tally(0, 0) for module in policy.modules}
    overall = Tally(0, 0)
    questions = []
    for answer in session.answers:
        module_id = owner[answer.question_id]
        module = policy.module(module_id)
        question = module.question(answer.question_id) if module else None
        if question is None:
            raise KeyError(answer.question_id)
        right = is_correct(question, answer.chosen)
        tallies[module_id] = tallies[module_id].add(right)
        overall = overall.add(right)
        questions.append(
            {
                "id": question.id,
                "module": module_id,
                "outcome": (Outcome.CORRECT if right else Outcome.WRONG).value,
                "answer": sorted(answer.chosen),
            }
        )
    done = set(session.modules_done) if session.modules_done is not None else None
    modules = [
        {
            "id": module.id,
            "content_hash": module.content_hash,
            "correct": tallies[module.id].correct,
            "total": tallies[module.id].total,
            "score_pct": tallies[module.id].percent,
        }
        for module in policy.modules
        if done is None or module.id in done or tallies[module.id].total
    ]
    verdicts = {
        (s.id, step.id, c.id): c.verdict.value
        for m in policy.modules
        for s in m.scenarios
        for step in s.steps
        for c in step.choices
    }
    completed_day = session.completed.astimezone(dt.UTC).date()
    return {
        "schema": SCHEMA,
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
        "correct": overall.correct,
        "total": overall.total,
        "score_pct": overall.percent,
        "pass_mark": policy.pass_mark,
        "passed": has_passed(overall.correct, overall.total, policy.pass_mark),
        "attempts": session.attempts,
        "refresher_due": add_months(completed_day, policy.refresher_months).isoformat(),
        "app_version": app_version,
        "modules": modules,
        "assessment": {"seed": session.seed, "questions": questions},
        "scenario_choices": [
            {
                "module": c.module_id,
                "scenario": c.scenario_id,
                "step": c.step_id,
                "choice": c.choice_id,
                "verdict": verdicts[(c.scenario_id, c.step_id, c.choice_id)],
            }
            for c in session.choices
        ],
    }
