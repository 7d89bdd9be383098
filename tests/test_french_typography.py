"""French typography in our own words: no-break spaces where French puts them, "1er" dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import babel_runner
from smtrainer.cli.main import main
from smtrainer.documents.wording import long_date as document_date
from smtrainer.i18n import set_language
from smtrainer.ui.formatting import long_date

PLAIN_SPACE_BEFORE = re.compile(r" [:;?!»]|« ")


def french_strings() -> list[tuple[str, str]]:
    po = Path(babel_runner.LOCALE_DIR) / "fr" / "LC_MESSAGES" / f"{babel_runner.DOMAIN}.po"
    found = []
    for message in babel_runner.read_catalog(po):
        if not message.id or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(str(message.id), text) for text in strings]
    return found


def test_no_plain_space_before_french_punctuation() -> None:
    """A plain space before : ; ? ! » (or after «) lets the mark wrap to the start of a line."""
    wrong = [text for _msgid, text in french_strings() if PLAIN_SPACE_BEFORE.search(text)]
    assert not wrong, f"{len(wrong)} strings, first: {wrong[:3]}"


def test_the_first_of_a_month_is_written_1er() -> None:
    set_language("fr")
    assert long_date(dt.date(2026, 12, 1)) == "1er décembre 2026"
    assert long_date(dt.date(2026, 12, 11)) == "11 décembre 2026"
    set_language("en")
    assert long_date(dt.date(2026, 12, 1)) == "December 1, 2026"
    assert document_date(dt.date(2026, 12, 1), "fr") == "1er décembre 2026", "certificates too"


def test_help_headings_follow_french_typography(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "--help"])
    out = capsys.readouterr().out
    assert "options\u00a0:" in out
    assert "options:" not in out
