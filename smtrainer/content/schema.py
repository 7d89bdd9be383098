"""The shape of content files (formats 1 and 2), as data the validator walks.

`docs/content-format.md` is the prose version of this file; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from smtrainer.domain.ids import MAX_ID_LENGTH as MAX_ID_LENGTH
from smtrainer.domain.ids import SAFE_ID_PATTERN
from smtrainer.domain.model import (
    AcknowledgementMode,
    QuestionKind,
    StaffIdRule,
    Translation,
    Verdict,
)
from smtrainer.i18n import N_

FORMAT_VERSION = 2
"""The newest content format; format 1 packs are still read."""
FORMATS = (1, 2)
POLICY_FILE = "policy.toml"


class Kind(Enum):
    """TOML value kinds, with the words a content author knows them by."""

    STRING = N_("string")
    INTEGER = N_("integer")
    BOOLEAN = N_("boolean")
    DATE = N_("date")
    TABLE = N_("table")
    TABLES = N_("array of tables")
    STRINGS = N_("array of strings")


@dataclass(frozen=True)
class Field:
    """One key of a table: its kind, whether it must be there and what it may hold."""

    name: str
    kind: Kind
    required: bool = True
    fields: tuple[Field, ...] = ()
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    min_items: int = 0
    max_items: int | None = None
    identifier: bool = False


ID = SAFE_ID_PATTERN
"""The safe id alphabet, shared with the record gate (domain.ids)."""


def _text(name: str, required: bool = True) -> Field:
    return Field(name, Kind.STRING, required=required)


def _id() -> Field:
    return Field("id", Kind.STRING, identifier=True)


def _section(required: bool = True) -> Field:
    return Field("section", Kind.STRING, required=required, identifier=True)


CHOICE = (
    _id(),
    _text("text"),
    Field("verdict", Kind.STRING, choices=tuple(v.value for v in Verdict)),
    _text("feedback"),
    _section(),
    Field("next", Kind.STRING, required=False, identifier=True),
)

STEP = (
    _id(),
    _text("text"),
    Field("choices", Kind.TABLES, fields=CHOICE, min_items=2, max_items=4),
)

SCENARIO = (
    _id(),
    _text("title"),
    _section(),
    Field("start", Kind.STRING, required=False, identifier=True),
    Field("steps", Kind.TABLES, fields=STEP, min_items=1, max_items=30),
)

OPTION_V1 = (
    _id(),
    _text("text"),
    Field("correct", Kind.BOOLEAN, required=False),
)

OPTION = (*OPTION_V1, _text("feedback", required=False), _section(required=False))


def _question(option: tuple[Field, ...]) -> tuple[Field, ...]:
    return (
        _id(),
        Field("kind", Kind.STRING, choices=tuple(k.value for k in QuestionKind)),
        _text("prompt"),
        _text("explanation"),
        _section(),
        Field("answer", Kind.BOOLEAN, required=False),
        Field("choices", Kind.TABLES, required=False, fields=option, max_items=6),
    )


QUESTION_V1 = _question(OPTION_V1)
QUESTION = _question(OPTION)

KEY_POINT = (
    _id(),
    _text("title"),
    _text("body"),
    _section(),
)

SELF_CHECK = (
    _id(),
    _text("prompt"),
    _text("action"),
    _section(),
)


def _format(version: int) -> Field:
    return Field("format", Kind.INTEGER, minimum=min(FORMATS), maximum=version)


def _module(version: int, question: tuple[Field, ...]) -> tuple[Field, ...]:
    return (
        _format(version),
        _id(),
        _text("title"),
        _text("summary"),
        Field("minutes", Kind.INTEGER, minimum=1, maximum=120),
        _text("confidence"),
        Field("key_points", Kind.TABLES, fields=KEY_POINT, min_items=1),
        Field("scenarios", Kind.TABLES, required=False, fields=SCENARIO),
        Field("check_questions", Kind.TABLES, required=False, fields=question),
        Field("questions", Kind.TABLES, required=False, fields=question),
        Field("self_check", Kind.TABLES, required=False, fields=SELF_CHECK),
    )


MODULE_V1 = _module(1, QUESTION_V1)
MODULE = _module(FORMAT_VERSION, QUESTION)

_POLICY_COMMON = (
    _id(),
    Field("language", Kind.STRING),
    _text("title"),
    _text("school"),
    _text("version"),
    Field("adopted", Kind.DATE, required=False),
    Field("pass_mark", Kind.INTEGER, minimum=1, maximum=100),
    Field("refresher_months", Kind.INTEGER, minimum=1, maximum=60),
    Field(
        "staff_id",
        Kind.STRING,
        required=False,
        choices=tuple(rule.value for rule in StaffIdRule),
    ),
    Field(
        "acknowledgement",
        Kind.TABLE,
        fields=(
            Field("mode", Kind.STRING, choices=tuple(m.value for m in AcknowledgementMode)),
            _text("text"),
        ),
    ),
    Field(
        "contacts",
        Kind.TABLES,
        min_items=1,
        fields=(Field("role", Kind.STRING, identifier=True), _text("title"), _text("how", False)),
    ),
    Field("sections", Kind.TABLES, min_items=1, fields=(_id(), _text("title"))),
)

MAX_ASSESSMENT = 200

POLICY_V1 = (
    _format(1),
    *_POLICY_COMMON,
    Field("assessment_size", Kind.INTEGER, required=False, minimum=1, maximum=MAX_ASSESSMENT),
)

POLICY = (
    _format(FORMAT_VERSION),
    *_POLICY_COMMON,
    Field(
        "translation",
        Kind.STRING,
        required=False,
        choices=tuple(t.value for t in Translation),
    ),
    _text("introduction", required=False),
    _text("full_policy", required=False),
    Field(
        "assessment",
        Kind.TABLE,
        required=False,
        fields=(
            Field("size", Kind.INTEGER, minimum=1, maximum=MAX_ASSESSMENT),
            Field("per_module", Kind.INTEGER, required=False, minimum=1, maximum=MAX_ASSESSMENT),
            Field("essential_sections", Kind.STRINGS, required=False, identifier=True),
        ),
    ),
    Field("roles", Kind.TABLES, required=False, fields=(_id(), _text("title"))),
    Field(
        "acknowledged",
        Kind.TABLES,
        required=False,
        fields=(
            Field("warning", Kind.STRING, identifier=True),
            Field("target", Kind.STRING),
            _text("reason"),
        ),
    ),
)


RENAMED_IN_V2 = {"assessment_size": "[assessment] size = N"}
"""Format 1 keys that format 2 replaced, and what to write instead."""


def declared_format(data: dict[str, object]) -> int:
    """The format a file says it is written in; anything unusable counts as the newest, whose
    schema then reports what is wrong with it."""
    value = data.get("format")
    if isinstance(value, int) and not isinstance(value, bool) and value in FORMATS:
        return value
    return FORMAT_VERSION


def policy_schema(data: dict[str, object]) -> tuple[Field, ...]:
    return POLICY_V1 if declared_format(data) == 1 else POLICY


def module_schema(data: dict[str, object]) -> tuple[Field, ...]:
    return MODULE_V1 if declared_format(data) == 1 else MODULE
