"""TOML syntax errors described in the active language, with the line and column they are at.

`tomli` (and the standard library's `tomllib`, which is made from it) words its errors in English
only. Its messages are a short fixed list, so each is matched here and given our own translated
wording; a message this list does not know (from a later version) is shown as it was written.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from smtrainer.i18n import N_, _

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^Cannot declare (?P<key>.+) twice$", N_("{key} is declared twice")),
        (r"^Cannot mutate immutable namespace (?P<key>.+)$", N_("{key} cannot be changed here")),
        (r"^Cannot overwrite a value$", N_("a value is given twice")),
        (r"^Cannot redefine namespace (?P<key>.+)$", N_("{key} is defined twice")),
        (r"^Duplicate inline table key (?P<key>.+)$", N_("{key} is given twice in one table")),
        (
            r"^Escaped character is not a Unicode scalar value$",
            N_("an escaped character is not a valid Unicode character"),
        ),
        (
            r"^Expected '=' after a key in a key/value pair$",
            N_("expected '=' after the key"),
        ),
        (
            r"^Expected ']' at the end of a table declaration$",
            N_("expected ']' at the end of the table name"),
        ),
        (
            r"^Expected ']]' at the end of an array declaration$",
            N_("expected ']]' at the end of the array name"),
        ),
        (
            r"^Expected newline or end of document after a statement$",
            N_("only one key = value per line: something follows the value"),
        ),
        (r"^Expected (?P<key>'.+')$", N_("expected {key}")),
        (r"^Found invalid character (?P<key>.+)$", N_("character {key} is not allowed here")),
        (
            r"^Illegal character '\\n'$",
            N_("a text value is not closed with its quote before the end of the line"),
        ),
        (r"^Illegal character (?P<key>.+)$", N_("character {key} is not allowed here")),
        (r"^Invalid date or datetime$", N_("not a valid date or time")),
        (r"^Invalid hex value$", N_("not a valid hexadecimal escape")),
        (
            r"^Invalid initial character for a key part$",
            N_("a key cannot start with this character"),
        ),
        (r"^Invalid statement$", N_("not a key = value line or a [table] line")),
        (r"^Invalid value$", N_("the value is not valid TOML (text needs quotes)")),
        (r"^Unclosed array$", N_("a list is not closed with ']'")),
        (r"^Unclosed inline table$", N_("a table is not closed with '}}'")),
        (r"^Unescaped '\\' in a string$", N_("a backslash must be written \\\\ in text")),
        (r"^Unterminated string$", N_("a text value is not closed with its quote")),
    )
)


@dataclass(frozen=True)
class TomlSyntaxError:
    """What is wrong, in the active language, and where (None when at the end of the file)."""

    detail: str
    line: int | None
    column: int | None


def describe(error: ValueError) -> TomlSyntaxError:
    """`error` is a `TOMLDecodeError` of `tomli` or `tomllib`."""
    message = str(error)
    position = _POSITION.search(message)
    line = column = None
    if position is not None and position.group(1):
        line, column = int(position.group(1)), int(position.group(2))
    bare = _POSITION.sub("", message).strip()
    for pattern, template in _MESSAGES:
        found = pattern.match(bare)
        if found is not None:
            values = {name: _readable_key(value) for name, value in found.groupdict().items()}
            return TomlSyntaxError(_(template).format(**values), line, column)
    return TomlSyntaxError(bare, line, column)


def _readable_key(text: str) -> str:
    """`('module', 'title')` as the parser writes a key path, shown as `module.title`."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    if isinstance(value, tuple) and all(isinstance(part, str) for part in value):
        return ".".join(value)
    return text
