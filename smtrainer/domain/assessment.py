"""Drawing the final assessment from the question pool."""

from __future__ import annotations

import random
from collections.abc import Sequence

from smtrainer.domain.model import Module

DEFAULT_SIZE = 20


def draw(modules: Sequence[Module], size: int, seed: int) -> list[str]:
    """Question ids for one assessment: spread evenly over the modules, order shuffled.

    The same modules, size and seed always give the same draw; another seed gives another.
    """
    rng = random.Random(seed)
    pools = []
    for module in modules:
        ids = [question.id for question in module.questions]
        rng.shuffle(ids)
        pools.append(ids)
    rng.shuffle(pools)  # So that leftovers do not always favour the first modules.
    chosen: list[str] = []
    while len(chosen) < size and any(pools):
        for pool in pools:
            if pool and len(chosen) < size:
                chosen.append(pool.pop())
    rng.shuffle(chosen)
    return chosen
