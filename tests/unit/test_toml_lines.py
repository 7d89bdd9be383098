"""Key paths map to the lines that define them, for any document tomli-w can write."""

from __future__ import annotations

from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from smtrainer.content.toml_lines import line_for, locate_keys

KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=8)
SCALARS = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.text(max_size=40),
    st.lists(st.integers(0, 9), max_size=3),
)


def tables(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    if depth == 0:
        return st.dictionaries(KEYS, SCALARS, max_size=4)
    child = tables(depth - 1)
    value = st.one_of(SCALARS, child, st.lists(child.filter(bool), min_size=1, max_size=3))
    return st.dictionaries(KEYS, value, max_size=4)


def leaves(data: dict[str, Any], path: str = "") -> list[tuple[str, str]]:
    """(key path, key name) of every scalar value."""
    found = []
    for key, value in data.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            found.extend(leaves(value, here))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for index, item in enumerate(value):
                found.extend(leaves(item, f"{here}[{index}]"))
        else:
            found.append((here, key))
    return found


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(tables(2), st.booleans())
def test_every_scalar_key_points_at_its_own_line(data: dict[str, Any], multiline: bool) -> None:
    text = tomli_w.dumps(data, multiline_strings=multiline)
    lines = text.split("\n")
    located = locate_keys(text)
    for path, key in leaves(data):
        number = line_for(located, path)
        assert number is not None, (path, text)
        line = lines[number - 1].lstrip()
        if path in located:
            assert line.startswith((key, f'"{key}"')), (path, line)
        else:
            # A key inside an inline table: its element's line, which holds the key.
            assert "{" in line, (path, line)
            assert key in line, (path, line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_error(text: str) -> None:
    located = locate_keys(text)
    assert all(1 <= line <= len(text.split("\n")) for line in located.values())


def test_nested_arrays_of_tables_and_multiline_strings() -> None:
    text = "\n".join(
        [
            'id = "m"',  # 1
            'body = """',  # 2
            "not = a key",  # 3
            '"""',  # 4
            "[[scenarios]]",  # 5
            'id = "a"',  # 6
            "  [[scenarios.steps]]",  # 7
            '  id = "s1"',  # 8
            "    [[scenarios.steps.choices]]",  # 9
            '    next = "s2"',  # 10
            "  [[scenarios.steps]]",  # 11
            '  id = "s2"',  # 12
            "[[scenarios]]",  # 13
            "list = [",  # 14
            '  "x = 1",',  # 15
            "]",  # 16
            "after = 1",  # 17
        ]
    )
    located = locate_keys(text)
    assert located["body"] == 2
    assert "not" not in located
    assert located["scenarios[0].steps[0].choices[0].next"] == 10
    assert located["scenarios[0].steps[1].id"] == 12
    assert located["scenarios[1]"] == 13
    assert "x" not in located
    assert located["scenarios[1].after"] == 17
    assert line_for(located, "scenarios[0].steps[1].choices[3].text") == 11
    assert line_for(located, "missing") is None


def test_inline_tables_in_a_multiline_array_get_their_own_lines() -> None:
    text = 'choices = [\n  { id = "a", text = "x = {" },\n  { id = "b" },\n]\nnext = 1\n'
    located = locate_keys(text)
    assert located["choices[0]"] == 2
    assert located["choices[1]"] == 3
    assert line_for(located, "choices[1].id") == 3
    assert located["next"] == 5
