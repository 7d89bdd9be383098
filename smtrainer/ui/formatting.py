"""Dates and numbers in the active language (Babel)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_percent

from smtrainer.i18n import current_language


def long_date(day: dt.date) -> str:
    return str(format_date(day, format="long", locale=current_language()))


def percent(value: int) -> str:
    """A whole percentage, e.g. "85 %" in French and "85%" in English."""
    return str(format_percent(value / 100, locale=current_language()))
