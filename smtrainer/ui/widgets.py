"""Small widgets the journey screens are built from."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class NumberedChoices(Static):
    """Options numbered 1, 2, 3…, each marked as picked or not, with an optional outcome mark."""

    DEFAULT_CSS = """
    NumberedChoices { height: auto; margin: 1 0; }
    """

    def __init__(
        self,
        options: Sequence[str],
        picked: set[int],
        *,
        multiple: bool = False,
        marks: dict[int, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.picked = set(picked)
        self.multiple = multiple
        self.marks = marks or {}

    def render(self) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for number, option in enumerate(self.options, start=1):
            if self.multiple:
                box = "[x]" if number in self.picked else "[ ]"
            else:
                box = "(•)" if number in self.picked else "( )"
            style = "bold" if number in self.picked else ""
            label = Text(option, style=style)
            if number in self.marks:
                label.append(f"  {self.marks[number]}", style="bold")
            grid.add_row(Text(f" {number} {box}", style=style), label)
        return grid


class Hint(Static):
    """A line saying which keys do what on this screen."""

    DEFAULT_CSS = """
    Hint { color: $text-muted; margin-top: 1; }
    """


class FactTable(Static):
    """Label and value pairs, such as the lines of a certificate."""

    DEFAULT_CSS = """
    FactTable { height: auto; margin-bottom: 1; }
    """

    def __init__(self, rows: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = list(rows)

    def render(self) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in self.rows:
            grid.add_row(Text(label), Text(value))
        return grid
