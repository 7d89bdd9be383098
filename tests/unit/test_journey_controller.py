"""The journey controller: decisions, saving after every action, and finishing, with no UI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.domain.progress import Stage
from smtrainer.domain.record_status import Status
from smtrainer.storage.progress import load_progress
from smtrainer.storage.records import local_records_dir
from smtrainer.workflows.journey_controller import (
    SEED_VARIABLE,
    AfterReview,
    JourneyController,
    new_seed,
)
from smtrainer.workflows.verify import record_files, verify_file
from tests.conftest import TINY

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def controller(seed: int = 5) -> JourneyController:
    policies = load_policy_set(TINY).policies
    return JourneyController(policies, seeds=lambda: seed, clock=lambda: NOW)


def right_numbers(journey: JourneyController) -> list[int]:
    question = journey.question()
    return [n for n, o in enumerate(journey.options(question), 1) if o.correct]


def wrong_numbers(journey: JourneyController) -> list[int]:
    question = journey.question()
    return [next(n for n, o in enumerate(journey.options(question), 1) if not o.correct)]


def saved_position(journey: JourneyController) -> object:
    saved = load_progress(journey.policy_id).progress
    assert saved is not None
    return saved.position


def walk_modules(journey: JourneyController) -> None:
    """Every module, best choices and right answers, checking the save after each action."""
    for module in journey.modules():
        journey.open_module(module.id)
        journey.rate_confidence(3)
        assert journey.advance()
        while journey.position.stage is not Stage.MAP:
            stage = journey.position.stage
            if stage is Stage.SCENARIO and journey.chosen() is None:
                _scenario, step = journey.scenario()
                best = next(n for n, c in enumerate(step.choices, 1) if c.verdict == "best")
                assert journey.choose(best)
                assert not journey.choose(best), "the first choice is the one kept"
            elif stage is Stage.CHECK and journey.saved_answer() is None:
                assert journey.answer(right_numbers(journey))
            else:
                assert journey.advance()
            assert saved_position(journey) == journey.position


def finish_assessment(journey: JourneyController, wrong: int = 0) -> None:
    while journey.position.stage is Stage.ASSESSMENT:
        missed = journey.position.index < wrong and not journey.asking_again()
        assert journey.answer(wrong_numbers(journey) if missed else right_numbers(journey))


def signed_records() -> list[dict[str, object]]:
    found = []
    for path in record_files([local_records_dir()]):
        result = verify_file(path).result
        assert result.status is Status.VALID, result.reason
        assert result.record is not None
        found.append(dict(result.record))
    return found


def test_identity_problems_are_words() -> None:
    journey = controller()
    assert (
        journey.identity_problem(journey.identity("", "teacher")) == "Please type your full name."
    )
    assert journey.identity_problem(journey.identity("Ada", "")) == "Please choose your role."
    assert journey.identity_problem(journey.identity("Ada\x1b[2J", "teacher")) is not None
    assert journey.identity_problem(journey.identity("  Ada  ", "teacher")) is None
    too_long = journey.identity_problem(journey.identity("A" * 201, "teacher"))
    assert too_long == "A name is at most 200 characters."  # Else it could never be signed.
    assert journey.identity_problem(journey.identity("A" * 200, "teacher")) is None
    latin1 = "Zoé Lefèvre".encode("latin-1").decode("utf-8", errors="replace")
    problem = journey.identity_problem(journey.identity(latin1, "teacher"))
    assert problem is not None and "UTF-8" in problem
    problem = journey.identity_problem(journey.identity("Zoé", "teacher", "S-\ufffd1"))
    assert problem is not None and "UTF-8" in problem


def test_an_empty_signature_asks_for_the_name_rather_than_saying_it_differs() -> None:
    journey = controller()
    journey.start(journey.identity("Ada Lovelace", "teacher"))
    for typed in ("", "   "):
        problem = journey.sign(typed).problem
        assert problem is not None
        assert problem.startswith("Type your full name to sign") and "Ada Lovelace" in problem
    problem = journey.sign("Ada Byron").problem
    assert problem is not None and problem.startswith("The name typed is not the name you gave")


def test_induction_then_refresher_through_the_controller() -> None:
    journey = controller()
    ada = journey.identity("Ada Lovelace", "teacher", "S-1")
    assert journey.refresher_offer(ada) is None
    journey.start(ada)
    assert journey.position.stage is Stage.MAP
    assert not journey.start_assessment(), "every module must be done first"
    assert not journey.back(), "nothing comes before the module map"
    walk_modules(journey)
    assert journey.start_assessment()
    assert journey.position.stage is Stage.ASSESSMENT
    finish_assessment(journey, wrong=1)
    review = journey.review()
    assert not review.passed and review.after is AfterReview.RETRY and journey.may_stop()
    asked_again = [item.question.id for item in review.wrong]
    assert journey.advance()
    assert journey.asking_again()
    assert [journey.question().id] == asked_again[:1]
    finish_assessment(journey)
    assert journey.review().after is AfterReview.PRACTICE and not journey.may_stop()
    assert journey.advance()
    while journey.position.stage is Stage.SELF_CHECK:
        journey.answer_self_check(False)
        assert journey.advance()
    assert [item.id for item in journey.action_list()] == ["sa-one"]
    assert journey.advance()
    assert journey.position.stage is Stage.ACKNOWLEDGE
    assert journey.sign("Someone Else").problem is not None
    assert journey.progress is not None
    signing = journey.sign("  ada   LOVELACE ")
    assert signing.finished is not None and journey.progress is None
    assert load_progress(journey.policy_id).progress is None
    (record,) = signed_records()
    attempts = record["attempts"]  # a count in record v1, the attempts themselves in v2
    assert (len(attempts) if isinstance(attempts, list) else attempts) == 2
    assert record["passed"] is True

    again = controller(seed=9)
    offer = again.refresher_offer(ada)
    assert offer is not None and offer.last_completed == NOW.date()
    again.start(ada, offer)
    assert again.position.stage is Stage.ASSESSMENT
    finish_assessment(again)
    assert again.review().after is AfterReview.PLAN
    assert again.advance()
    assert again.position.stage is Stage.PLAN and again.plan() == []
    assert again.advance()
    assert again.position.stage is Stage.SELF_CHECK


def test_a_failed_save_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    problems: list[str] = []
    journey = controller()
    journey.on_problem = problems.append
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SMTRAINER_HOME", str(blocker / "home"))
    journey.start(journey.identity("Ada", "teacher"))
    assert journey.position.stage is Stage.MAP
    assert problems and problems[0].startswith("Your progress could not be saved")


@pytest.mark.parametrize("background", [False, True])
def test_all_saved_says_whether_the_last_save_reached_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, background: bool
) -> None:
    policies = load_policy_set(TINY).policies
    journey = JourneyController(
        policies, seeds=lambda: 5, clock=lambda: NOW, save_in_background=background
    )
    home = tmp_path / "home"
    monkeypatch.setenv("SMTRAINER_HOME", str(home))
    journey.start(journey.identity("Ada", "teacher"))
    assert journey.all_saved()
    progress = home / "data" / "progress"
    saved = progress.with_name("kept")
    progress.rename(saved)
    progress.write_text("a file where the folder should be")  # Every save now fails.
    journey.open_module(journey.modules()[0].id)
    assert not journey.all_saved()
    progress.unlink()
    saved.rename(progress)
    journey.rate_confidence(2)  # This save succeeds: everything is on disk again.
    assert journey.all_saved()
    assert saved_position(journey) == journey.position


def test_the_seed_is_fixed_only_through_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SEED_VARIABLE, "1234")
    assert new_seed() == 1234
    monkeypatch.setenv(SEED_VARIABLE, "not a number")
    assert new_seed() != new_seed()
    monkeypatch.delenv(SEED_VARIABLE)
    assert new_seed() != new_seed()


def test_resume_where_the_last_save_left_off() -> None:
    journey = controller()
    journey.start(journey.identity("Ada", "teacher"))
    journey.open_module(journey.modules()[0].id)
    journey.rate_confidence(2)
    journey.advance()
    resumed = controller()
    assert resumed.load() is None
    assert resumed.position == journey.position
    assert resumed.confidence() == 2
