"""Text from the shared folder made inert: escapes and controls shown, French spaces kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain.inert_text import inert, shown_name


def test_controls_escapes_and_overrides_are_shown_as_escapes() -> None:
    assert inert("a\x1b[31mb") == "a\\x1b[31mb"
    assert inert("x\u202ey") == "x\\u202ey"
    assert inert("one\ntwo") == "one\\x0atwo"
    assert shown_name("bad\udcffname.toml") == '"bad\\xffname.toml"'


def test_french_no_break_spaces_are_kept_as_they_are() -> None:
    text = "ce n'est pas du TOML valide\u00a0: 12\u202f345 attestations"
    assert inert(text) == text
    assert shown_name(text) == text


@given(st.text())
def test_what_is_shown_is_one_line_with_nothing_a_terminal_acts_on(text: str) -> None:
    shown = inert(text)
    assert all(char.isprintable() or char in "\u00a0\u202f" for char in shown)
    assert inert(shown) == shown
