"""The item report's measures and cue-only simulation, on packs built to have (or lack) cues."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from smtrainer.content.policies import load_policy_set
from smtrainer.domain.item_stats import Rate, measure, simulate
from smtrainer.domain.model import (
    Acknowledgement,
    AcknowledgementMode,
    AnswerOption,
    Blueprint,
    Module,
    Policy,
    Question,
    QuestionKind,
    StaffIdRule,
)
from tests.content.conftest import TINY_V2

SCRIPT = Path(__file__).parents[2] / "scripts" / "item_report.py"


def single(number: int, right: str, wrong: list[str]) -> Question:
    options = [
        AnswerOption("r", right, True),
        *(AnswerOption(f"w{i}", w, False) for i, w in enumerate(wrong)),
    ]
    return Question(
        f"q{number}", QuestionKind.SINGLE, f"Prompt {number}?", "Why.", "s", tuple(options)
    )


def policy_of(questions: list[Question], size: int = 10) -> Policy:
    module = Module("m", "M", "", 1, "", (), (), (), tuple(questions), ())
    return Policy(
        id="p",
        language="en",
        title="P",
        school="S",
        version="1",
        adopted=None,
        pass_mark=80,
        refresher_months=12,
        assessment=Blueprint(size),
        staff_id=StaffIdRule.OPTIONAL,
        acknowledgement=Acknowledgement(AcknowledgementMode.SIGNATURE, "I agree."),
        contacts=(),
        sections=(),
        modules=(module,),
        format=2,
    )


def test_a_pack_whose_right_answer_is_always_longest_is_passed_by_guessing() -> None:
    questions = [
        single(n, "The full, careful and specific right answer", ["Short one", "Brief", "Tiny"])
        for n in range(20)
    ]
    policy = policy_of(questions)
    assert measure(policy).correct_longest == Rate(20, 20)
    results = simulate(policy, 50)
    assert results["longest"].pass_rate == 1.0
    assert results["mixed"].pass_rate == 1.0


def test_absolute_words_only_in_distractors_are_a_cue() -> None:
    questions = [
        single(n, "Tell the head teacher", ["Never tell anyone", "Only tell a friend"])
        for n in range(20)
    ]
    policy = policy_of(questions)
    stats = measure(policy)
    assert stats.restrictive_right == Rate(0, 20) and stats.restrictive_wrong == Rate(40, 40)
    assert simulate(policy, 50)["no-absolute-words"].pass_rate == 1.0


def test_shuffling_removes_the_position_cue() -> None:
    questions = [
        single(n, "Answer one", ["Answer two", "Answer six", "Answer ten"]) for n in range(20)
    ]
    policy = policy_of(questions)
    assert measure(policy).written_position == {1: 20}
    as_written = simulate(policy, 200, shuffle=False)["no-absolute-words"]
    shuffled = simulate(policy, 200)["no-absolute-words"]
    assert as_written.pass_rate == 1.0
    assert shuffled.pass_rate < 0.01
    assert 1.5 < shuffled.mean_correct < 3.5  # about one in four of ten


def test_a_clean_pack_measures_clean() -> None:
    policy = load_policy_set(TINY_V2).policies["en"]
    stats = measure(policy)
    assert stats.correct_longest == Rate(0, 3)
    assert stats.true_statements == Rate(1, 2)
    assert stats.near_duplicates == [] and stats.check_copies == []
    results = simulate(policy, 40, ("s2",))
    for result in results.values():
        assert result.attempts == 40 and result.mean_asked == 2
        assert result.missed_sections["s2"] == 0


def test_the_script_prints_both_languages(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(TINY_V2), "--draws", "30"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "## tiny [en], content format 2" in done.stdout
    assert "## tiny [fr], content format 2" in done.stdout
    assert done.stdout.count("passes") == 6
