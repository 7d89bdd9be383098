"""Text from files, file names and records made inert before it is shown.

Anything from the shared folder may carry terminal escapes, control characters, bidirectional
overrides or line breaks made to fake or hide lines. Shown through `inert`, such characters
appear as visible escapes (`\\x1b`, `\\u202e`); a byte of a file name that is not UTF-8 appears
as `\\xe9`. `shown_name` also puts a name that needed this in quotes, so a name that held a line
break is seen as one name.
"""

from __future__ import annotations

import unicodedata


def inert(value: object) -> str:
    """`value` as text a terminal shows exactly as written, one line."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(char if _safe(char) else _visible(char) for char in text)


def shown_name(value: object) -> str:
    """A file name (or path) for display: inert, and quoted when anything had to be escaped."""
    text = str(value)
    shown = inert(text)
    return shown if shown == text else f'"{shown}"'


SPACES = frozenset("\u00a0\u202f")
"""No-break spaces, which French puts before a colon or inside a number: shown as they are
(Python counts no space but the plain one printable)."""


def _safe(char: str) -> bool:
    if char in SPACES:
        return True
    return char.isprintable() and unicodedata.category(char) not in ("Cf", "Cs", "Co")


def _visible(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # A byte that was not UTF-8, as os.fsdecode keeps it.
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
