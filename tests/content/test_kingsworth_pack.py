"""The bundled Kingsworth pack: complete, cited, branching, and the same in both languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smtrainer.content.loader import load_tree
from smtrainer.content.location import bundled_content_dir
from smtrainer.content.policies import load_policy_set
from smtrainer.domain.item_stats import simulate
from smtrainer.domain.model import Policy

LANGUAGES = ("en", "fr")


@pytest.fixture(scope="module")
def policies() -> dict[str, Policy]:
    loaded = load_policy_set(None, "kingsworth")
    assert loaded.errors == []
    return loaded.policies


def test_strict_check_is_clean() -> None:
    tree = load_tree(bundled_content_dir(), cues=True)
    assert tree.problems.items == []
    assert tree.formats()["kingsworth"] == {"en": 2, "fr": 2}


@pytest.mark.parametrize("language", LANGUAGES)
def test_guessing_from_cues_does_not_pass(policies: dict[str, Policy], language: str) -> None:
    """Attempts drawn and shuffled as the app does them, answered from answer-key cues only."""
    results = simulate(policies[language], 300, ("any-time.safeguarding",))
    for name, result in results.items():
        assert result.passed == 0, name
        assert result.missed_sections["any-time.safeguarding"] == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_pack_meets_the_minimum_size(policies: dict[str, Policy], language: str) -> None:
    policy = policies[language]
    assert len(policy.modules) >= 8
    assert sum(len(m.key_points) for m in policy.modules) >= 32
    assert sum(len(m.scenarios) for m in policy.modules) >= 16
    assert sum(len(m.questions) for m in policy.modules) >= 60
    assert sum(len(m.self_check) for m in policy.modules) >= 8
    assert policy.pass_mark == 80
    assert policy.refresher_months == 12
    assert policy.acknowledgement.text


def branches_on_first_choice(policy: Policy) -> tuple[int, int]:
    """(scenarios whose follow-up depends on the first choice, all scenarios)."""
    branching = 0
    scenarios = [s for m in policy.modules for s in m.scenarios]
    for scenario in scenarios:
        first = scenario.step(scenario.start)
        targets = {choice.next for choice in first.choices}
        if len(targets) > 1 and targets - {None}:
            branching += 1
    return branching, len(scenarios)


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_half_the_scenarios_branch_on_the_first_choice(
    policies: dict[str, Policy], language: str
) -> None:
    branching, total = branches_on_first_choice(policies[language])
    assert branching * 2 >= total


@pytest.mark.parametrize("language", LANGUAGES)
def test_everything_cites_a_listed_section(policies: dict[str, Policy], language: str) -> None:
    policy = policies[language]
    listed = {section.id for section in policy.sections}
    cited = set()
    for module in policy.modules:
        for item in (
            *module.key_points,
            *module.questions,
            *module.check_questions,
            *module.self_check,
            *module.scenarios,
        ):
            assert item.section in listed, (module.id, item.id, item.section)
            cited.add(item.section)
        for scenario in module.scenarios:
            for step in scenario.steps:
                for choice in step.choices:
                    assert choice.section in listed, (scenario.id, step.id, choice.id)
    assert cited == listed, f"sections nothing teaches: {listed - cited}"


def test_required_scenarios_are_there(policies: dict[str, Policy]) -> None:
    titles = " | ".join(s.title.lower() for m in policies["en"].modules for s in m.scenarios)
    for situation in (
        "friend request",
        "former pupil",
        "criticising the school",
        "school event",
        "class dojo",
        "insulting comments",
        "phone in the staff room",
    ):
        assert situation in titles, situation


def test_same_structure_in_both_languages(policies: dict[str, Policy]) -> None:
    def shape(policy: Policy) -> list[object]:
        return [
            (
                m.id,
                m.minutes,
                [k.id for k in m.key_points],
                [
                    (
                        s.id,
                        [
                            (st.id, [(c.id, c.verdict, c.next) for c in st.choices])
                            for st in s.steps
                        ],
                    )
                    for s in m.scenarios
                ],
                [(q.id, q.kind, sorted(q.correct_ids)) for q in m.questions],
            )
            for m in policy.modules
        ]

    assert shape(policies["en"]) == shape(policies["fr"])


FRENCH_MODULES = sorted(
    p.name for p in (bundled_content_dir() / "fr" / "kingsworth").glob("[0-9]*.toml")
)


@pytest.mark.parametrize("name", FRENCH_MODULES)
def test_removing_a_french_module_fails_and_names_it(tmp_path: Path, name: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), content)
    (content / "fr" / "kingsworth" / name).unlink()
    problems = load_tree(content).problems
    assert problems.errors >= 1
    english = next((content / "en" / "kingsworth").glob(name.split("-", 1)[0] + "-*.toml"))
    messages = [p.message for p in problems.items if p.is_error]
    assert any(english.name in m and "has no French version" in m for m in messages), messages
