"""The French catalog is complete, current and consistent with the code."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog, Message

import babel_runner

PO = babel_runner.LOCALE_DIR / "fr" / "LC_MESSAGES" / "smtrainer.po"
BRACE = re.compile(r"\{(\w*)[^}]*\}")
PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdirf%]")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return babel_runner.read_catalog(PO)


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def test_catalog_is_up_to_date_with_the_code(catalog: Catalog) -> None:
    template = babel_runner.extract_catalog()
    missing = _ids(template) - _ids(catalog)
    obsolete = _ids(catalog) - _ids(template)
    assert not missing, f"strings in the code but not in the catalog (make i18n-update): {missing}"
    assert not obsolete, f"strings in the catalog no longer in the code: {obsolete}"


def test_no_untranslated_or_fuzzy_entries(catalog: Catalog) -> None:
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(("untranslated", message.id))
    assert not problems


def _placeholders(text: str, percent_format: bool) -> tuple[list[str], list[str]]:
    braces = sorted(match.group(1) for match in BRACE.finditer(text))
    percents = (
        sorted(m.group(0) for m in PERCENT.finditer(text) if m.group(0) != "%%")
        if percent_format
        else []
    )
    return braces, percents


def _pairs(message: Message) -> list[tuple[str, str]]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    # Every plural form must carry the plural msgid's placeholders.
    return [(ids[-1] if index else ids[0], text) for index, text in enumerate(strings)]


def test_placeholders_match(catalog: Catalog) -> None:
    mismatched = []
    for message in catalog:
        if not message.id:
            continue
        percent_format = message.python_format  # Babel's own detection of %-style messages.
        for source, translation in _pairs(message):
            if _placeholders(source, percent_format) != _placeholders(translation, percent_format):
                mismatched.append((source, translation))
    assert not mismatched


def test_french_plural_rule(catalog: Catalog) -> None:
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"


SIGN_IN = re.compile(r"basic credentials|refused the credentials|credentials must")
"""Where "credentials" means a user name and password, not an Open Badge."""


def _mixes_the_words(english: str, french: str) -> bool:
    said = french.casefold()
    credential = bool(re.search(r"\bcredentials?\b", english)) and not SIGN_IN.search(english)
    record = bool(re.search(r"\brecords?\b", english.replace("learning record", "")))
    if "relevé" in said:
        return True
    if credential:
        return "badge" not in said or (not record and "attestation" in said)
    return record and "badge" in said


def test_one_french_word_for_each_kind_of_evidence(catalog: Catalog) -> None:
    """A signed record is an "attestation", an Open Badges credential a "badge": never the one
    word for the other, nor a third word for either."""
    mixed = [
        (english, french)
        for message in catalog
        for english, french in _pairs(message)
        if _mixes_the_words(english, french)
    ]
    assert not mixed
