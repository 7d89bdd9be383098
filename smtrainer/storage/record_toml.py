"""The compact TOML layout of v2 record files: one line per module, scenario walk and question."""

from __future__ import annotations

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


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else _string(key)


def value_text(value: Any) -> str:
    """One TOML value on one line (inline arrays and tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(value_text(item) for item in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        inner = ", ".join(f"{_key(k)} = {value_text(v)}" for k, v in value.items())
        return "{ " + inner + " }"
    raise TypeError(f"cannot write {type(value).__name__} in a record")


def _block(key: str, items: list[Any]) -> list[str]:
    if not items:
        return [f"{_key(key)} = []"]
    return [f"{_key(key)} = [", *(f"{_INDENT}{value_text(item)}," for item in items), "]"]


def _multiline(text: str) -> str:
    """The armored signature as a readable multi-line string when it safely can be."""
    plain = all(c == "\n" or (" " <= c < "\x7f" and c not in '\\"') for c in text)
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
