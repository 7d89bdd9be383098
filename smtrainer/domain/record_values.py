"""The closed sets and text rules of a record's values, apart from signing and checking whole
records (the learner's app needs them at start, without the rest)."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from smtrainer.i18n import _

_BIDI_AND_CONTROLS = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class RecordKind(StrEnum):
    INDUCTION = "induction"
    REFRESHER = "refresher"


class Outcome(StrEnum):
    CORRECT = "correct"
    WRONG = "wrong"


def clean_text(value: str) -> str:
    """`value` in NFC with surrounding space removed (names are stored this way)."""
    return unicodedata.normalize("NFC", value).strip()


def text_problem(value: str) -> str | None:
    """Why `value` may not appear in a record as a name or role, or None if it may."""
    if value != unicodedata.normalize("NFC", value):
        return _("not in Unicode NFC form")
    if _BIDI_AND_CONTROLS.search(value):
        return _("contains control or bidirectional formatting characters")
    return None
