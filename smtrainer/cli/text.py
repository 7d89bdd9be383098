"""Text from files and records made safe to print: no escapes, no control characters."""

from __future__ import annotations

import unicodedata


def inert(value: object) -> str:
    """`value` as text that a terminal shows as written: control and format characters
    (escapes, bidirectional overrides, line breaks) are replaced by visible `\\x..` forms."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() and unicodedata.category(char) != "Cf" else _visible(char)
        for char in text
    )


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
