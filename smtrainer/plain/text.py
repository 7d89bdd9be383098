"""Content as plain lines: Markdown marks removed, paragraphs wrapped for a reader."""

from __future__ import annotations

import re
import textwrap

WIDTH = 79
"""Paragraphs are wrapped here; no line is ever longer than MAX_LINE."""
MAX_LINE = 100

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(\S(?:.*?\S)?)\1")
_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)


def unmark(markdown: str) -> str:
    """The words of a short Markdown text without its marks (links keep their address)."""
    text = _LINK.sub(r"\1 (\2)", markdown)
    text = _HEADING.sub("", text)
    previous = None
    while previous != text:  # nested emphasis such as ***word***
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text


def wrap(text: str, indent: str = "") -> list[str]:
    """Lines of at most WIDTH characters (MAX_LINE for a single very long word, such as a path).

    Paragraphs stay separated by an empty line; a list item keeps its marker on its first line.
    """
    lines: list[str] = []
    for number, paragraph in enumerate(text.strip().split("\n\n")):
        if number:
            lines.append("")
        for source in paragraph.splitlines() or [""]:
            item = re.match(r"^(\s*(?:[-*•]|\d+[.)])\s+)", source)
            hanging = " " * len(item.group(1)) if item else ""
            filled = textwrap.wrap(
                source.strip() if not item else source,
                width=WIDTH,
                initial_indent=indent,
                subsequent_indent=indent + hanging,
                break_long_words=False,
                break_on_hyphens=False,
            ) or [indent.rstrip()]
            for line in filled:
                while len(line) > MAX_LINE:
                    lines.append(line[:MAX_LINE])
                    line = indent + hanging + line[MAX_LINE:]
                lines.append(line)
    return lines
