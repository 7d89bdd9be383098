"""Dates and numbers in the active language (Babel)."""

from __future__ import annotations

import datetime as dt

from babel.numbers import format_decimal, format_percent

from smtrainer.documents import wording
from smtrainer.i18n import current_language


def long_date(day: dt.date) -> str:
    """A date in words in the active language ("1er décembre 2026" in French)."""
    return wording.long_date(day)


def percent(value: int) -> str:
    """A whole percentage, e.g. "85 %" in French and "85%" in English."""
    return str(format_percent(value / 100, locale=current_language()))


def whole_number(value: int) -> str:
    """A count with the language's digit grouping: "10,477" in English, "10 477" in French."""
    return str(format_decimal(value, locale=current_language()))
