"""Translation of user-facing strings, resolved at call time.

Nothing happens at import: the active language is English (the source language) until
`set_language` is called, and every `_()` call looks up the catalog active at that moment,
so the language can change while the app runs.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "smtrainer"
SOURCE_LANGUAGE = "en"
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr")
LOCALE_DIR = Path(__file__).parent / "locale"

_ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class _State:
    language: str = SOURCE_LANGUAGE
    translations: gettext.NullTranslations = gettext.NullTranslations()


_state = _State()


def _(message: str) -> str:
    """Translate `message` into the active language."""
    return _state.translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the active language."""
    return _state.translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it now."""
    return message


def current_language() -> str:
    """The code of the active language, such as ``"fr"``."""
    return _state.language


def load_translations(language: str) -> gettext.NullTranslations:
    """The catalog for `language`; English (no catalog) falls back to the source strings."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def next_language(available: list[str]) -> str:
    """The language a switch goes to: the one after the active language in `available`."""
    current = current_language()
    index = available.index(current) if current in available else -1
    return available[(index + 1) % len(available)]


def set_language(language: str) -> None:
    """Make `language` (one of SUPPORTED_LANGUAGES) the active language."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(language)
    _state.translations = load_translations(language)
    _state.language = language


_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]+)*$")


def normalise_language(value: str | None) -> str | None:
    """The supported language named by a locale string such as ``fr_CA.UTF-8``, if any.

    POSIX locale names and BCP 47 tags both start with the ISO 639 language code, which is all
    that matters here; parsing it by hand keeps Babel out of start-up.
    """
    if not value:
        return None
    tag = value.split(".", 1)[0].split("@", 1)[0].strip()
    match = _LANGUAGE_TAG.match(tag)
    if not match:
        return None
    language = match.group(1).lower()
    return language if language in SUPPORTED_LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The first supported language named by the usual locale variables."""
    env = os.environ if environ is None else environ
    for var in _ENV_VARS:
        raw = env.get(var, "")
        # LANGUAGE may hold a colon-separated list of preferences.
        for candidate in raw.split(":"):
            found = normalise_language(candidate)
            if found:
                return found
    return None


def choose_language(
    requested: str | None,
    saved: str | None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """Pick the language: `--lang`, the saved preference, the environment, then English."""
    for candidate in (requested, saved):
        found = normalise_language(candidate)
        if found:
            return found
    return language_from_environment(environ) or SOURCE_LANGUAGE


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Translate into `language` inside the block, then restore the previous language."""
    previous, translations = _state.language, _state.translations
    set_language(language)
    try:
        yield
    finally:
        _state.language, _state.translations = previous, translations
