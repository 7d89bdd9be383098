"""Retries of a format 2 pack: new questions each time, re-reading when a module runs out, and
every attempt kept for the record."""

from __future__ import annotations

import datetime as dt

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.domain import journey
from smtrainer.domain.model import Policy
from smtrainer.domain.progress import Identity, Progress, Stage
from tests.content.conftest import TINY_V2
from tests.unit.test_journey import answer_all, walk_module

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
WHO = Identity("Ada Lovelace", "teacher", "S-1")


@pytest.fixture(scope="module")
def policy() -> Policy:
    loaded = load_policy_set(TINY_V2)
    assert loaded.errors == []
    return loaded.policies["en"]


def failed_first_attempt(policy: Policy, seed: int) -> Progress:
    progress = journey.start_induction(policy, WHO, NOW)
    walk_module(policy, progress)
    journey.start_assessment(policy, progress, seed=seed)
    answer_all(policy, progress, wrong=2)
    assert progress.position.stage is Stage.REVIEW
    return progress


def fail_everything(policy: Policy, progress: Progress) -> None:
    while progress.position.stage is Stage.ASSESSMENT:
        question = journey.current_question(policy, progress)
        wrong = next(o.id for o in question.options if not o.correct)
        journey.answer_question(progress, question.id, [wrong])
        journey.advance(policy, progress)


@pytest.mark.parametrize("seed", range(8))
def test_first_draw_follows_the_blueprint(policy: Policy, seed: int) -> None:
    progress = failed_first_attempt(policy, seed)
    assert progress.assessment is not None
    drawn = [journey.find_question(policy, q) for q in progress.assessment.questions]
    assert len(drawn) == policy.assessment.size == 2
    assert "s2" in {q.section for q in drawn}, "the essential section is always asked"


@pytest.mark.parametrize("seed", range(8))
def test_a_retry_asks_only_questions_never_seen(policy: Policy, seed: int) -> None:
    progress = failed_first_attempt(policy, seed)
    assessment = progress.assessment
    assert assessment is not None
    first = list(assessment.questions)
    journey.advance(policy, progress)  # review → retry
    assert progress.position.stage is Stage.ASSESSMENT
    assert assessment.attempts == 2
    assert len(assessment.retry) == 2 and not set(assessment.retry) & set(first)
    assert assessment.questions == assessment.retry
    assert assessment.past_questions == [first]
    assert assessment.seed != assessment.past_seeds[0]
    answer_all(policy, progress)
    assert journey.passed(policy, progress)
    session = journey.session_of(policy, progress, NOW)
    first_attempt, second_attempt = session.history
    assert [a.question_id for a in first_attempt.answers] == first
    assert [a.outcome for a in first_attempt.answers] == ["wrong", "wrong"]
    assert [a.question_id for a in second_attempt.answers] == assessment.retry
    assert {a.outcome for a in second_attempt.answers} == {"correct"}


def test_when_the_pool_runs_out_the_module_is_read_again(policy: Policy) -> None:
    progress = failed_first_attempt(policy, 3)
    assessment = progress.assessment
    assert assessment is not None
    journey.advance(policy, progress)  # second attempt: 2 more questions
    fail_everything(policy, progress)
    journey.advance(policy, progress)  # third attempt: the last 2 unseen questions
    assert assessment.attempts == 3 and len(assessment.seen) == 6
    fail_everything(policy, progress)
    journey.advance(policy, progress)  # nothing unseen: read the module again first
    assert progress.position.stage is Stage.MAP
    assert assessment.reread == ["basics"] and not progress.module("basics").done
    assert assessment.attempts == 3
    walk_module(policy, progress)
    journey.start_assessment(policy, progress, seed=99)
    assert progress.position.stage is Stage.REVIEW, "nothing left to ask: only stopping remains"
    assert not journey.passed(policy, progress)
    assert len(assessment.seen) == 6 and assessment.attempts == 3
