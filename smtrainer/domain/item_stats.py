"""Measures of a pack's answer cues, and how far cue-only guessing gets with the app's own
draw and shuffle: what `scripts/item_report.py` prints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from smtrainer.domain import cues
from smtrainer.domain.assessment import draw_blueprint, shuffled_options
from smtrainer.domain.model import Policy, Question, QuestionKind, Verdict
from smtrainer.domain.scoring import has_passed, is_correct


@dataclass(frozen=True)
class Rate:
    part: int
    whole: int

    @property
    def share(self) -> float:
        return self.part / self.whole if self.whole else 0.0


@dataclass(frozen=True)
class ItemStats:
    """The cue measures of one language of a pack (scored questions unless said)."""

    correct_longest: Rate
    """Single-answer questions whose correct option is strictly the longest."""
    best_longest: Rate
    """Scenario steps where a best choice is strictly the longest."""
    true_statements: Rate
    restrictive_right: Rate
    """Right options and true statements holding an absolute word."""
    restrictive_wrong: Rate
    """Wrong options and false statements holding one."""
    written_position: Counter[int]
    """Where the correct option of single-answer questions is written (1 = first)."""
    near_duplicates: list[tuple[str, str]]
    check_copies: list[tuple[str, str]]


@dataclass
class Simulation:
    """How one cue-only strategy fares over many attempts drawn and shuffled as the app does."""

    attempts: int = 0
    passed: int = 0
    correct: int = 0
    asked: int = 0
    missed_sections: Counter[str] = field(default_factory=Counter)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempts if self.attempts else 0.0

    @property
    def mean_correct(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0

    @property
    def mean_asked(self) -> float:
        return self.asked / self.attempts if self.attempts else 0.0


def scored(policy: Policy) -> list[Question]:
    return [q for module in policy.modules for q in module.questions]


def measure(policy: Policy) -> ItemStats:
    language = policy.language
    questions = scored(policy)
    singles = [q for q in questions if q.kind is QuestionKind.SINGLE]
    statements = [q for q in questions if q.kind is QuestionKind.TRUE_FALSE]
    right: list[bool] = []
    wrong: list[bool] = []
    for question in questions:
        if question.kind is QuestionKind.TRUE_FALSE:
            side = right if cues.statement_truth(question) else wrong
            side.append(cues.has_restrictive(question.prompt, language))
        else:
            for option in question.options:
                side = right if option.correct else wrong
                side.append(cues.has_restrictive(option.text, language))
    positions = Counter(
        next(n for n, o in enumerate(q.options, start=1) if o.correct) for q in singles
    )
    checks = [q for module in policy.modules for q in module.check_questions]
    return ItemStats(
        correct_longest=Rate(sum(cues.correct_is_longest(q) for q in singles), len(singles)),
        best_longest=_best_longest(policy),
        true_statements=Rate(sum(cues.statement_truth(q) for q in statements), len(statements)),
        restrictive_right=Rate(sum(right), len(right)),
        restrictive_wrong=Rate(sum(wrong), len(wrong)),
        written_position=positions,
        near_duplicates=[(a.id, b.id) for a, b, _s in cues.near_duplicates(questions, language)],
        check_copies=[
            (a.id, b.id) for a, b, _s in cues.near_duplicates(questions, language, checks)
        ],
    )


def _best_longest(policy: Policy) -> Rate:
    counted = longest = 0
    for module in policy.modules:
        for scenario in module.scenarios:
            for step in scenario.steps:
                best = [cues.length(c.text) for c in step.choices if c.verdict is Verdict.BEST]
                others = [cues.length(c.text) for c in step.choices if c.verdict != Verdict.BEST]
                if best and others:
                    counted += 1
                    longest += max(best) > max(others)
    return Rate(longest, counted)


def simulate(
    policy: Policy,
    draws: int,
    watched_sections: tuple[str, ...] = (),
    first_seed: int = 0,
    *,
    shuffle: bool = True,
) -> dict[str, Simulation]:
    """Each cue-only strategy over `draws` first attempts (seeds `first_seed`, `first_seed`+1…),
    drawn to the pack's blueprint and shown shuffled exactly as the app does (or, without
    `shuffle`, as written, as the app showed them before it shuffled).

    `watched_sections`: count the attempts that ask nothing about each of them.
    """
    by_id = {q.id: q for q in scored(policy)}
    results = {name: Simulation() for name in cues.STRATEGIES}
    for seed in range(first_seed, first_seed + draws):
        drawn = [by_id[q] for q in draw_blueprint(policy.modules, policy.assessment, seed)]
        asked_sections = {q.section for q in drawn}
        shown = [(q, shuffled_options(q, seed) if shuffle else q.options) for q in drawn]
        for name, strategy in cues.STRATEGIES.items():
            result = results[name]
            right = sum(
                is_correct(q, strategy(q, options, policy.language)) for q, options in shown
            )
            result.attempts += 1
            result.correct += right
            result.asked += len(drawn)
            result.passed += has_passed(right, len(drawn), policy.pass_mark)
            for section in watched_sections:
                if section not in asked_sections:
                    result.missed_sections[section] += 1
    return results
