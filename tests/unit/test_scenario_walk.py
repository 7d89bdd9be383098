"""Reachability and loops in branching scenarios."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain.scenario_walk import find_cycle, reachable


def test_reachable_follows_every_branch() -> None:
    edges = {"start": ["left", "right"], "left": ["end"], "right": [], "island": ["end"]}
    assert reachable("start", edges) == {"start", "left", "right", "end"}


def test_cycle_is_reported_as_a_closed_path() -> None:
    edges = {"a": ["b"], "b": ["c", "end"], "c": ["a"]}
    assert find_cycle("a", edges) == ["a", "b", "c", "a"]


def test_diamond_is_not_a_cycle() -> None:
    edges = {"a": ["b", "c"], "b": ["d"], "c": ["d"]}
    assert find_cycle("a", edges) is None


@given(st.dictionaries(st.integers(0, 12), st.lists(st.integers(0, 12), max_size=3), max_size=13))
def test_any_cycle_found_is_real_and_none_means_acyclic(raw: dict[int, list[int]]) -> None:
    edges = {str(k): [str(t) for t in v] for k, v in raw.items()}
    cycle = find_cycle("0", edges)
    if cycle is not None:
        assert cycle[0] == cycle[-1]
        for a, b in itertools.pairwise(cycle):
            assert b in edges[a]
    else:
        # No loop reachable: ordering the reachable steps by a depth-first finish is possible.
        seen = reachable("0", edges)
        order: list[str] = []
        visited: set[str] = set()

        def visit(node: str) -> None:
            visited.add(node)
            for target in edges.get(node, []):
                if target not in visited:
                    visit(target)
            order.append(node)

        visit("0")
        position = {node: i for i, node in enumerate(order)}
        for node in seen:
            for target in edges.get(node, []):
                assert position[target] < position[node]
