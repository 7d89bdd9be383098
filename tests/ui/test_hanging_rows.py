"""Numbered choices are drawn as a two-column grid would draw them, without the grid's cost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from smtrainer.ui.widgets import HangingRows

words = st.text(alphabet="abcdéfghijklmnopqrstuvwxyzÉ", min_size=1, max_size=14)
labels = st.lists(words, min_size=1, max_size=30).map(" ".join)


def shown(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(labels, min_size=1, max_size=5), width=st.integers(min_value=21, max_value=90)
)
def test_rows_are_laid_out_as_a_grid_lays_them_out(texts: list[str], width: int) -> None:
    """Every word fits beside the lead (a grid would cut a longer one short: see below)."""
    rows = [(Text(f" {n} ( )"), Text(text)) for n, text in enumerate(texts, start=1)]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for lead, text in rows:
        grid.add_row(lead, text)
    assert shown(HangingRows(rows), width) == shown(grid, width)


def test_a_long_row_hangs_under_its_text() -> None:
    rows = [(Text(" 1 (•)"), Text("one two three four five six")), (Text(" 2 ( )"), Text("x"))]
    assert shown(HangingRows(rows), 20) == [
        " 1 (•) one two three",
        "       four five six",
        " 2 ( ) x",
    ]


def test_a_word_wider_than_the_room_is_folded_not_cut() -> None:
    rows = [(Text(" 1 ( )"), Text("abcdefghij"))]
    assert shown(HangingRows(rows), 12) == [" 1 ( ) abcde", "       fghij"]
