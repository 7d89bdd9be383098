"""Parsing untrusted TOML with limits checked before any recursive parser sees it.

A file from a shared folder may be built to exhaust the parser: a huge file, or brackets nested
thousands deep, which makes a recursive parser (and anything walking its result) fail with
`RecursionError`. Size and nesting depth are measured first, by a flat scan, and the parsed
result is measured again without recursion (dotted keys nest tables without brackets).
"""

from __future__ import annotations

import re
from typing import Any

import tomli

from smtrainer.domain.toml_errors import describe as describe_toml_error
from smtrainer.i18n import _

MAX_DEPTH = 16
"""Deepest nesting of arrays and tables allowed (a v1 record needs 5)."""


class TomlLimitError(ValueError):
    """The document is too large, nested too deeply or not TOML; the message says which."""


_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:"{1,2}+)?'
    r"|'''(?:[^']++|'(?!''))*+'''(?:'{1,2}+)?"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+"
)
_NOT_BRACKET_OR_QUOTE = re.compile(r"[^\[\]{}\"']++")


def bracket_depth(text: str) -> int:
    """The deepest nesting of `[` and `{` outside strings and comments, found without recursion.

    The scan stops at the first string that is never closed: the parser fails there too, and
    nothing after it is parsed. Strings, comments and ordinary text are removed by the regular
    expression engine first, so only the brackets are looked at one by one.
    """
    brackets = _NOT_BRACKET_OR_QUOTE.sub("", _STRING_OR_COMMENT.sub(" ", text))
    quotes = [i for i in (brackets.find('"'), brackets.find("'")) if i >= 0]
    if quotes:
        brackets = brackets[: min(quotes)]
    depth = deepest = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def value_depth(value: object) -> int:
    """How deeply `value` nests lists and dicts, measured level by level without recursion."""
    level: list[Any] = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        below: list[Any] = []
        for item in level:
            children = item.values() if isinstance(item, dict) else item
            below.extend([c for c in children if isinstance(c, dict | list)])
        level = below
    return depth


def load_bounded(data: bytes, max_bytes: int, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """The TOML document in `data`; TomlLimitError saying why when it cannot be read safely."""
    if len(data) > max_bytes:
        raise TomlLimitError(_("file is larger than {limit} bytes").format(limit=max_bytes))
    if not data.strip():
        raise TomlLimitError(_("file is empty"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TomlLimitError(_("not UTF-8 text")) from None
    too_deep = _("arrays or tables nested more than {limit} deep").format(limit=max_depth)
    if bracket_depth(text) > max_depth:
        raise TomlLimitError(too_deep)
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        syntax = describe_toml_error(error)
        if syntax.line is None:
            reason = _("not valid TOML: {detail}").format(detail=syntax.detail)
        else:
            reason = _("not valid TOML at line {line}: {detail}").format(
                line=syntax.line, detail=syntax.detail
            )
        raise TomlLimitError(reason) from None
    except RecursionError:  # Dotted keys of a thousand parts: tomli's own limit.
        raise TomlLimitError(too_deep) from None
    if value_depth(document) > max_depth:
        raise TomlLimitError(too_deep)
    return document
