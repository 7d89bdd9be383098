"""A reading written in Markdown, drawn as one widget.

Textual's `Markdown` widget builds a widget for every paragraph, list and list item, in batches
after it is mounted: a key point of four paragraphs and a list costs more than the rest of its
screen. Policy readings use a small part of Markdown (paragraphs, lists, emphasis, headings,
quotes, code, links), so here each reading is parsed once, into Rich text, and drawn by a single
`Static`: paragraphs and lists followed by a blank line, list items with a hanging indent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from smtrainer.ui.widgets import SizedByLayout

INLINE_STYLES = {
    "strong": "bold",
    "em": "italic",
    "s": "strike",
    "link": "underline",
}
BULLETS = ("• ", "▪ ", "‣ ")


class Reading(SizedByLayout, Static):
    """Markdown text shown exactly as its source says (never read as Textual markup)."""

    DEFAULT_CSS = """
    Reading {
        padding: 0 2;
    }
    """

    def __init__(self, source: str, *, classes: str | None = None) -> None:
        super().__init__(rendered(source), classes=classes)
        self.source = source

    def take(self, other: Reading) -> None:
        """Show what `other` (a new reading for the same place) would."""
        if other.source != self.source:
            self.source = other.source
            self.update(rendered(other.source))


@functools.lru_cache(maxsize=512)
def rendered(source: str) -> RenderableType:
    """The reading `source` as a Rich renderable (each text parsed once per session)."""
    tokens = MarkdownIt("commonmark").enable("strikethrough").parse(source)
    blocks = list(_blocks(tokens, 0, len(tokens), depth=0))
    return Group(*_spaced(blocks))


def _spaced(blocks: Sequence[RenderableType]) -> Iterator[RenderableType]:
    """Each block followed by a blank line, as Textual's Markdown widget lays them out."""
    for block in blocks:
        yield block
        yield Text()


def _blocks(tokens: list[Token], start: int, end: int, depth: int) -> Iterator[RenderableType]:
    index = start
    while index < end:
        token = tokens[index]
        close = _closing(tokens, index)
        if token.type == "inline":
            yield inline_text(token)
        elif token.type == "heading_open":
            yield inline_text(tokens[index + 1], "bold")
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            yield _list(tokens, index, close, depth)
        elif token.type == "blockquote_open":
            yield _indented("▌ ", Group(*_blocks(tokens, index + 1, close, depth)))
        elif token.type in ("fence", "code_block"):
            yield Text(token.content.rstrip("\n"))
        elif token.type == "hr":
            yield Text("─" * 8)
        elif token.type.endswith("_open"):  # A paragraph, a table and its rows and cells…
            yield from _blocks(tokens, index + 1, close, depth)
        elif token.content:
            yield Text(token.content)
        index = close + 1


def _closing(tokens: list[Token], index: int) -> int:
    """The index of the token closing the one at `index` (itself when it opens nothing)."""
    if tokens[index].nesting != 1:
        return index
    level = 0
    for position in range(index, len(tokens)):
        level += tokens[position].nesting
        if level == 0:
            return position
    return len(tokens) - 1


def _list(tokens: list[Token], start: int, end: int, depth: int) -> RenderableType:
    ordered = tokens[start].type == "ordered_list_open"
    number = int(tokens[start].attrGet("start") or 1) if ordered else 0
    items = []
    index = start + 1
    while index < end:
        close = _closing(tokens, index)
        if tokens[index].type == "list_item_open":
            marker = f"{number}. " if ordered else BULLETS[depth % len(BULLETS)]
            number += 1
            items.append(_indented(marker, Group(*_blocks(tokens, index + 1, close, depth + 1))))
        index = close + 1
    return Group(*items)


def _indented(marker: str, body: RenderableType) -> Table:
    """`marker`, then `body` with every line after the first under the first one's text."""
    grid = Table.grid()
    grid.add_column(no_wrap=True, width=len(marker))
    grid.add_column(ratio=1)
    grid.add_row(Text(marker), body)
    return grid


def inline_text(token: Token, style: str = "") -> Text:
    """An inline token's text with its emphasis, links and code as styles."""
    text = Text(style=style)
    styles: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind.endswith("_open") and kind[: -len("_open")] in INLINE_STYLES:
            styles.append(INLINE_STYLES[kind[: -len("_open")]])
        elif kind.endswith("_close") and kind[: -len("_close")] in INLINE_STYLES:
            if styles:
                styles.pop()
        elif kind == "softbreak":
            text.append(" ", " ".join(styles))
        elif kind == "hardbreak":
            text.append("\n")
        elif kind == "code_inline":
            text.append(child.content, " ".join([*styles, "bold"]))
        else:
            text.append(child.content, " ".join(styles))
    return text
