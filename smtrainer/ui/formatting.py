"""Dates and numbers in the active language (Babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_percent

from smtrainer.i18n import current_language


def long_date(day: dt.date) -> str:
    """A date in words: "1 December 2026"; French writes the first of a month "1er"."""
    text = str(format_date(day, format="long", locale=current_language()))
    if current_language() == "fr" and day.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]
    return text


def percent(value: int) -> str:
    """A whole percentage, e.g. "85 %" in French and "85%" in English."""
    return str(format_percent(value / 100, locale=current_language()))
