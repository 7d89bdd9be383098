"""One broken copy of the tiny content per kind of problem the checker must find.

Each case edits one file of a valid tree and states the problem expected: severity, file, key,
the line (found by looking for a marker in the edited file) and part of the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from smtrainer.content.loader import load_tree
from smtrainer.domain.problems import Problem, Severity

EN = "en/tiny/01-basics.toml"
FR = "fr/tiny/01-bases.toml"
EN_POLICY = "en/tiny/policy.toml"
FR_POLICY = "fr/tiny/policy.toml"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    old: str
    new: str
    key: str
    message: str
    marker: str | None
    """Text whose line (in the edited file) the problem must point at; None: no line."""
    occurrence: int = 1
    severity: Severity = Severity.ERROR
    problem_file: str | None = None
    """Where the problem is reported when that is not the edited file."""


CASES = [
    Case(
        "toml-syntax", FR, "minutes = 5", "minutes = = 5", "", "TOML syntax error", "minutes = = 5"
    ),
    Case(
        "unknown-key",
        EN,
        'summary = "What',
        'sumary = "What',
        "sumary",
        "unknown key 'sumary'; did you mean 'summary'?",
        "sumary =",
    ),
    Case(
        "wrong-type",
        EN,
        "minutes = 5",
        'minutes = "5"',
        "minutes",
        "'minutes' must be integer, not string",
        'minutes = "5"',
    ),
    Case(
        "missing-required",
        EN,
        'explanation = "Section two names the head teacher as the person to tell."\n',
        "",
        "questions[0]",
        "missing required key 'explanation' in questions[0]",
        "[[questions]]",
    ),
    Case(
        "out-of-range",
        EN_POLICY,
        "pass_mark = 80",
        "pass_mark = 180",
        "pass_mark",
        "'pass_mark' must be between 1 and 100, not 180",
        "pass_mark = 180",
    ),
    Case(
        "bad-choice-of-value",
        EN,
        'verdict = "unsafe"',
        'verdict = "unsaf"',
        "scenarios[0].steps[0].choices[1].verdict",
        "'verdict' must be one of best, acceptable, unsafe, not 'unsaf' (did you mean 'unsafe'?)",
        'verdict = "unsaf"',
    ),
    Case(
        "duplicate-id",
        EN,
        'id = "q-multiple"',
        'id = "q-single"',
        "questions[1].id",
        "duplicate id 'q-single': already used in",
        'id = "q-single"',
        occurrence=2,
    ),
    Case(
        "dangling-next",
        EN,
        'next = "then"',
        'next = "thne"',
        "scenarios[0].steps[0].choices[0].next",
        "'next' points to step 'thne', which this scenario lacks (did you mean 'then'?)",
        'next = "thne"',
    ),
    Case(
        "unreachable-step",
        EN,
        '    next = "then"\n',
        "",
        "scenarios[0].steps[1]",
        "step 'then' can never be reached from the start step 'start'",
        "[[scenarios.steps]]",
        occurrence=2,
    ),
    Case(
        "scenario-loop",
        EN,
        'feedback = "Section two asks you to keep the head teacher informed."',
        'feedback = "Section two asks you to keep the head teacher informed."\nnext = "start"',
        "scenarios[0]",
        "scenario 'sc-one' can loop for ever: start → then → start",
        "[[scenarios]]",
    ),
    Case(
        "single-answer-two-correct",
        EN,
        'text = "Nobody at all"',
        'text = "Nobody at all"\ncorrect = true',
        "questions[0].choices",
        "a single-answer question needs exactly one correct choice, found 2",
        "[[questions.choices]]",
    ),
    Case(
        "multiple-answer-none-correct",
        EN,
        'text = "Rule one"\n  correct = true\n\n  [[questions.choices]]\n  id = "b"\n'
        '  text = "Telling the head teacher"\n  correct = true',
        'text = "Rule one"\n\n  [[questions.choices]]\n  id = "b"\n'
        '  text = "Telling the head teacher"',
        "questions[1].choices",
        "a multiple-answer question needs at least one correct choice, found none",
        "[[questions.choices]]",
        occurrence=3,
    ),
    Case(
        "true-false-without-answer",
        EN,
        "answer = false\n",
        "",
        "questions[2]",
        "a true/false question needs 'answer = true' or 'answer = false'",
        "[[questions]]",
        occurrence=3,
    ),
    Case(
        "unknown-section",
        EN,
        'body = "Always follow **rule one**, whatever the platform."\nsection = "s1"',
        'body = "Always follow **rule one**, whatever the platform."\nsection = "s-1"',
        "key_points[0].section",
        "cites section 's-1', which the policy does not list (did you mean 's1'?)",
        'section = "s-1"',
    ),
    Case(
        "parity-verdict-differs",
        FR,
        'verdict = "acceptable"',
        'verdict = "best"',
        "scenarios[0].steps[1].choices[1].verdict",
        "scenario 'sc-one' › step 'then' › choice 'b' › verdict is 'best' here but "
        "'acceptable' in the English version",
        'verdict = "best"',
        occurrence=3,
    ),
    Case(
        "parity-correct-answer-differs",
        FR,
        'text = "Personne"',
        'text = "Personne"\n  correct = true',
        "questions[0].choices[1].correct",
        "question 'q-single' › choice 'b' › correct is true here but false in the English version",
        "correct = true",
        occurrence=2,
    ),
    Case(
        "unknown-key-nested",
        FR,
        'text = "Personne"',
        'text = "Personne"\n  id_ = 1',
        "questions[0].choices[1].id_",
        "unknown key 'id_'; did you mean 'id'?",
        "id_ = 1",
    ),
    Case(
        "unknown-table",
        FR,
        '[[questions]]\nid = "q-true-false"',
        '[[self_check_]]\nid = "q-true-false"',
        "self_check_",
        "unknown key 'self_check_'; did you mean 'self_check'?",
        "[[self_check_]]",
    ),
    Case(
        "parity-extra-step",
        FR,
        "[[check_questions]]",
        '  [[scenarios.steps]]\n  id = "extra"\n  text = "En plus."\n'
        '    [[scenarios.steps.choices]]\n    id = "y"\n    text = "Oui."\n    verdict = "best"\n'
        '    feedback = "Bien."\n    section = "s1"\n'
        '    [[scenarios.steps.choices]]\n    id = "z"\n    text = "Non."\n    verdict = "unsafe"\n'
        '    feedback = "Mal."\n    section = "s1"\n\n[[check_questions]]',
        "scenarios[0].steps[2]",
        "scenario 'sc-one' › step 'extra' is not in the English version",
        "[[scenarios.steps]]",
        occurrence=3,
    ),
    Case(
        "policy-id-mismatch",
        FR_POLICY,
        'id = "tiny"',
        'id = "tinny"',
        "id",
        "policy id 'tinny' does not match its folder name 'tiny'",
        'id = "tinny"',
    ),
    Case(
        "section-never-cited",
        EN_POLICY,
        '[[sections]]\nid = "s2"',
        '[[sections]]\nid = "s3"\ntitle = "Three"\n\n[[sections]]\nid = "s2"',
        "sections[1]",
        "section 's3' is never cited by any module",
        "[[sections]]",
        occurrence=2,
        severity=Severity.WARNING,
    ),
    Case(
        "untranslated-text",
        FR,
        'title = "Les bases"\nsummary = "Ce que la petite politique demande à chacun."',
        'title = "Les bases"\nsummary = "What the tiny policy asks of everyone."',
        "summary",
        "text is identical to the English version; is it translated?",
        "summary =",
        severity=Severity.WARNING,
    ),
]


def line_of(text: str, marker: str, occurrence: int) -> int:
    lines = text.splitlines()
    first_marker_line = marker.splitlines()[0]
    hits = [number for number, line in enumerate(lines, 1) if first_marker_line in line]
    return hits[occurrence - 1]


def find(problems: list[Problem], file: Path, key: str, message: str) -> Problem | None:
    for problem in problems:
        if Path(problem.file) == file and problem.key == key and message in problem.message:
            return problem
    return None


@pytest.mark.parametrize("case", [c for c in CASES if c.message], ids=lambda c: c.name)
def test_broken_fixture_is_reported(tiny: Path, case: Case) -> None:
    path = tiny / case.file
    original = path.read_text(encoding="utf-8")
    assert case.old in original, "the fixture no longer contains the text this case edits"
    edited = original.replace(case.old, case.new, 1)
    path.write_text(edited, encoding="utf-8")

    problems = load_tree(tiny).problems.items

    where = tiny / (case.problem_file or case.file)
    problem = find(problems, where, case.key, case.message)
    assert problem is not None, "\n".join(map(str, problems))
    assert problem.severity is case.severity
    expected_line = line_of(edited, case.marker, case.occurrence) if case.marker else None
    assert problem.line == expected_line


def test_toml_syntax_error_in_one_french_file_names_that_file(tiny: Path) -> None:
    path = tiny / FR
    path.write_text(path.read_text(encoding="utf-8").replace("minutes = 5", "minutes = = 5"))
    problems = load_tree(tiny).problems.items
    errors = [p for p in problems if p.is_error]
    assert [Path(p.file) for p in errors] == [path]
    assert errors[0].line == 5


def test_missing_french_module_is_named(tiny: Path) -> None:
    (tiny / FR).unlink()
    problems = load_tree(tiny).problems.items
    messages = [p.message for p in problems if Path(p.file) == tiny / "fr" / "tiny"]
    assert any("module 'basics'" in m and "has no French version" in m for m in messages)


def test_question_missing_in_french_is_reported(tiny: Path) -> None:
    path = tiny / FR
    text = path.read_text(encoding="utf-8")
    cut = text.index('[[questions]]\nid = "q-true-false"')
    end = text.index("[[self_check]]")
    path.write_text(text[:cut] + text[end:], encoding="utf-8")
    problems = load_tree(tiny).problems.items
    hits = [p for p in problems if "question 'q-true-false' is missing here" in p.message]
    assert len(hits) == 1
    assert Path(hits[0].file) == path
    assert hits[0].key == ""


def test_invalid_utf8_reports_the_line(tiny: Path) -> None:
    path = tiny / EN
    path.write_bytes(b'format = 1\nid = "x"\ntitle = "\xff"\n')
    problems = load_tree(tiny).problems.items
    hit = next(p for p in problems if Path(p.file) == path)
    assert hit.message == "file is not valid UTF-8 text"
    assert hit.line == 3


def test_valid_tiny_tree_has_no_problems(tiny: Path) -> None:
    assert load_tree(tiny).problems.items == []
