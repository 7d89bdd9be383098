"""Walking a branching scenario: which steps can be reached, and whether every path ends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reachable(start: str, edges: Mapping[str, Sequence[str]]) -> set[str]:
    """Steps reachable from `start` by following choices' `next` targets."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        step = todo.pop()
        if step in seen:
            continue
        seen.add(step)
        todo.extend(target for target in edges.get(step, ()) if target not in seen)
    return seen


def find_cycle(start: str, edges: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A path that returns to a step already on it (so the scenario could never end), if any."""
    path: list[str] = []
    on_path: set[str] = set()
    done: set[str] = set()

    def visit(step: str) -> list[str] | None:
        if step in on_path:
            return [*path[path.index(step) :], step]
        if step in done:
            return None
        path.append(step)
        on_path.add(step)
        for target in edges.get(step, ()):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        on_path.discard(step)
        done.add(step)
        return None

    return visit(start)
