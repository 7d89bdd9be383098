"""A v2 record validly signed by anybody's key still needs every id and step to be one line of
the safe alphabet: a line break hidden in a value must not pass as two good lines."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from smtrainer.domain.record_gate import RecordV2, _v2_parts_ok
from smtrainer.domain.record_signing import sign_record, verify_record_bytes
from smtrainer.domain.record_status import Status
from smtrainer.domain.record_v2 import check_v2_parts
from smtrainer.storage.records import record_text

VALID = Path(__file__).resolve().parents[1] / "data" / "records" / "v2-valid.toml"
RECORD: dict[str, Any] = tomllib.loads(VALID.read_text(encoding="utf-8"))["record"]


def _set(path: str, value: str) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        *steps, last = [int(part) if part.isdigit() else part for part in path.split(".")]
        target: Any = record
        for step in steps:
            target = target[step]
        target[last] = value

    return change


CHANGES = [  # Where, the value, and the key the refusal names.
    ("modules.0.0", "use-at-school\nx", "modules[0][0]"),
    ("modules.0.1", RECORD["modules"][0][1] + "\n", "modules[0][1]"),
    ("scenarios.0.1", "sc08-x\nzz", "scenarios[0][1]"),
    ("scenarios.0.2", "start/b\nfoo/bar", "scenarios[0][2]"),
    ("attempts.1.questions.0.1", "q08-a\nzz", "attempts[1].questions[0][1]"),
    ("attempts.1.questions.0.3.0", "b\nc", "attempts[1].questions[0][3][0]"),
]


def _verified(record: dict[str, Any]) -> Any:
    key = Ed25519PrivateKey.generate()
    return verify_record_bytes(record_text(record, sign_record(record, key)).encode("utf-8"))


def test_the_unchanged_record_signed_by_another_key_is_valid() -> None:
    assert _verified(copy.deepcopy(RECORD)).status is Status.VALID


@pytest.mark.parametrize(("path", "value", "key"), CHANGES)
def test_a_line_break_inside_an_id_or_step_is_refused(path: str, value: str, key: str) -> None:
    record = copy.deepcopy(RECORD)
    _set(path, value)(record)
    result = _verified(record)
    assert result.status is Status.INVALID
    assert result.reason.startswith(key + ":"), result.reason


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        return [path] + [p for key, item in items for p in _leaves(item, (*path, key))]
    return [path]


V2_PATHS = [
    p for key in ("modules", "scenarios", "attempts") for p in _leaves(RECORD[key], (key,))
] + [("correct",), ("total",), ("score_pct",)]
SAME_KIND: dict[type, st.SearchStrategy[Any]] = {
    bool: st.booleans(),
    int: st.integers(-3, 30),
    str: st.one_of(
        st.text(alphabet="ab-./\n1", max_size=12), st.just(RECORD["modules"][0][1] + "\n")
    ),
    list: st.lists(st.text(alphabet="ab-\n", max_size=4), max_size=3),
    dict: st.just({}),
}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(V2_PATHS), min_size=1, max_size=3), st.data())
def test_the_quick_check_passes_only_what_the_detailed_checks_pass(
    paths: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    """Mostly values of the same type (so that the record still decodes), sometimes not."""
    record = copy.deepcopy(RECORD)
    for path in paths:
        target: Any = record
        try:
            for step in path[:-1]:
                target = target[step]
            kind = type(target[path[-1]])
        except (IndexError, KeyError, TypeError):
            continue  # An earlier change took this place away.
        if not isinstance(target, dict | list):
            continue
        anything = st.one_of(*SAME_KIND.values())
        target[path[-1]] = data.draw(st.one_of(SAME_KIND[kind], SAME_KIND[kind], anything))
    try:
        typed = msgspec.convert(record, RecordV2, strict=True)
    except msgspec.ValidationError:
        return  # Refused before any rule runs.
    if _v2_parts_ok(typed):
        assert check_v2_parts(record, known_bad=True) == []
