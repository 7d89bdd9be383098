"""Content format 2: what it adds, what it refuses, and format 1 still read beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.content.loader import load_tree
from smtrainer.content.policies import load_policy_set
from smtrainer.domain.model import Blueprint, Role, Translation
from smtrainer.domain.problems import Problem, Severity

EN = "en/tiny/01-basics.toml"
FR = "fr/tiny/01-bases.toml"
EN_POLICY = "en/tiny/policy.toml"
FR_POLICY = "fr/tiny/policy.toml"


def edit(root: Path, file: str, old: str, new: str) -> Path:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, "the fixture no longer contains the text this test edits"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems_in(root: Path, *, cues: bool = True) -> list[Problem]:
    return load_tree(root, cues=cues).problems.sorted()


def only(problems: list[Problem], fragment: str) -> Problem:
    hits = [p for p in problems if fragment in p.message]
    assert len(hits) == 1, "\n".join(map(str, problems))
    return hits[0]


def test_format_2_pack_is_clean_and_builds_every_new_field(tiny_v2: Path) -> None:
    assert problems_in(tiny_v2) == []
    loaded = load_policy_set(tiny_v2)
    assert loaded.errors == []
    english, french = loaded.policies["en"], loaded.policies["fr"]
    assert english.format == 2
    assert english.assessment == Blueprint(size=2, per_module=2, essential_sections=("s2",))
    assert english.assessment_size == 2
    assert english.translation is Translation.OFFICIAL
    assert french.translation is Translation.UNOFFICIAL
    assert "**rule one**" in english.introduction
    assert english.full_policy.startswith("Staff handbook")
    assert english.roles == (Role("teacher", "Teacher"), Role("office", "Office staff"))
    question = english.modules[0].question("q-single")
    assert question is not None
    wrong = [option for option in question.options if not option.correct]
    assert all(option.feedback for option in wrong)


def test_format_1_pack_still_loads_with_its_assessment_size(tiny: Path) -> None:
    edit(tiny, EN_POLICY, "refresher_months = 12", "refresher_months = 12\nassessment_size = 3")
    edit(tiny, FR_POLICY, "refresher_months = 12", "refresher_months = 12\nassessment_size = 3")
    loaded = load_policy_set(tiny)
    assert loaded.errors == []
    assert loaded.policies["en"].format == 1
    assert loaded.policies["en"].assessment == Blueprint(size=3)


def test_assessment_size_in_format_2_says_what_replaced_it(tiny_v2: Path) -> None:
    edit(tiny_v2, EN_POLICY, "refresher_months = 12", "refresher_months = 12\nassessment_size = 3")
    problem = only(problems_in(tiny_v2), "belongs to content format 1")
    assert problem.key == "assessment_size"
    assert "[assessment] size" in problem.message


def test_format_1_keys_are_refused_in_format_2_option_feedback(tiny: Path) -> None:
    edit(tiny, EN, 'text = "Nobody at all"', 'text = "Nobody at all"\n  feedback = "No."')
    problem = only(problems_in(tiny), "unknown key 'feedback'")
    assert problem.key == "questions[0].choices[1].feedback"


def test_a_pack_uses_one_format(tiny_v2: Path) -> None:
    edit(tiny_v2, FR, "format = 2", "format = 1")
    problems = problems_in(tiny_v2)
    problem = only(problems, "a pack uses one format throughout")
    assert Path(problem.file) == tiny_v2 / FR and problem.key == "format"


def test_unknown_format_is_refused(tiny_v2: Path) -> None:
    edit(tiny_v2, EN_POLICY, "format = 2", "format = 3")
    problem = only(problems_in(tiny_v2), "'format' must be between 1 and 2, not 3")
    assert problem.is_error


def test_essential_section_must_be_listed(tiny_v2: Path) -> None:
    edit(tiny_v2, EN_POLICY, 'essential_sections = ["s2"]', 'essential_sections = ["s-2"]')
    problem = only(problems_in(tiny_v2), "essential section 's-2'")
    assert problem.key == "assessment.essential_sections[0]"
    assert "did you mean 's2'" in problem.message


def test_per_module_cannot_exceed_the_assessment_size(tiny_v2: Path) -> None:
    for file in (EN_POLICY, FR_POLICY):
        edit(tiny_v2, file, "per_module = 2", "per_module = 3")
    problems = problems_in(tiny_v2)
    hits = [p for p in problems if "more than the assessment size 2" in p.message]
    assert {p.key for p in hits} == {"assessment.per_module"} and len(hits) == 2


def test_missing_feedback_is_a_coded_warning(tiny_v2: Path) -> None:
    edit(
        tiny_v2,
        EN,
        '\n  feedback = "Telling the press is not a route section two gives."',
        "",
    )
    problem = only(problems_in(tiny_v2), "wrong options without 'feedback'")
    assert problem.severity is Severity.WARNING
    assert (problem.code, problem.target) == ("missing-feedback", "q-single")
    assert problem.key == "questions[0].choices"
    assert problem.message.endswith(": c")


def test_acknowledgement_silences_exactly_one_warning(tiny_v2: Path) -> None:
    for old in (
        '\n  feedback = "Telling the press is not a route section two gives."',
        '\n  feedback = "Section two asks for a note, so that what happened can be checked later."',
    ):
        edit(tiny_v2, EN, old, "")
    edit(
        tiny_v2,
        EN_POLICY,
        "[[roles]]",
        '[[acknowledged]]\nwarning = "missing-feedback"\ntarget = "q-single"\n'
        'reason = "Nobody thinks the newspaper is a route."\n\n[[roles]]',
    )
    problems = problems_in(tiny_v2)
    hits = [p for p in problems if p.code == "missing-feedback"]
    assert [p.target for p in hits] == ["q-note"]


def test_stale_acknowledgement_is_reported(tiny_v2: Path) -> None:
    path = edit(
        tiny_v2,
        EN_POLICY,
        "[[roles]]",
        '[[acknowledged]]\nwarning = "missing-feedback"\ntarget = "q-single"\n'
        'reason = "Once needed."\n\n[[roles]]',
    )
    problem = only(problems_in(tiny_v2), "the checker gives no such warning")
    assert Path(problem.file) == path
    assert problem.code == "unused-acknowledgement" and problem.key == "acknowledged[0].target"


def test_acknowledged_warning_code_must_exist(tiny_v2: Path) -> None:
    edit(
        tiny_v2,
        EN_POLICY,
        "[[roles]]",
        '[[acknowledged]]\nwarning = "missing-feedbak"\ntarget = "q-single"\n'
        'reason = "Typo."\n\n[[roles]]',
    )
    problem = only(problems_in(tiny_v2), "is not a warning code the checker gives")
    assert problem.is_error and "did you mean 'missing-feedback'" in problem.message


def test_roles_must_match_across_languages(tiny_v2: Path) -> None:
    edit(tiny_v2, FR_POLICY, 'id = "office"', 'id = "admin"')
    problems = problems_in(tiny_v2)
    assert only(problems, "role 'admin' is not in the English version").file.endswith("policy.toml")
    only(problems, "role 'office' is missing here")


def test_blueprint_must_match_across_languages(tiny_v2: Path) -> None:
    edit(tiny_v2, FR_POLICY, 'essential_sections = ["s2"]', 'essential_sections = ["s1"]')
    problem = only(problems_in(tiny_v2), "essential_sections is ['s1'] here but ['s2']")
    assert problem.key == "assessment.essential_sections"


def test_option_section_must_match_across_languages(tiny_v2: Path) -> None:
    edit(
        tiny_v2,
        FR,
        'text = "Le journal local"',
        'text = "Le journal local"\n  section = "s1"',
    )
    problem = only(problems_in(tiny_v2), "question 'q-single' › choice 'c' › section is 's1'")
    assert problem.key == "questions[0].choices[2].section"


def test_id_longer_than_64_characters_is_refused(tiny_v2: Path) -> None:
    long_id = "q-" + "x" * 63
    edit(tiny_v2, EN, 'id = "q-note"', f'id = "{long_id}"')
    only(problems_in(tiny_v2), "at most 64 characters")


def test_check_explains_how_to_move_a_format_1_pack(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tiny)]) == 0
    out = capsys.readouterr().out
    assert "tiny [en, fr] is in content format 1, which is still read" in out
    assert "write 'format = 2' in policy.toml and in every module file" in out
    assert "each of the 2 wrong options" in out
    assert main(["check", "--json", str(tiny)]) == 0
    report = json.loads(capsys.readouterr().out)
    policy = report["policies"][0]
    assert policy["formats"] == {"en": 1, "fr": 1}
    assert len(policy["migration"]["fr"]) == 5


def test_check_of_a_format_2_pack_says_nothing_about_moving(
    tiny_v2: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--strict", str(tiny_v2)]) == 0
    out = capsys.readouterr().out
    assert "content format 1" not in out and "No problems found." in out
