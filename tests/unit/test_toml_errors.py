"""TOML syntax errors in our own words, in the active language, with their line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from smtrainer.domain.toml_errors import _MESSAGES, describe
from smtrainer.i18n import set_language


def error_of(text: str, parser: ModuleType = tomli) -> ValueError:
    with pytest.raises(parser.TOMLDecodeError) as caught:
        parser.loads(text)
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


@pytest.mark.parametrize("parser", [tomli, tomllib])
@pytest.mark.parametrize(("text", "detail", "line"), CASES)
def test_common_mistakes_are_described_in_our_words(
    text: str, detail: str, line: int | None, parser: ModuleType
) -> None:
    described = describe(error_of(text, parser))
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


@pytest.mark.parametrize("parser", [tomli, tomllib])
def test_every_message_the_parser_can_raise_has_our_wording(parser: ModuleType) -> None:
    """If a release adds a message, this fails; users would see it in English meanwhile."""
    source = (Path(parser.__file__ or "").parent / "_parser.py").read_text(encoding="utf-8")
    raised = r'(?:suffixed_err\(\s*src,\s*\w+,|TOMLDecodeError\()\s*f?"((?:[^"\\]|\\.)*)"'
    messages = [m for m in re.findall(raised, source) if not m.startswith("{msg}")]
    assert len(messages) > 15
    for message in messages:
        sample = re.sub(r"\{[^}]*\}", "'x'", message).replace("\\\\", "\\")
        assert any(pattern.match(sample) for pattern, _template in _MESSAGES), message


def test_an_unknown_message_is_shown_as_it_is() -> None:
    described = describe(ValueError("Something new (at line 4, column 2)"))
    assert (described.detail, described.line, described.column) == ("Something new", 4, 2)


@given(st.text(max_size=60))
def test_any_text_is_either_toml_or_described(text: str) -> None:
    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        described = describe(error)
        assert described.detail
        assert described.line is None or described.line >= 1
