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
_OWN_LINE = re.compile(r"^(\s*(?:[-*•+]|\d+[.)])\s+|#{1,6}\s)")
"""A list item or a heading: it starts a line of its own."""


def unmark(markdown: str) -> str:
    """The words of a short Markdown text without its marks (links keep their address), each
    paragraph's lines joined as Markdown joins them (see `_joined`)."""
    text = _LINK.sub(r"\1 (\2)", markdown)
    text = "\n\n".join("\n".join(_joined(part.splitlines())) for part in text.split("\n\n"))
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


def _joined(sources: list[str]) -> list[str]:
    """A paragraph's lines as Markdown reads them: a line continues the one before unless it
    starts a list item or a heading, follows a heading, or follows a hard break (two spaces or a
    backslash at the end of the line before)."""
    joined: list[str] = []
    for source in sources:
        if joined and source.strip() and not _OWN_LINE.match(source):
            previous = joined[-1]
            if previous.endswith("\\"):
                joined[-1] = previous[:-1].rstrip()
            elif not previous.endswith("  ") and not previous.lstrip().startswith("#"):
                joined[-1] = previous.rstrip() + " " + source.strip()
                continue
        joined.append(source)
    return joined
