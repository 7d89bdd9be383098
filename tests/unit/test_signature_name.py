"""The typed signature matches the name whatever the case, accents and spaces."""

from __future__ import annotations

import unicodedata

import pytest

from smtrainer.domain.signature_name import same_name

NAME = "Zoé Lefèvre"


@pytest.mark.parametrize(
    "typed",
    [
        "Zoé Lefèvre",
        "zoé lefèvre",
        "ZOÉ LEFÈVRE",
        "Zoe Lefevre",
        "  Zoé   Lefèvre ",
        unicodedata.normalize("NFD", "Zoé Lefèvre"),
        "Zoé\u200b Lefèvre",
    ],
)
def test_these_sign_for_the_name(typed: str) -> None:
    assert same_name(typed, NAME)


@pytest.mark.parametrize("typed", ["", "   ", "Zoé", "Zoé Lefèvres", "Zoé-Lefèvre", "Zoa Lefèvre"])
def test_these_do_not(typed: str) -> None:
    assert not same_name(typed, NAME)


def test_german_sharp_s_and_ligatures_fold() -> None:
    assert same_name("STRASSE", "Straße")
    assert same_name("Cœur", "cœur")


def test_strokes_that_unicode_does_not_decompose_fold_too() -> None:
    assert same_name("Lukasz Wojcik", "Łukasz Wójcik")
    assert same_name("ostergaard", "Østergaard")
    assert same_name("Dorde", "Đorđe")
    assert not same_name("Mukasz Wojcik", "Łukasz Wójcik")
