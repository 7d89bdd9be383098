"""The shape of content files (format v1), as data the validator walks.

`docs/content-format.md` is the prose version of this file; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from smtrainer.domain.model import AcknowledgementMode, QuestionKind, StaffIdRule, Verdict
from smtrainer.i18n import N_

FORMAT_VERSION = 1
POLICY_FILE = "policy.toml"


class Kind(Enum):
    """TOML value kinds, with the words a content author knows them by."""

    STRING = N_("string")
    INTEGER = N_("integer")
    BOOLEAN = N_("boolean")
    DATE = N_("date")
    TABLE = N_("table")
    TABLES = N_("array of tables")


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


ID = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"


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

OPTION = (
    _id(),
    _text("text"),
    Field("correct", Kind.BOOLEAN, required=False),
)

QUESTION = (
    _id(),
    Field("kind", Kind.STRING, choices=tuple(k.value for k in QuestionKind)),
    _text("prompt"),
    _text("explanation"),
    _section(),
    Field("answer", Kind.BOOLEAN, required=False),
    Field("choices", Kind.TABLES, required=False, fields=OPTION, max_items=6),
)

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

MODULE = (
    Field("format", Kind.INTEGER, minimum=FORMAT_VERSION, maximum=FORMAT_VERSION),
    _id(),
    _text("title"),
    _text("summary"),
    Field("minutes", Kind.INTEGER, minimum=1, maximum=120),
    _text("confidence"),
    Field("key_points", Kind.TABLES, fields=KEY_POINT, min_items=1),
    Field("scenarios", Kind.TABLES, required=False, fields=SCENARIO),
    Field("check_questions", Kind.TABLES, required=False, fields=QUESTION),
    Field("questions", Kind.TABLES, required=False, fields=QUESTION),
    Field("self_check", Kind.TABLES, required=False, fields=SELF_CHECK),
)

POLICY = (
    Field("format", Kind.INTEGER, minimum=FORMAT_VERSION, maximum=FORMAT_VERSION),
    _id(),
    Field("language", Kind.STRING),
    _text("title"),
    _text("school"),
    _text("version"),
    Field("adopted", Kind.DATE, required=False),
    Field("pass_mark", Kind.INTEGER, minimum=1, maximum=100),
    Field("refresher_months", Kind.INTEGER, minimum=1, maximum=60),
    Field("assessment_size", Kind.INTEGER, required=False, minimum=1, maximum=200),
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
