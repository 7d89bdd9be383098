"""Language choice and translation at call time."""

from __future__ import annotations

import pytest

from smtrainer.i18n import (
    _,
    choose_language,
    current_language,
    language_from_environment,
    ngettext,
    normalise_language,
    set_language,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("fr_FR.UTF-8", "fr"),
        ("fr_CA", "fr"),
        ("fr-BE", "fr"),
        ("en_GB.UTF-8", "en"),
        ("de_DE.UTF-8", None),
        ("C", None),
        ("POSIX", None),
        ("C.UTF-8", None),
        ("", None),
        ("not a locale!", None),
    ],
)
def test_locale_strings_are_normalised(value: str, expected: str | None) -> None:
    assert normalise_language(value) == expected


def test_language_variable_list_is_searched_in_order() -> None:
    assert language_from_environment({"LANGUAGE": "de:fr:en", "LANG": "en_US.UTF-8"}) == "fr"


def test_lc_all_wins_over_lang() -> None:
    assert language_from_environment({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}) == "fr"


def test_choice_order_is_flag_then_saved_then_environment_then_english() -> None:
    env = {"LANG": "fr_FR.UTF-8"}
    assert choose_language("en", "fr", env) == "en"
    assert choose_language(None, "en", env) == "en"
    assert choose_language(None, None, env) == "fr"
    assert choose_language(None, None, {}) == "en"
    assert choose_language(None, "klingon", {"LANG": "de_DE"}) == "en"


def test_translation_follows_the_language_at_call_time() -> None:
    assert _("Quit") == "Quit"
    set_language("fr")
    assert current_language() == "fr"
    assert _("Quit") == "Quitter"
    assert ngettext("{n} error", "{n} errors", 1).format(n=1) == "1 erreur"
    assert ngettext("{n} error", "{n} errors", 2).format(n=2) == "2 erreurs"
    set_language("en")
    assert _("Quit") == "Quit"


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="de"):
        set_language("de")


def test_next_language_cycles_from_the_active_one() -> None:
    from smtrainer.i18n import next_language, set_language

    set_language("en")
    assert next_language(["en", "fr"]) == "fr"
    set_language("fr")
    assert next_language(["en", "fr"]) == "en"
    assert next_language(["en"]) == "en"
    set_language("en")
