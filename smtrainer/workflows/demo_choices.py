"""How a simulated member of staff answers a policy's questions and walks its scenarios.

What every attempt looks up (each question's right and wrong options, each step's best and
other choices) is worked out once per policy, not once per record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from smtrainer.domain.model import Choice, Policy, QuestionKind, Verdict


@dataclass(frozen=True)
class QuestionFacts:
    correct: frozenset[str]
    options: tuple[str, ...]
    wrong: tuple[str, ...]
    """The options that are not correct, in the question's order."""
    multiple: bool


@dataclass(frozen=True)
class Walk:
    """One scenario: where it starts, and each step's best and other choices."""

    module_id: str
    scenario_id: str
    start: str
    steps: dict[str, tuple[tuple[Choice, ...], tuple[Choice, ...]]]


@dataclass(frozen=True)
class PreparedPolicy:
    policy: Policy
    questions: dict[str, QuestionFacts]
    """Every assessment question, by id."""
    walks: tuple[Walk, ...]
    """Every scenario, in the policy's order."""


def prepare(policy: Policy) -> PreparedPolicy:
    questions = {}
    for module in policy.modules:
        for question in module.questions:
            correct = question.correct_ids
            options = tuple(option.id for option in question.options)
            questions[question.id] = QuestionFacts(
                correct,
                options,
                tuple(option for option in options if option not in correct),
                question.kind is QuestionKind.MULTIPLE,
            )
    walks = tuple(
        Walk(
            module.id,
            scenario.id,
            scenario.start,
            {
                step.id: (
                    tuple(c for c in step.choices if c.verdict is Verdict.BEST),
                    tuple(c for c in step.choices if c.verdict is not Verdict.BEST),
                )
                for step in scenario.steps
            },
        )
        for module in policy.modules
        for scenario in module.scenarios
    )
    return PreparedPolicy(policy, questions, walks)


def answer(rng: random.Random, question: QuestionFacts, right: bool) -> frozenset[str]:
    """The options chosen: the correct ones, or a wrong answer drawn from `rng`."""
    if right:
        return question.correct
    if question.multiple:
        flip = rng.choice(question.options)
        wrong = set(question.correct) ^ {flip}
        return frozenset(wrong) if wrong else frozenset(set(question.options) - question.correct)
    return frozenset({rng.choice(question.wrong)})


def walk(rng: random.Random, scenario: Walk, skill: float) -> list[tuple[str, str]]:
    """The (step, choice) ids taken through a scenario: a best choice with odds `skill`."""
    taken = []
    step_id = scenario.start
    while True:
        best, other = scenario.steps[step_id]
        choice = rng.choice(best) if (rng.random() < skill or not other) else rng.choice(other)
        taken.append((step_id, choice.id))
        if choice.next is None:
            return taken
        step_id = choice.next
