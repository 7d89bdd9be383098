"""Parsing untrusted TOML within limits of size and nesting.

A file from a shared folder may be built to exhaust the parser: a huge file, or brackets nested
thousands deep, which makes a recursive parser (and anything walking its result) fail with
`RecursionError`. The size is measured before parsing; the parser's own recursion limit stops
brackets nested hundreds deep; and the parsed result is measured without recursion (dotted keys
and table headers nest tables without any recursion in the parser) before anything walks it.
A caller that decodes the result into fixed typed structs first needs no depth measure for it.
"""

from __future__ import annotations

from typing import Any

import tomli

from smtrainer.domain.toml_errors import describe as describe_toml_error
from smtrainer.i18n import _

MAX_DEPTH = 16
"""Deepest nesting of arrays and tables allowed (a v1 record needs 5)."""


class TomlLimitError(ValueError):
    """The document is too large, nested too deeply or not TOML; the message says which."""


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


def load_limited(data: bytes, max_bytes: int) -> dict[str, Any]:
    """The TOML document in `data`, parsed within the parser's own recursion limit (its
    nesting is not measured yet: see `check_depth`); TomlLimitError saying why when it cannot
    be read."""
    if len(data) > max_bytes:
        raise TomlLimitError(_("file is larger than {limit} bytes").format(limit=max_bytes))
    if not data.strip():
        raise TomlLimitError(_("file is empty"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TomlLimitError(_("not UTF-8 text")) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        syntax = describe_toml_error(error)
        if syntax.line is None:
            reason = _("not valid TOML: {detail}").format(detail=syntax.detail)
        else:
            reason = _("not valid TOML at line {line}: {detail}").format(
                line=syntax.line, detail=syntax.detail
            )
        raise TomlLimitError(reason) from None
    except RecursionError:  # Brackets or dotted keys nested hundreds deep.
        raise TomlLimitError(_too_deep(MAX_DEPTH)) from None


def check_depth(document: dict[str, Any], max_depth: int = MAX_DEPTH) -> None:
    """TomlLimitError if a parsed document nests deeper than `max_depth`."""
    if value_depth(document) > max_depth:
        raise TomlLimitError(_too_deep(max_depth))


def _too_deep(limit: int) -> str:
    return _("arrays or tables nested more than {limit} deep").format(limit=limit)
