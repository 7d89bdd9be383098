"""Completion records (format v1): what they hold, the bytes that are signed, and their checks.

A record file is TOML with a `[record]` table and a `[signature]` table. The signature covers the
RFC 8785 canonical JSON of the parsed `[record]` table, so layout and comments in the TOML do not
matter but any change of value does. `docs/record-format.md` is the full specification.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from smtrainer.domain.dates import DATE_PATTERN, TIMESTAMP_PATTERN
from smtrainer.domain.record_v2 import SCHEMA_V2, check_v2_parts
from smtrainer.domain.record_values import Outcome as Outcome
from smtrainer.domain.record_values import RecordKind as RecordKind
from smtrainer.domain.record_values import clean_text as clean_text
from smtrainer.domain.record_values import text_problem as text_problem
from smtrainer.i18n import N_, _

SCHEMA = "smtrainer.record.v1"
SUPPORTED_SCHEMAS = (SCHEMA, SCHEMA_V2)
NAMESPACE = "smtrainer-record-v1"
"""The SSHSIG namespace of both versions: a signature made for a record is valid for nothing
else. The signed `schema` field says which layout the record has."""
V2_KEYS = frozenset(
    {
        "schema",
        "record_id",
        "kind",
        "policy_id",
        "policy_version",
        "language",
        "staff_id",
        "staff_name",
        "staff_role",
        "started_at",
        "completed_at",
        "correct",
        "total",
        "score_pct",
        "pass_mark",
        "passed",
        "refresher_due",
        "app_version",
        "modules",
        "scenarios",
        "attempts",
    }
)
SIGNATURE_FORMAT = "sshsig"
SIGNATURE_KEYS = ("format", "namespace", "public_key", "fingerprint", "value")
SIGNATURE_KEYS_V2 = ("format", "namespace", "value")
"""v2 does not repeat the public key and fingerprint: both are inside the signature."""
MAX_INT = 2**53 - 1
"""Integers beyond this lose precision in JSON (RFC 8785 numbers are doubles)."""

_HASH = re.compile(r"^sha256:[0-9a-f]{64}\Z")


def signed_message(record: Mapping[str, Any]) -> bytes:
    """The exact bytes a record's signature covers: RFC 8785 canonical JSON of `[record]`.

    For values v1 allows (ASCII keys, strings, booleans, integers within ±2^53, arrays, tables)
    RFC 8785 output is exactly sorted-key compact JSON, which the standard library writes far
    faster; anything else goes through the general RFC 8785 encoder.
    """
    if _plain(record):
        text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return text.encode("utf-8")
    import rfc8785  # Rarely needed: imported then, not by every verifying process.

    return rfc8785.dumps(record)


_sorted_json = msgspec.json.Encoder(order="sorted")


def typed_message(record: Mapping[str, Any]) -> bytes:
    """`signed_message` of a record table already decoded into its version's typed struct.

    The struct admits only what sorted-key JSON writes exactly as RFC 8785 does (strings,
    booleans, integers within ±2^53, arrays, tables with ASCII keys), so no check is needed.
    """
    return _sorted_json.encode(record)


_SCALARS = frozenset({str, bool, int})
_CONTAINERS = (dict, list)


def _plain(value: object) -> bool:
    """Whether `value` holds only what sorted-key JSON writes exactly as RFC 8785 does.

    Checked container by container (no recursion): the types of all of a container's values
    are gathered at once, and only integers are looked at one by one (for their range).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return -MAX_INT <= value <= MAX_INT
    if type(value) in _SCALARS:
        return True
    if not isinstance(value, _CONTAINERS):
        return False
    pending: list[Any] = [value]
    while pending:
        container = pending.pop()
        if type(container) is dict:
            if not all(type(key) is str and key.isascii() for key in container):
                return False
            values = list(container.values())
        elif type(container) is list:
            values = container
        else:
            return False
        kinds = set(map(type, values))
        if not kinds <= _ALLOWED:
            return False
        if int in kinds and not all(-MAX_INT <= v <= MAX_INT for v in values if type(v) is int):
            return False
        if dict in kinds or list in kinds:
            pending.extend(v for v in values if type(v) is dict or type(v) is list)
    return True


_ALLOWED = frozenset({str, bool, int, dict, list})


def verification_code(record: Mapping[str, Any]) -> str:
    """A short code printed on the certificate that identifies the signed record content."""
    digest = hashlib.sha256(signed_message(record)).digest()
    code = base64.b32encode(digest).decode("ascii")[:12]
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


def new_record_id(random_bits: Callable[[int], int] | None = None) -> str:
    """A random UUID (version 4), optionally from a seeded source of random bits."""
    if random_bits is None:
        return str(uuid.uuid4())
    return str(uuid.UUID(int=random_bits(128), version=4))


_KIND_NAMES = {str: N_("string"), list: N_("list"), dict: N_("table"), bool: N_("boolean")}


@dataclass(frozen=True)
class RecordProblem:
    """One rule a record breaks: the key path (``modules[2].score_pct``) and why, in words."""

    key: str
    reason: str


