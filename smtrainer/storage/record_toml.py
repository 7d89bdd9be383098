"""The compact TOML layout of v2 record files: one line per module, scenario walk and question."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_INDENT = ""
_LISTS = ("modules", "scenarios")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}

_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f]')
"""Characters a basic string cannot hold as they are."""
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_NOT_MULTILINE = re.compile(r'[^\n -~]|["\\]')
"""Characters kept out of the multi-line signature string."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _string(text: str) -> str:
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def value_text(value: Any) -> str:
    """One TOML value on one line (inline arrays and tables)."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join([value_text(item) for item in value]) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        inner = ", ".join([f"{_key(k)} = {value_text(v)}" for k, v in value.items()])
        return "{ " + inner + " }"
    raise TypeError(f"cannot write {type(value).__name__} in a record")


def _block(key: str, items: list[Any]) -> list[str]:
    if not items:
        return [f"{_key(key)} = []"]
    return [f"{_key(key)} = [", *[f"{_INDENT}{value_text(item)}," for item in items], "]"]


def _multiline(text: str) -> str:
    """The armored signature as a readable multi-line string when it safely can be."""
    plain = _NOT_MULTILINE.search(text) is None
    return f'"""\n{text}"""' if plain and text.endswith("\n") else _string(text)


def compact_record_text(record: Mapping[str, Any], signature: Mapping[str, str]) -> str:
    """The v2 record file: scalars, then `modules` and `scenarios` one entry a line, then one
    `[[record.attempts]]` table per attempt with one question a line, then `[signature]`."""
    lines = ["[record]"]
    for key, value in record.items():
        if key in _LISTS:
            lines.extend(_block(key, list(value)))
        elif key != "attempts":
            lines.append(f"{_key(key)} = {value_text(value)}")
    for attempt in record.get("attempts", []):
        lines.extend(["", "[[record.attempts]]"])
        for key, value in attempt.items():
            if key == "questions":
                lines.extend(_block(key, list(value)))
            else:
                lines.append(f"{_key(key)} = {value_text(value)}")
    lines.extend(["", "[signature]"])
    for key, value in signature.items():
        text = _multiline(value) if key == "value" else value_text(value)
        lines.append(f"{_key(key)} = {text}")
    return "\n".join(lines) + "\n"
