"""Find the line on which each key of a TOML document is written.

The standard `tomllib` parser keeps no positions, so this reads the text once more, following
table headers (``[a]``, ``[[a.b]]``), key/value lines, multi-line strings and multi-line arrays,
and maps key paths such as ``scenarios[0].steps[1].choices[2].next`` to 1-based line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BARE_KEY = r"[A-Za-z0-9_-]+"
_QUOTED_KEY = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY_PART = rf"(?:{_BARE_KEY}|{_QUOTED_KEY})"
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED_KEY})\s*(\]\]?)\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(rf"^\s*({_DOTTED_KEY})\s*=\s*(.*)$")
_KEY_SPLIT = re.compile(rf"\s*({_KEY_PART})\s*(?:\.|$)")
_INDEX = re.compile(r"\[\d+\]$")


def _split_key(dotted: str) -> list[str]:
    parts = []
    for match in _KEY_SPLIT.finditer(dotted):
        part = match.group(1)
        if part[:1] in {'"', "'"}:
            part = part[1:-1]
        parts.append(part)
    return parts


def _scan_value(
    value: str, depth: int = 0, on_element: Callable[[], None] | None = None
) -> tuple[str | None, int]:
    """What a value leaves open at the end of a line, starting at bracket `depth`.

    Returns the open multi-line string delimiter (or None) and the bracket depth reached.
    `on_element` is called for each inline table that is an element of the outermost array.
    """
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "#":
            break
        if value.startswith('"""', i) or value.startswith("'''", i):
            delimiter = value[i : i + 3]
            end = value.find(delimiter, i + 3)
            if end == -1:
                return delimiter, depth
            i = end + 3
            continue
        if ch in {'"', "'"}:
            i = _skip_string(value, i)
            continue
        if ch in "[{":
            if ch == "{" and depth == 1 and on_element is not None:
                on_element()
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return None, depth


def _skip_string(text: str, start: int) -> int:
    quote = text[start]
    i = start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        i += 1
    return i


def locate_keys(text: str) -> dict[str, int]:
    """Map each key path in the TOML `text` to the line where it is defined."""
    lines: dict[str, int] = {}
    array_lengths: dict[str, int] = {}
    table = ""
    open_string: str | None = None
    depth = 0
    array_path = ""
    elements = 0
    number = 0

    def element() -> None:
        nonlocal elements
        lines.setdefault(f"{array_path}[{elements}]", number)
        elements += 1

    def resolve(parts: list[str]) -> str:
        path = ""
        for part in parts:
            path = f"{path}.{part}" if path else part
            if path in array_lengths:
                path = f"{path}[{array_lengths[path] - 1}]"
        return path

    for number, line in enumerate(text.split("\n"), start=1):  # TOML breaks lines on \n only
        if open_string is not None:
            if open_string in line:
                rest = line.split(open_string, 1)[1]
                open_string, depth = _scan_value(rest, depth, element)
            continue
        if depth > 0:
            open_string, depth = _scan_value(line, depth, element)
            continue
        header = _HEADER.match(line)
        if header:
            parts = _split_key(header.group(2))
            if header.group(1) == "[[":
                parent = resolve(parts[:-1])
                array_path = f"{parent}.{parts[-1]}" if parent else parts[-1]
                array_lengths[array_path] = array_lengths.get(array_path, 0) + 1
                lines.setdefault(array_path, number)
                table = f"{array_path}[{array_lengths[array_path] - 1}]"
            else:
                table = resolve(parts)
            lines.setdefault(table, number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            parts = _split_key(assignment.group(1))
            path = table
            for part in parts:
                path = f"{path}.{part}" if path else part
                lines.setdefault(path, number)
            array_path, elements = path, 0
            open_string, depth = _scan_value(assignment.group(2), 0, element)
    return lines


def line_for(lines: dict[str, int], key: str) -> int | None:
    """The line of `key`, or of its nearest ancestor that has one."""
    path = key
    while path:
        if path in lines:
            return lines[path]
        if _INDEX.search(path):
            path = _INDEX.sub("", path)
        elif "." in path:
            path = path.rsplit(".", 1)[0]
        else:
            break
    return None
