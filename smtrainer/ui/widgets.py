"""Small widgets the journey screens are built from."""

from __future__ import annotations

from collections.abc import Sequence

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

    def render(self) -> Text:
        text = Text()
        for number, option in enumerate(self.options, start=1):
            if self.multiple:
                box = "[x]" if number in self.picked else "[ ]"
            else:
                box = "(•)" if number in self.picked else "( )"
            style = "bold" if number in self.picked else ""
            text.append(f" {number}  {box} ", style=style)
            text.append(option, style=style)
            if number in self.marks:
                text.append(f"   {self.marks[number]}", style="bold")
            if number < len(self.options):
                text.append("\n")
        return text


class Hint(Static):
    """A line saying which keys do what on this screen."""

    DEFAULT_CSS = """
    Hint { color: $text-muted; margin-top: 1; }
    """
