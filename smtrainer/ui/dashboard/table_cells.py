"""Cells for tables of thousands of rows: drawn as plain text, with no measuring per cell."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len


class PlainCell:
    """A table cell shown exactly as written. A `DataTable` reads a string as markup, and
    measures every Rich renderable of every new row (slow over thousands); an object that is
    neither is drawn as its plain text. Its column therefore needs a width given when it is
    added (see `column_width`)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"PlainCell({self.text!r})"


def column_width(label: str, values: Iterable[str]) -> int:
    """The width in cells of a column holding `label` and `values`."""
    return max([cell_len(label), *map(cell_len, values)])
