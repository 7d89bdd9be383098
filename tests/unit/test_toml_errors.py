"""TOML syntax errors in our own words, in the active language, with their line."""

from __future__ import annotations

import inspect
import re
import tomllib
import tomllib._parser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain.toml_errors import _MESSAGES, describe
from smtrainer.i18n import set_language


def error_of(text: str) -> tomllib.TOMLDecodeError:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    return caught.value


CASES = [
    ('title = "x', "a text value is not closed with its quote", None),
    ('title = "x\n', "a text value is not closed with its quote before the end of the line", 1),
    ("[module\nid = 1\n", "expected ']' at the end of the table name", 1),
    ("id = 1\nid = 2\n", "a value is given twice", 2),
    ("[a]\nb = 1\n[a]\n", "a is declared twice", 3),
    ("title = hello\n", "the value is not valid TOML (text needs quotes)", 1),
    ("a = 1 b = 2\n", "only one key = value per line: something follows the value", 1),
    ("a = [1 2]\n", "a list is not closed with ']'", 1),
    ("a = {b = 1, b = 2}\n", "'b' is given twice in one table", 1),
    ('a = "\\q"\n', "a backslash must be written \\\\ in text", 1),
]


@pytest.mark.parametrize(("text", "detail", "line"), CASES)
def test_common_mistakes_are_described_in_our_words(
    text: str, detail: str, line: int | None
) -> None:
    described = describe(error_of(text))
    assert (described.detail, described.line) == (detail, line)


@pytest.mark.parametrize(("text", "_detail", "_line"), CASES)
def test_french_session_shows_no_english_from_tomllib(text: str, _detail: str, _line: int) -> None:
    english = without_position(str(error_of(text)))
    set_language("fr")
    described = describe(error_of(text))
    assert described.detail != english
    for word in ("Expected", "Cannot", "Invalid", "Unclosed", "Unterminated", "string", "value"):
        assert word not in described.detail


def without_position(message: str) -> str:
    return re.sub(r"\s*\(at .*\)$", "", message)


def test_every_message_tomllib_can_raise_has_our_wording() -> None:
    """If a Python release adds a message, this fails; users would see it in English meanwhile."""
    source = inspect.getsource(tomllib._parser)
    messages = re.findall(r'suffixed_err\(\s*src,\s*\w+,\s*f?"((?:[^"\\]|\\.)*)"', source)
    assert len(messages) > 15
    for message in messages:
        sample = re.sub(r"\{[^}]*\}", "'x'", message).replace("\\\\", "\\")
        assert any(pattern.match(sample) for pattern, _template in _MESSAGES), message


def test_an_unknown_message_is_shown_as_it_is() -> None:
    described = describe(tomllib.TOMLDecodeError("Something new (at line 4, column 2)"))
    assert (described.detail, described.line, described.column) == ("Something new", 4, 2)


@given(st.text(max_size=60))
def test_any_text_is_either_toml_or_described(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        described = describe(error)
        assert described.detail
        assert described.line is None or described.line >= 1
