"""Cells for tables of thousands of rows: drawn as one plain run of text, never measured."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment


class PlainCell:
    """A table cell shown exactly as written, on one line. A `DataTable` reads a string as
    markup and draws a `Text` through wrapping and justifying, for every cell of every row it
    shows; this is one run of text, cropped to its column by the table. Its column needs a
    width given when it is added (see `column_width`).

    It cannot be measured, on purpose: a table measures every cell it is given (for a column
    whose width is given, to no use), and each measure asks the console for its size, which may
    ask the terminal. For a table of thousands of rows filled again while records are verified,
    that took most of the screen's time."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = " ".join(text.splitlines())

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PlainCell({self.text!r})"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        yield Segment(self.text)


def column_width(label: str, values: Iterable[str]) -> int:
    """The width in cells of a column holding `label` and `values` (each value measured once:
    a column of thousands of rows holds few different dates or statuses; printable ASCII takes
    one cell a character, counted without looking each character up)."""
    return max(
        len(value) if value.isascii() and value.isprintable() else cell_len(value)
        for value in {label, *values}
    )
