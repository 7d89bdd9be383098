"""Property tests: any change of value is caught; any change of layout is not; rubbish is named."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smtrainer.domain.record_signing import verify_record_bytes
from smtrainer.domain.record_status import Status

VALID = Path(__file__).resolve().parents[1] / "data" / "records" / "valid.toml"
DOCUMENT = tomllib.loads(VALID.read_text(encoding="utf-8"))


def leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in leaf_paths(item, (*path, key))]
    if isinstance(value, list):
        return [path] + [p for i, item in enumerate(value) for p in leaf_paths(item, (*path, i))]
    return [path]


PATHS = leaf_paths(DOCUMENT["record"])


def changed(value: Any, data: st.DataObject) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return data.draw(st.integers(-(2**53) + 1, 2**53 - 1).filter(lambda v: v != value))
    if isinstance(value, str):
        return data.draw(st.text(max_size=30).filter(lambda v: v != value))
    if isinstance(value, list):
        return value[:-1] if value else ["extra"]
    raise AssertionError(value)


def set_path(document: dict[str, Any], path: tuple[Any, ...], new: Any) -> None:
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new


def get_path(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), st.data())
def test_any_change_of_value_is_tampered(path: tuple[Any, ...], data: st.DataObject) -> None:
    document = copy.deepcopy(DOCUMENT)
    set_path(document["record"], path, changed(get_path(document["record"], path), data))
    assume(document["record"].get("schema") == DOCUMENT["record"]["schema"])
    result = verify_record_bytes(tomli_w.dumps(document).encode("utf-8"))
    assert result.status is Status.TAMPERED


@settings(max_examples=100, deadline=None)
@given(
    st.booleans(),
    st.integers(0, 8),
    st.lists(st.integers(0, 200), max_size=5),
    st.randoms(use_true_random=False),
)
def test_any_change_of_layout_still_verifies(
    multiline: bool, indent: int, comment_lines: list[int], rng: Any
) -> None:
    document = copy.deepcopy(DOCUMENT)
    record = document["record"]
    keys = list(record)
    rng.shuffle(keys)  # Key order in TOML tables carries no meaning.
    document["record"] = {key: record[key] for key in keys}
    text = tomli_w.dumps(document, multiline_strings=multiline, indent=indent)
    lines = text.split("\n")
    for at in sorted(comment_lines, reverse=True):
        position = min(at, len(lines))
        # A comment on a line of its own, outside any multi-line string.
        if not any(line.startswith('value = """') for line in lines[:position]):
            lines.insert(position, "# a comment added by a text editor")
    result = verify_record_bytes("\n".join(lines).encode("utf-8"))
    assert result.status is Status.VALID


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_are_never_valid_and_never_raise(data: bytes) -> None:
    result = verify_record_bytes(data)
    assert result.status is not Status.VALID
    assert result.reason


def test_truncated_record_is_not_valid() -> None:
    data = VALID.read_bytes()
    for cut in range(0, len(data), 97):
        assert verify_record_bytes(data[:cut]).status is not Status.VALID


JSON_KEYS = st.text(alphabet=st.characters(max_codepoint=127), max_size=8)
JSON_VALUES = st.recursive(
    st.one_of(
        st.booleans(),
        st.integers(-(2**53) + 1, 2**53 - 1),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(JSON_KEYS, children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.dictionaries(JSON_KEYS, JSON_VALUES, max_size=6))
def test_fast_canonical_form_equals_rfc8785(record: dict[str, Any]) -> None:
    import rfc8785

    from smtrainer.domain.record import signed_message

    assert signed_message(record) == rfc8785.dumps(record)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.dictionaries(JSON_KEYS, JSON_VALUES, max_size=6))
def test_typed_records_canonical_form_equals_rfc8785(record: dict[str, Any]) -> None:
    """What the gate signs for a record that decoded into its typed struct (whose values are
    all of the kinds drawn here) is RFC 8785, byte for byte."""
    import rfc8785

    from smtrainer.domain.record import typed_message

    assert typed_message(record) == rfc8785.dumps(record)
