"""Dates and times as records carry them: UTC strings, calendar months."""

from __future__ import annotations

import calendar
import datetime as dt
import re

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
TIMESTAMP_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")


def utc_timestamp(moment: dt.datetime) -> str:
    """``2026-11-21T09:12:00Z`` for an aware datetime (converted to UTC)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(dt.UTC).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(text: str) -> dt.datetime:
    """The aware UTC datetime of a ``YYYY-MM-DDTHH:MM:SSZ`` string; ValueError otherwise."""
    if not TIMESTAMP_PATTERN.match(text):
        raise ValueError(text)
    return dt.datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=dt.UTC)


def parse_date(text: str) -> dt.date:
    if not DATE_PATTERN.match(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
