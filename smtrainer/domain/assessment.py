"""The final assessment: drawing it to the blueprint, shuffling options, planning a retry."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from smtrainer.domain.model import AnswerOption, Blueprint, Module, Question, QuestionKind

DEFAULT_SIZE = 20


def draw(modules: Sequence[Module], size: int, seed: int) -> list[str]:
    """Question ids for one assessment of `size` questions spread evenly over the modules.

    The same modules, size and seed always give the same draw; another seed gives another.
    """
    return draw_blueprint(modules, Blueprint(size), seed)


def draw_blueprint(
    modules: Sequence[Module],
    blueprint: Blueprint,
    seed: int,
    exclude: Collection[str] = (),
) -> list[str]:
    """Question ids for one assessment drawn to `blueprint`, never one of `exclude`.

    Each module gives `per_module` questions (or its even share of `size`); a module short of
    questions leaves its share to the others. Every essential section is asked about at least
    once when the pool allows. Within a module the draw spreads over its sections. The order
    is shuffled; the same arguments always give the same draw.
    """
    rng = random.Random(seed)
    excluded = frozenset(exclude)
    pools = {m.id: [q for q in m.questions if q.id not in excluded] for m in modules}
    quotas = _quotas(modules, blueprint, {m: len(pool) for m, pool in pools.items()}, rng)
    chosen: dict[str, list[Question]] = {m.id: [] for m in modules}
    essential = _essential_picks(pools, blueprint.essential_sections, rng)
    for module_id, question in essential:
        chosen[module_id].append(question)
    for module in modules:
        taken = {q.id for q in chosen[module.id]}
        rest = [q for q in pools[module.id] if q.id not in taken]
        rng.shuffle(rest)
        need = quotas[module.id] - len(chosen[module.id])
        chosen[module.id].extend(_spread(rest, chosen[module.id], need))
    _trim(chosen, blueprint.size, {q.id for _m, q in essential}, rng)
    ids = [q.id for picks in chosen.values() for q in picks]
    rng.shuffle(ids)
    return ids


def _quotas(
    modules: Sequence[Module], blueprint: Blueprint, available: dict[str, int], rng: random.Random
) -> dict[str, int]:
    """How many questions each module gives, never more than it has."""
    if not modules:
        return {}
    even = blueprint.size // len(modules)
    base = even if blueprint.per_module is None else min(blueprint.per_module, even)
    quotas = {m.id: min(base, available[m.id]) for m in modules}
    order = [m.id for m in modules]
    rng.shuffle(order)  # So that leftovers do not always favour the first modules.
    remaining = blueprint.size - sum(quotas.values())
    while remaining > 0:
        spare = [m for m in order if quotas[m] < available[m]]
        if not spare:
            break
        for module_id in spare[:remaining]:
            quotas[module_id] += 1
        remaining = blueprint.size - sum(quotas.values())
    return quotas


def _essential_picks(
    pools: dict[str, list[Question]], sections: Sequence[str], rng: random.Random
) -> list[tuple[str, Question]]:
    """One question citing each essential section (when the pool has one)."""
    picks: list[tuple[str, Question]] = []
    for section in sections:
        if any(q.section == section for _m, q in picks):
            continue
        candidates = [
            (module_id, q)
            for module_id, pool in pools.items()
            for q in pool
            if q.section == section and all(q.id != p.id for _m, p in picks)
        ]
        if candidates:
            picks.append(rng.choice(candidates))
    return picks


def _spread(pool: list[Question], already: Sequence[Question], count: int) -> list[Question]:
    """`count` questions from the (shuffled) pool, the least-asked sections first."""
    asked = Counter(q.section for q in already)
    picked: list[Question] = []
    rest = list(pool)
    while rest and len(picked) < count:
        best = min(rest, key=lambda q: asked[q.section])
        rest.remove(best)
        picked.append(best)
        asked[best.section] += 1
    return picked


def _trim(chosen: dict[str, list[Question]], size: int, keep: set[str], rng: random.Random) -> None:
    """Back to `size` when essential questions pushed a module over its share."""
    while sum(len(picks) for picks in chosen.values()) > size:
        droppable = [m for m, picks in chosen.items() if any(q.id not in keep for q in picks)]
        if not droppable:
            return
        largest = max(len(chosen[m]) for m in droppable)
        module_id = rng.choice([m for m in droppable if len(chosen[m]) == largest])
        picks = chosen[module_id]
        victim = rng.choice([q for q in picks if q.id not in keep])
        picks.remove(victim)


def option_order(question: Question, seed: int) -> tuple[str, ...]:
    """The order an attempt shows a question's options in, by option id.

    Seeded by the attempt's seed and the question id, so every language (whose options share
    ids) shows the same order, and each attempt another. True/false stays true, then false.
    """
    ids = [option.id for option in question.options]
    if question.kind is QuestionKind.TRUE_FALSE:
        return tuple(ids)
    random.Random(f"{seed}/{question.id}").shuffle(ids)
    return tuple(ids)


def shuffled_options(question: Question, seed: int) -> tuple[AnswerOption, ...]:
    """The question's options in the order `option_order` gives."""
    by_id = {option.id: option for option in question.options}
    return tuple(by_id[option_id] for option_id in option_order(question, seed))


