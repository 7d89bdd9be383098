"""The journey rules, without any UI: positions, answers, scoring, retries, refresher plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.domain import journey
from smtrainer.domain.assessment import draw
from smtrainer.domain.completion import build_record
from smtrainer.domain.dates import add_months
from smtrainer.domain.model import Policy
from smtrainer.domain.progress import Identity, Position, Progress, Stage
from smtrainer.domain.record import check_record
from smtrainer.domain.scoring import has_passed, percent
from tests.conftest import TINY

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
WHO = Identity("Ada Lovelace", "teacher", "S-1")


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy_set(TINY).policies["en"]


def walk_module(policy: Policy, progress: Progress, *, best: bool = True) -> None:
    module = policy.modules[0]
    journey.open_module(policy, progress, module.id)
    journey.answer_confidence(progress, 2)
    while progress.position.stage is not Stage.MAP:
        position = progress.position
        if position.stage is Stage.SCENARIO:
            scenario = module.scenarios[position.index]
            step = scenario.step(position.step or scenario.start)
            choice = step.choices[0] if best else step.choices[-1]
            journey.choose(policy, progress, choice.id)
        elif position.stage is Stage.CHECK:
            question = journey.current_question(policy, progress)
            journey.answer_question(progress, question.id, question.correct_ids)
        journey.advance(policy, progress)


def answer_all(policy: Policy, progress: Progress, *, wrong: int = 0) -> None:
    while progress.position.stage is Stage.ASSESSMENT:
        question = journey.current_question(policy, progress)
        answer = question.correct_ids
        if progress.position.index < wrong and not progress.assessment.retry:  # type: ignore[union-attr]
            answer = frozenset({next(o.id for o in question.options if not o.correct)})
        journey.answer_question(progress, question.id, answer)
        journey.advance(policy, progress)


def test_module_walk_in_order(policy: Policy) -> None:
    progress = journey.start_induction(policy, WHO, NOW)
    module = policy.modules[0]
    journey.open_module(policy, progress, module.id)
    assert progress.position == Position(Stage.CONFIDENCE, module.id)
    with pytest.raises(journey.JourneyError):
        journey.advance(policy, progress)  # confidence not given yet
    journey.answer_confidence(progress, 4)
    assert progress.position == Position(Stage.CONFIDENCE, module.id)  # Enter still to come
    journey.answer_confidence(progress, 3)  # a second thought before Enter
    assert progress.module(module.id).confidence == 3
    journey.advance(policy, progress)
    assert progress.position == Position(Stage.KEY_POINT, module.id, 0)
    journey.advance(policy, progress)
    assert progress.position == Position(Stage.SCENARIO, module.id, 0, "start")
    journey.choose(policy, progress, "a")
    journey.advance(policy, progress)
    assert progress.position == Position(Stage.SCENARIO, module.id, 0, "then")
    journey.go_back(policy, progress)
    assert progress.position == Position(Stage.SCENARIO, module.id, 0, "start")


def test_choosing_again_forgets_what_followed(policy: Policy) -> None:
    progress = journey.start_induction(policy, WHO, NOW)
    journey.open_module(policy, progress, "basics")
    journey.answer_confidence(progress, 1)
    journey.advance(policy, progress)
    journey.advance(policy, progress)
    journey.choose(policy, progress, "a")
    journey.advance(policy, progress)
    journey.choose(policy, progress, "b")
    journey.go_back(policy, progress)
    journey.choose(policy, progress, "b")  # the unsafe branch ends the scenario
    assert progress.module("basics").choices == {"sc-one": {"start": "b"}}


def test_induction_to_record(policy: Policy) -> None:
    progress = journey.start_induction(policy, WHO, NOW)
    walk_module(policy, progress)
    assert journey.all_modules_done(policy, progress)
    journey.start_assessment(policy, progress, seed=5)
    assert progress.assessment is not None
    assert progress.assessment.questions == draw(policy.modules, policy.assessment_size, 5)
    answer_all(policy, progress)
    assert progress.position.stage is Stage.REVIEW
    assert journey.passed(policy, progress)
    journey.advance(policy, progress)
    assert progress.position == Position(Stage.SELF_CHECK, index=0)
    journey.answer_self_check(policy, progress, False)
    journey.advance(policy, progress)
    assert [item.id for item in journey.action_list(policy, progress)] == ["sa-one"]
    journey.advance(policy, progress)
    assert progress.position.stage is Stage.ACKNOWLEDGE
    record = build_record(journey.session_of(policy, progress, NOW), "x" * 8, "0")
    assert record["passed"] is True
    assert record["score_pct"] == 100
    assert "sa-one" not in repr(record), "self-check answers must never reach the record"


def test_retry_reasks_only_what_was_wrong(policy: Policy) -> None:
    progress = journey.start_induction(policy, WHO, NOW)
    walk_module(policy, progress)
    journey.start_assessment(policy, progress, seed=5)
    answer_all(policy, progress, wrong=2)
    assert not journey.passed(policy, progress)
    wrong = journey.wrong_questions(policy, progress)
    assert len(wrong) == 2
    journey.advance(policy, progress)  # review → retry
    assert progress.assessment is not None
    assert progress.assessment.retry == wrong
    assert progress.assessment.attempts == 2
    answer_all(policy, progress)
    assert journey.passed(policy, progress)


def test_refresher_plan_has_missed_and_changed_modules(policy: Policy) -> None:
    last = journey.LastRecord({"basics": "sha256:old"}, frozenset())
    assert journey.changed_modules(policy, last) == ["basics"]
    same = journey.LastRecord({"basics": policy.modules[0].content_hash}, frozenset())
    progress = journey.start_refresher(policy, WHO, same, NOW, seed=3)
    assert progress.position.stage is Stage.ASSESSMENT
    answer_all(policy, progress)
    journey.advance(policy, progress)
    assert progress.position.stage is Stage.PLAN
    assert progress.plan == []
    journey.advance(policy, progress)
    assert progress.position.stage is Stage.SELF_CHECK


def test_refresher_with_a_wrong_answer_revisits_that_module(policy: Policy) -> None:
    same = journey.LastRecord({"basics": policy.modules[0].content_hash}, frozenset())
    progress = journey.start_refresher(policy, WHO, same, NOW, seed=3)
    answer_all(policy, progress, wrong=1)
    journey.advance(policy, progress)
    assert progress.plan == ["basics"]
    journey.advance(policy, progress)
    assert progress.position.stage is Stage.MAP


@pytest.mark.parametrize(
    ("correct", "total", "mark", "expected"),
    [
        (8, 10, 80, True),
        (7, 10, 80, False),
        (4, 5, 80, True),
        (15, 19, 80, False),
        (0, 0, 80, False),
    ],
)
def test_pass_mark_is_exact(correct: int, total: int, mark: int, expected: bool) -> None:
    assert has_passed(correct, total, mark) is expected


def test_percent_rounds_down() -> None:
    assert percent(2, 3) == 66
    assert percent(0, 0) == 0


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 11, 21), 12, dt.date(2027, 11, 21)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_draw_is_seeded_and_spread(tmp_path: Path) -> None:
    policy = load_policy_set(None, "kingsworth").policies["en"]
    first = draw(policy.modules, 20, 1)
    assert first == draw(policy.modules, 20, 1)
    assert first != draw(policy.modules, 20, 2)
    assert len(set(first)) == 20
    per_module = [sum(1 for q in first if module.question(q)) for module in policy.modules]
    assert per_module == [2] * 10


def test_built_record_passes_the_format_checks(policy: Policy) -> None:
    progress = journey.start_induction(policy, WHO, NOW)
    walk_module(policy, progress)
    journey.start_assessment(policy, progress, seed=9)
    answer_all(policy, progress)
    record = build_record(
        journey.session_of(policy, progress, NOW + dt.timedelta(minutes=40)),
        "0b7c1f7e-3f0e-4c52-9a57-2d1e8f3b6a41",
        "0.1.0",
    )
    assert check_record(record) == []
    assert record["refresher_due"] == "2027-11-21"
