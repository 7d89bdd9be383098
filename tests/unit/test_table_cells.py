"""A column's width counts every value's cells, whatever its characters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from smtrainer.ui.dashboard.table_cells import column_width


@given(st.text(max_size=8), st.lists(st.text(max_size=12), max_size=30))
def test_a_column_is_as_wide_as_its_widest_cell(label: str, values: list[str]) -> None:
    assert column_width(label, values) == max(map(cell_len, [label, *values]))


def test_wide_and_combining_characters_are_measured_in_cells() -> None:
    assert column_width("Name", ["Zoë Martin", "李小龍", "e\u0301e\u0301"]) == 10
    assert column_width("Nom", ["李小龍李小龍"]) == 12
    assert column_width("Id", ["a\tb"]) == cell_len("a\tb")
