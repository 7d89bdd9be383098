"""One broken copy of the clean format 2 tiny pack per answer cue the strict check must find.

Each case edits the English files, then expects one coded warning: its code, target, file, key
path and part of its message. The unedited pack is clean (see test_format_v2).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from smtrainer.content.loader import load_tree
from smtrainer.domain.problems import Severity

EN = "en/tiny/01-basics.toml"
EN_POLICY = "en/tiny/policy.toml"
LONG_RIGHT = "The head teacher, whom section two names as the one person to tell"


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[tuple[str, str, str], ...]
    """(file, old text, new text), applied in order."""
    code: str
    target: str
    file: str
    key: str
    message: str


CASES = [
    Case(
        "correct-option-usually-longest",
        (
            (EN, 'text = "The head teacher"', f'text = "{LONG_RIGHT}"'),
            (
                EN,
                'text = "As soon as you have followed rule one"',
                'text = "As soon as you have followed rule one and written down what you did"',
            ),
        ),
        "correct-longest",
        "tiny",
        EN_POLICY,
        "",
        "the correct option is the longest in 2 of 3 single-answer questions (67%",
    ),
    Case(
        "correct-option-much-longer",
        ((EN, 'text = "The head teacher"', f'text = "{LONG_RIGHT}"'),),
        "correct-much-longer",
        "q-single",
        EN,
        "questions[0]",
        "the correct option is much longer than the wrong ones",
    ),
    Case(
        "best-choice-usually-longest",
        (
            (
                EN,
                'text = "Follow rule one straight away."',
                'text = "Follow rule one straight away, exactly as the policy describes it."',
            ),
        ),
        "best-longest",
        "tiny",
        EN_POLICY,
        "",
        "a best choice is the longest in 2 of 2 scenario steps (100%",
    ),
    Case(
        "absolute-words-only-in-wrong-options",
        (
            (EN, 'text = "The local newspaper"', 'text = "Only the local newspaper"'),
            (
                EN,
                'text = "Nothing, since the matter is then closed"',
                'text = "Never anything, since the matter is closed"',
            ),
        ),
        "restrictive-words",
        "tiny",
        EN_POLICY,
        "",
        "are in 25% of wrong options and false statements but only 0% of right ones",
    ),
    Case(
        "absolute-words-mark-false-statements",
        (
            (
                EN,
                'prompt = "You may ignore rule one on personal accounts."',
                'prompt = "You may always ignore rule one on personal accounts."',
            ),
            (
                EN,
                'prompt = "Who do you tell after following rule one?"\n'
                'explanation = "Section two names the head teacher as the person to tell."\n'
                'section = "s2"\n',
                'prompt = "Who do you tell after following rule one?"\n'
                'explanation = "Section two names the head teacher as the person to tell."\n'
                'section = "s2"\n\n[[questions]]\nid = "q-never"\nkind = "true_false"\n'
                'prompt = "Rule one never applies to private groups."\nanswer = false\n'
                'explanation = "Rule one applies everywhere."\nsection = "s1"\n\n'
                '[[questions]]\nid = "q-every"\nkind = "true_false"\n'
                'prompt = "Every account is exempt from rule one."\nanswer = false\n'
                'explanation = "Rule one applies everywhere."\nsection = "s1"\n',
            ),
        ),
        "restrictive-true-false",
        "tiny",
        EN_POLICY,
        "",
        "3 of the 3 true/false statements with an absolute word are false (100%",
    ),
    Case(
        "true-false-unbalanced",
        (
            (
                EN,
                'answer = true\nexplanation = "Rule one has no exception for messaging',
                'answer = false\nexplanation = "Rule one has no exception for messaging',
            ),
        ),
        "true-false-balance",
        "tiny",
        EN_POLICY,
        "",
        "0 of 2 true/false statements are true (0%); keep it between 40 and 60 %",
    ),
    Case(
        "option-refers-to-the-others",
        ((EN, 'text = "The local newspaper"', 'text = "None of the above"'),),
        "option-refers-to-others",
        "q-single",
        EN,
        "questions[0]",
        "options c refer to other options or their position",
    ),
    Case(
        "near-duplicate-questions",
        (
            (
                EN,
                'prompt = "What do you keep after telling the head teacher?"',
                'prompt = "When should you tell the head teacher about a problem online?"',
            ),
        ),
        "near-duplicate",
        "q-note",
        EN,
        "questions[5]",
        "question nearly repeats 'q-when'",
    ),
    Case(
        "check-question-copies-a-scored-one",
        (
            (
                EN,
                'prompt = "Rule one applies on every platform you use."',
                'prompt = "Rule one also covers messaging apps you use with school contacts."',
            ),
        ),
        "check-copies-question",
        "cq-one",
        EN,
        "check_questions[0]",
        "check question nearly repeats scored question 'q-messaging'",
    ),
    Case(
        "module-pool-too-small",
        ((EN_POLICY, "size = 2\nper_module = 2", "size = 3\nper_module = 3"),),
        "small-module-pool",
        "basics",
        EN,
        "questions",
        "module has 6 scored questions; a draw takes 3, and retries need 4 more unseen",
    ),
    Case(
        "section-pool-too-small",
        (
            (
                EN_POLICY,
                '[[sections]]\nid = "s2"',
                '[[sections]]\nid = "s3"\ntitle = "Three"\n\n[[sections]]\nid = "s2"',
            ),
        ),
        "small-section-pool",
        "s3",
        EN_POLICY,
        "sections[1].id",
        "section 's3' is cited by 0 scored questions; at least 2",
    ),
    Case(
        "wrong-option-without-feedback",
        ((EN, '\n  feedback = "Telling the press is not a route section two gives."', ""),),
        "missing-feedback",
        "q-single",
        EN,
        "questions[0].choices",
        "wrong options without 'feedback' (why not this one): c",
    ),
]


def broken(root: Path, case: Case) -> Path:
    for file, old, new in case.edits:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, "the fixture no longer contains the text this case edits"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cue_is_reported_with_its_code_and_target(tiny_v2: Path, case: Case) -> None:
    problems = load_tree(broken(tiny_v2, case), cues=True).problems.sorted()
    hits = [p for p in problems if p.code == case.code]
    assert len(hits) == 1, "\n".join(map(str, problems))
    (hit,) = hits
    assert hit.severity is Severity.WARNING
    assert hit.target == case.target
    assert Path(hit.file) == tiny_v2 / case.file
    assert hit.key == case.key
    assert case.message in hit.message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_acknowledging_the_cue_silences_only_it(tiny_v2: Path, case: Case) -> None:
    root = broken(tiny_v2, case)
    before = load_tree(root, cues=True).problems.sorted()
    policy = root / EN_POLICY
    policy.write_text(
        policy.read_text(encoding="utf-8")
        + f'\n[[acknowledged]]\nwarning = "{case.code}"\ntarget = "{case.target}"\n'
        'reason = "Looked at and accepted for this one item."\n',
        encoding="utf-8",
    )
    after = load_tree(root, cues=True).problems.sorted()
    assert not [p for p in after if p.code == case.code]
    assert len(after) == len(before) - 1


def test_format_1_packs_are_not_checked_for_cues(tiny: Path) -> None:
    path = tiny / EN
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('text = "Nobody at all"', 'text = "None of the above"'))
    assert [p for p in load_tree(tiny, cues=True).problems.items if p.code] == []


def test_loading_for_the_app_skips_the_cue_checks(tiny_v2: Path) -> None:
    case = next(c for c in CASES if c.code == "option-refers-to-others")
    assert load_tree(broken(tiny_v2, case)).problems.items == []
