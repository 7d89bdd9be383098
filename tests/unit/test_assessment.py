"""The assessment draw, option shuffle and retry plan, as pure functions."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from smtrainer.domain.assessment import (
    draw,
    draw_blueprint,
    option_order,
    plan_retry,
    shuffled_options,
)
from smtrainer.domain.model import AnswerOption, Blueprint, Module, Question, QuestionKind


def question(question_id: str, section: str, options: int = 4, text: str = "Option") -> Question:
    return Question(
        id=question_id,
        kind=QuestionKind.SINGLE,
        prompt=f"Prompt {question_id}",
        explanation="Because.",
        section=section,
        options=tuple(
            AnswerOption(f"o{index}", f"{text} {index}", index == 0) for index in range(options)
        ),
    )


def module(module_id: str, sections: list[str]) -> Module:
    """A module with one question per entry of `sections` (the section it cites)."""
    return Module(
        id=module_id,
        title=module_id,
        summary="",
        minutes=1,
        confidence_prompt="",
        key_points=(),
        scenarios=(),
        check_questions=(),
        questions=tuple(
            question(f"{module_id}-q{index}", section) for index, section in enumerate(sections)
        ),
        self_check=(),
    )


def pool(sizes: list[int], sections: int = 3) -> list[Module]:
    return [
        module(f"m{m}", [f"s{m}.{index % sections}" for index in range(size)])
        for m, size in enumerate(sizes)
    ]


def owner(modules: list[Module]) -> dict[str, Module]:
    return {q.id: m for m in modules for q in m.questions}


SIZES = st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=6)


@given(sizes=SIZES, size=st.integers(1, 40), seed=st.integers(0, 2**32))
def test_draw_takes_size_distinct_pool_questions(sizes: list[int], size: int, seed: int) -> None:
    modules = pool(sizes)
    drawn = draw(modules, size, seed)
    assert len(drawn) == min(size, sum(sizes))
    assert len(set(drawn)) == len(drawn)
    assert set(drawn) <= set(owner(modules))
    assert drawn == draw(modules, size, seed)


@given(
    sizes=st.lists(st.integers(min_value=5, max_value=9), min_size=1, max_size=6),
    per_module=st.integers(1, 4),
    seed=st.integers(0, 2**32),
)
def test_each_module_gives_per_module_questions(
    sizes: list[int], per_module: int, seed: int
) -> None:
    modules = pool(sizes)
    blueprint = Blueprint(per_module * len(modules), per_module)
    drawn = draw_blueprint(modules, blueprint, seed)
    counts = Counter(owner(modules)[q].id for q in drawn)
    assert all(counts[m.id] == per_module for m in modules)


@given(sizes=st.lists(st.integers(6, 9), min_size=2, max_size=5), seed=st.integers(0, 2**32))
def test_a_module_spreads_its_share_over_its_sections(sizes: list[int], seed: int) -> None:
    modules = pool(sizes, sections=3)
    drawn = draw_blueprint(modules, Blueprint(3 * len(modules), 3), seed)
    by_id = {q.id: q for m in modules for q in m.questions}
    for m in modules:
        sections = [by_id[q].section for q in drawn if owner(modules)[q] is m]
        assert len(set(sections)) == 3


@given(seed=st.integers(0, 2**32), per_module=st.integers(1, 2))
def test_every_draw_asks_about_each_essential_section(seed: int, per_module: int) -> None:
    modules = pool([8, 8, 8, 8], sections=4)
    essential = ("s2.3", "s0.1", "s3.0")
    blueprint = Blueprint(per_module * 4, per_module, essential)
    drawn = draw_blueprint(modules, blueprint, seed)
    by_id = {q.id: q for m in modules for q in m.questions}
    assert {by_id[q].section for q in drawn} >= set(essential)
    assert len(drawn) == blueprint.size


def test_essential_sections_beyond_a_module_share_keep_the_size() -> None:
    modules = pool([6, 6], sections=2)
    blueprint = Blueprint(2, 1, ("s0.0", "s0.1"))
    for seed in range(50):
        drawn = draw_blueprint(modules, blueprint, seed)
        assert len(drawn) == 2
        assert {q.rsplit("-", 1)[0] for q in drawn} == {"m0"}


def test_without_essential_sections_a_draw_often_misses_one() -> None:
    """What the blueprint fixes: left to chance, small shares skip sections."""
    modules = pool([8, 8, 8], sections=4)
    misses = sum(
        not any(q.startswith("m1-") and int(q[-1]) % 4 == 2 for q in draw(modules, 3, seed))
        for seed in range(200)
    )
    assert misses > 100


@given(sizes=SIZES, seed=st.integers(0, 2**32), data=st.data())
def test_excluded_questions_are_never_drawn(
    sizes: list[int], seed: int, data: st.DataObject
) -> None:
    modules = pool(sizes)
    ids = sorted(owner(modules))
    excluded = data.draw(st.sets(st.sampled_from(ids))) if ids else set()
    drawn = draw_blueprint(modules, Blueprint(30), seed, excluded)
    assert not set(drawn) & excluded
    assert len(drawn) == min(30, len(ids) - len(excluded))


@given(options=st.integers(2, 6), seed=st.integers(0, 2**64))
def test_option_order_is_a_permutation_and_the_same_in_every_language(
    options: int, seed: int
) -> None:
    english = question("q-1", "s", options, "English")
    french = question("q-1", "s", options, "Français")
    order = option_order(english, seed)
    assert sorted(order) == sorted(o.id for o in english.options)
    assert order == option_order(french, seed)
    assert [o.id for o in shuffled_options(french, seed)] == list(order)


def test_across_seeds_every_option_takes_every_position() -> None:
    item = question("q-1", "s", 4)
    seen = {
        (position, option)
        for seed in range(200)
        for position, option in enumerate(option_order(item, seed))
    }
    assert seen == {(p, f"o{o}") for p in range(4) for o in range(4)}
    other = question("q-2", "s", 4)
    assert [option_order(item, s) for s in range(20)] != [option_order(other, s) for s in range(20)]


def test_true_false_keeps_true_then_false() -> None:
    item = Question(
        "q-tf",
        QuestionKind.TRUE_FALSE,
        "A statement.",
        "Because.",
        "s",
        (AnswerOption("true", "True", True), AnswerOption("false", "False", False)),
    )
    assert {option_order(item, seed) for seed in range(20)} == {("true", "false")}


@settings(max_examples=200)
@given(
    sizes=st.lists(st.integers(1, 9), min_size=1, max_size=5),
    seed=st.integers(0, 2**32),
    data=st.data(),
)
def test_a_retry_never_asks_a_seen_question(
    sizes: list[int], seed: int, data: st.DataObject
) -> None:
    modules = pool(sizes)
    ids = sorted(owner(modules))
    seen = data.draw(st.sets(st.sampled_from(ids), min_size=1))
    wrong = data.draw(st.lists(st.sampled_from(sorted(seen)), unique=True, min_size=1))
    plan = plan_retry(modules, wrong, seen, seed)
    assert not set(plan.asked) & seen
    assert len(set(plan.asked)) == len(plan.asked)
    assert sorted([*plan.replacements, *plan.dropped]) == sorted(wrong)
    unseen_anywhere = len(ids) - len(seen)
    assert len(plan.dropped) == max(0, len(wrong) - unseen_anywhere)
    by_module = owner(modules)
    for old, new in plan.replacements.items():
        module_of_old = by_module[old]
        if module_of_old.id not in plan.reread:
            assert by_module[new] is module_of_old
    for module_id in plan.reread:
        module_ids = {q.id for m in modules if m.id == module_id for q in m.questions}
        replaced_here = {plan.replacements.get(q) for q in wrong if by_module[q].id == module_id}
        assert module_ids - seen <= replaced_here


def test_retry_replaces_from_the_same_section_first() -> None:
    modules = pool([9], sections=3)
    plan = plan_retry(modules, ["m0-q0"], {"m0-q0", "m0-q1", "m0-q2"}, seed=1)
    assert plan.replacements["m0-q0"] in {"m0-q3", "m0-q6"}
    assert plan.reread == () and plan.dropped == ()
    assert plan.questions(["m0-q1", "m0-q0", "m0-q2"]) == ["m0-q1", plan.asked[0], "m0-q2"]


def test_an_exhausted_module_is_reread_and_tested_from_the_same_section_elsewhere() -> None:
    modules = [module("a", ["x", "y"]), module("b", ["y", "z"])]
    plan = plan_retry(modules, ["a-q1"], {"a-q0", "a-q1"}, seed=3)
    assert plan.reread == ("a",)
    assert plan.replacements == {"a-q1": "b-q0"}


def test_nothing_unseen_left_drops_the_question() -> None:
    modules = [module("a", ["x", "y"])]
    plan = plan_retry(modules, ["a-q0", "a-q1"], {"a-q0", "a-q1"}, seed=0)
    assert plan.reread == ("a",) and plan.dropped == ("a-q0", "a-q1") and plan.asked == []
    assert plan.questions(["a-q0", "a-q1"]) == ["a-q0", "a-q1"]
