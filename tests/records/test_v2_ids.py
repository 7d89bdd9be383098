"""A v2 record validly signed by anybody's key still needs every id and step to be one line of
the safe alphabet: a line break hidden in a value must not pass as two good lines."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain.record_signing import sign_record, verify_record_bytes
from smtrainer.domain.record_status import Status
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