class _Checker:
    def __init__(self) -> None:
        self.problems: list[RecordProblem] = []

    def fail(self, key: str, reason: str) -> None:
        self.problems.append(RecordProblem(key, reason))

    def field(self, data: Mapping[str, Any], key: str, kind: type, path: str = "") -> Any:
        where = f"{path}.{key}" if path else key
        if key not in data:
            self.fail(where, _("missing"))
            return None
        value = data[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(where, _("must be an integer"))
            return None
        if kind is int and not -MAX_INT <= value <= MAX_INT:
            self.fail(where, _("integer out of range"))
            return None
        if kind is not int and not isinstance(value, kind):
            self.fail(where, _("must be {kind}").format(kind=_(_KIND_NAMES[kind])))
            return None
        return value

    def text(self, data: Mapping[str, Any], key: str, path: str = "", empty: bool = False) -> None:
        value = self.field(data, key, str, path)
        if value is None:
            return
        where = f"{path}.{key}" if path else key
        if not empty and not value.strip():
            self.fail(where, _("must not be empty"))
        problem = text_problem(value)
        if problem:
            self.fail(where, problem)

    def pattern(self, data: Mapping[str, Any], key: str, pattern: re.Pattern[str]) -> None:
        value = self.field(data, key, str)
        if value is not None and not pattern.match(value):
            self.fail(key, _("wrong format"))

    def score(self, data: Mapping[str, Any], path: str) -> None:
        correct = self.field(data, "correct", int, path)
        total = self.field(data, "total", int, path)
        score = self.field(data, "score_pct", int, path)
        if None in (correct, total, score):
            return
        if not 0 <= correct <= total or not 0 <= score <= 100:
            self.fail(path or "score_pct", _("scores out of range"))


def check_record(record: Mapping[str, Any]) -> list[RecordProblem]:
    """Every way `record` (a parsed `[record]` table) departs from format v1."""
    c = _Checker()
    schema = c.field(record, "schema", str)
    if schema not in SUPPORTED_SCHEMAS:
        c.fail("schema", _("unsupported schema"))
        return c.problems
    c.pattern(
        record,
        "record_id",
        re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z"),
    )
    for key in (
        "policy_id",
        "policy_version",
        "language",
        "staff_name",
        "staff_role",
        "app_version",
    ):
        c.text(record, key)
    c.text(record, "staff_id", empty=True)
    kind = c.field(record, "kind", str)
    if kind is not None and kind not in {k.value for k in RecordKind}:
        c.fail("kind", _("unknown kind"))
    c.pattern(record, "started_at", TIMESTAMP_PATTERN)
    c.pattern(record, "completed_at", TIMESTAMP_PATTERN)
    c.pattern(record, "refresher_due", DATE_PATTERN)
    c.score(record, "")
    pass_mark = c.field(record, "pass_mark", int)
    if pass_mark is not None and not 1 <= pass_mark <= 100:
        c.fail("pass_mark", _("out of range"))
    c.field(record, "passed", bool)
    if schema == SCHEMA_V2:
        for key in sorted(set(record) - V2_KEYS):
            c.fail(key, _("unknown key"))
        for key, reason in check_v2_parts(record):
            c.fail(key, reason)
        _check_json_safe(record, "", c)
        return c.problems
    c.field(record, "attempts", int)
    modules = c.field(record, "modules", list) or []
    for index, module in enumerate(modules):
        path = f"modules[{index}]"
        if not isinstance(module, dict):
            c.fail(path, _("must be a table"))
            continue
        c.text(module, "id", path)
        c.score(module, path)
        hashed = c.field(module, "content_hash", str, path)
        if hashed is not None and not _HASH.match(hashed):
            c.fail(f"{path}.content_hash", _("wrong format"))
    assessment = c.field(record, "assessment", dict)
    if assessment is not None:
        c.field(assessment, "seed", int, "assessment")
        for index, question in enumerate(
            c.field(assessment, "questions", list, "assessment") or []
        ):
            path = f"assessment.questions[{index}]"
            if not isinstance(question, dict):
                c.fail(path, _("must be a table"))
                continue
            c.text(question, "id", path)
            c.text(question, "module", path)
            outcome = c.field(question, "outcome", str, path)
            if outcome is not None and outcome not in {o.value for o in Outcome}:
                c.fail(f"{path}.outcome", _("unknown outcome"))
            answer = c.field(question, "answer", list, path)
            if answer is not None and not all(isinstance(a, str) for a in answer):
                c.fail(f"{path}.answer", _("must be a list of strings"))
    for index, choice in enumerate(c.field(record, "scenario_choices", list) or []):
        path = f"scenario_choices[{index}]"
        if not isinstance(choice, dict):
            c.fail(path, _("must be a table"))
            continue
        for key in ("module", "scenario", "step", "choice", "verdict"):
            c.text(choice, key, path)
    _check_json_safe(record, "", c)
    return c.problems


def _check_json_safe(value: object, path: str, c: _Checker) -> None:
    """No floats, dates or times anywhere: only strings, integers, booleans, arrays, tables."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_json_safe(item, f"{path}.{key}" if path else key, c)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json_safe(item, f"{path}[{index}]", c)
    elif not isinstance(value, str | int | bool):
        c.fail(path, _("only strings, integers, booleans, arrays and tables are allowed"))