@dataclass(frozen=True)
class RetryPlan:
    """What a retry asks after a failed attempt, or what must happen first."""

    replacements: Mapping[str, str]
    """Each wrong question → the unseen question asked in its place."""
    reread: tuple[str, ...] = ()
    """Modules with no unseen question left: the learner re-reads them before the retry (their
    questions are replaced from the same sections in other modules)."""
    dropped: tuple[str, ...] = ()
    """Wrong questions that nothing unseen in the whole pool could replace: they stay in the
    attempt with their wrong answer (a smaller attempt would be an easier one)."""

    def questions(self, previous: Sequence[str]) -> list[str]:
        """The new attempt's questions: `previous` with each wrong one replaced in place."""
        return [self.replacements.get(q, q) for q in previous]

    @property
    def asked(self) -> list[str]:
        """The questions the retry asks, in order."""
        return list(self.replacements.values())


def plan_retry(
    modules: Sequence[Module], wrong: Sequence[str], seen: Collection[str], seed: int
) -> RetryPlan:
    """Replace each wrong question with one the learner has never been asked.

    `seen` is every question asked so far in this journey (so every question whose answer a
    review revealed): none is asked again. A replacement comes from the same module, the same
    section first; when the module has nothing unseen left, the module is to be re-read and the
    replacement comes from the same section elsewhere, else from anywhere unseen.
    """
    rng = random.Random(seed)
    owner = {q.id: (m.id, q) for m in modules for q in m.questions}
    used = set(seen) | set(wrong)
    replacements: dict[str, str] = {}
    reread: list[str] = []
    known = [q for q in wrong if q in owner]
    for same_module in (True, False):
        for question_id in known:
            if question_id in replacements:
                continue
            module_id, question = owner[question_id]
            candidates = [
                q for m, q in owner.values() if q.id not in used and (m == module_id) == same_module
            ]
            if not same_module and module_id not in reread:
                reread.append(module_id)
            pick = _prefer_section(candidates, question.section, rng)
            if pick is not None:
                replacements[question_id] = pick.id
                used.add(pick.id)
    ordered = {q: replacements[q] for q in wrong if q in replacements}
    dropped = tuple(q for q in wrong if q not in replacements)
    return RetryPlan(ordered, tuple(reread), dropped)


def _prefer_section(
    candidates: Sequence[Question], section: str, rng: random.Random
) -> Question | None:
    if not candidates:
        return None
    same = [q for q in candidates if q.section == section]
    return rng.choice(same or list(candidates))


@dataclass(frozen=True)
class AttemptAnswer:
    """One question of an assessment attempt: where it came from, how it went, what was chosen."""

    question_id: str
    module_id: str
    outcome: Literal["correct", "wrong"]
    answer: tuple[str, ...]


@dataclass(frozen=True)
class Attempt:
    """One go at the assessment: its seed and the questions asked, in order."""

    seed: int
    answers: tuple[AttemptAnswer, ...]
