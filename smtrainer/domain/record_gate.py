"""The record gate: after the signature, whether a record's values make sense.

Every record is decoded once into the typed struct of its schema version (msgspec: types,
required keys and closed sets), then the rules of that version check each value's domain and the
record's internal agreement. A second schema version is a second struct plus its rules, added to
`SCHEMAS`. Rules that need to know the school's policies or the time (`record_judgement`) run where
those are known: they are cheap, so scan caches keep only what the record alone decides.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec

from smtrainer.domain.dates import add_months
from smtrainer.domain.ids import is_safe_id, is_staff_id
from smtrainer.domain.model import Verdict
from smtrainer.domain.record import MAX_INT, SCHEMA, RecordProblem
from smtrainer.domain.record_v2 import (
    SCHEMA_V2,
    check_v2_parts,
    hashes_ok,
    ids_and_steps_ok,
    known_good,
)
from smtrainer.domain.record_values import Outcome, RecordKind, text_problem
from smtrainer.domain.scoring import has_passed, percent
from smtrainer.i18n import N_, SUPPORTED_LANGUAGES, _

MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 64
MAX_ATTEMPTS = 100
MAX_REFRESHER_MONTHS = 120

Int = Annotated[int, msgspec.Meta(ge=-MAX_INT, le=MAX_INT)]
"""Every integer of a record: within the range RFC 8785 writes exactly (IEEE doubles)."""

_UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_HASH = re.compile(r"sha256:[0-9a-f]{64}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ModuleResultV1(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    content_hash: str
    correct: Int
    total: Int
    score_pct: Int


class QuestionResultV1(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    module: str
    outcome: Outcome
    answer: list[str]


class AssessmentV1(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    seed: Int
    questions: list[QuestionResultV1]


class ScenarioChoiceV1(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    module: str
    scenario: str
    step: str
    choice: str
    verdict: Verdict


class CommonFields(msgspec.Struct, frozen=True):
    """The fields every record version has, with the same meaning (other keys are left to the
    version's own struct or checks)."""

    schema: str
    record_id: str
    kind: RecordKind
    policy_id: str
    policy_version: str
    language: str
    staff_id: str
    staff_name: str
    staff_role: str
    started_at: str
    completed_at: str
    correct: Int
    total: Int
    score_pct: Int
    pass_mark: Int
    passed: bool
    refresher_due: str
    app_version: str


class RecordV1(CommonFields, frozen=True, forbid_unknown_fields=True):
    """A `[record]` table of format v1, typed. In every struct of a record no key may be
    missing and none may be added."""

    schema: Literal["smtrainer.record.v1"]
    attempts: Int
    modules: list[ModuleResultV1]
    assessment: AssessmentV1
    scenario_choices: list[ScenarioChoiceV1]


class AttemptV2(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    seed: Int
    correct: Int
    total: Int
    score_pct: Int
    questions: list[tuple[Int, str, bool, list[str]]]
    """[module position, question id, answered right, option ids chosen], in the order asked."""


class RecordV2(CommonFields, frozen=True, forbid_unknown_fields=True):
    """A `[record]` table of format v2 (the compact layout with every attempt), typed."""

    schema: Literal["smtrainer.record.v2"]
    modules: list[tuple[str, str]]
    """[module id, content hash in `sha256-<base64>` form]."""
    scenarios: list[list[Int | str]]
    """[module position, scenario id, "step/choice[/verdict]", …]."""
    attempts: list[AttemptV2]


@dataclass(frozen=True)
class SchemaRules:
    """What one schema version is: its struct, and its rules (given the typed record and the
    parsed table it was decoded from)."""

    struct: type[msgspec.Struct]
    rules: Callable[[Any, Mapping[str, Any]], list[RecordProblem]]


class _Rules:
    """Collects every problem of one record, each with its key path."""

    def __init__(self) -> None:
        self.problems: list[RecordProblem] = []

    def fail(self, key: str, reason: str) -> None:
        self.problems.append(RecordProblem(key, reason))

    def safe_id(self, key: str, value: str) -> None:
        if not is_safe_id(value):
            self.fail(key, _("not an id of lower-case letters, digits, '-' and '.'"))

    def text(self, key: str, value: str, limit: int, *, empty: bool = False) -> None:
        if not empty and not value.strip():
            self.fail(key, _("must not be empty"))
        elif len(value) > limit:
            self.fail(key, _("longer than {limit} characters").format(limit=limit))
        problem = text_problem(value)
        if problem:
            self.fail(key, problem)

    def integer(self, key: str, value: int, low: int, high: int) -> bool:
        if not low <= value <= high:
            self.fail(key, _("out of range ({low} to {high})").format(low=low, high=high))
            return False
        return True

    def moment(self, key: str, value: str) -> dt.datetime | None:
        if _TIMESTAMP.fullmatch(value):
            try:
                return dt.datetime.fromisoformat(value)  # Strict: ASCII digits, real times.
            except ValueError:
                pass
        self.fail(key, _("not a real UTC time written YYYY-MM-DDTHH:MM:SSZ"))
        return None

    def day(self, key: str, value: str) -> dt.date | None:
        if _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(key, _("not a real date written YYYY-MM-DD"))
        return None

    def score(self, key: str, correct: int, total: int, score_pct: int) -> None:
        if not (0 <= correct <= total <= MAX_INT):
            self.fail(key, _("correct answers must be between 0 and the total"))
        elif score_pct != percent(correct, total):
            self.fail(key, _("score_pct does not match correct and total"))


def rules_v1(record: RecordV1, table: Mapping[str, Any]) -> list[RecordProblem]:
    """Every value in its domain, and the record agreeing with itself."""
    r = _Rules()
    _common(r, record)
    r.integer("attempts", record.attempts, 1, MAX_ATTEMPTS)
    _modules_v1(r, record)
    _assessment_v1(r, record)
    for index, choice in enumerate(record.scenario_choices):
        for name in ("module", "scenario", "step", "choice"):
            r.safe_id(f"scenario_choices[{index}].{name}", getattr(choice, name))
    return r.problems


def rules_v2(record: RecordV2, table: Mapping[str, Any]) -> list[RecordProblem]:
    """The fields shared with v1 under the same rules; the v2 layout's own checks (positions,
    ids, step strings, each attempt's scores, the top level being the last attempt)."""
    r = _Rules()
    _common(r, record)
    seen: set[str] = set()
    for index, (module_id, _hash) in enumerate(record.modules):
        if module_id in seen:
            r.fail(f"modules[{index}][0]", _("appears twice"))
        seen.add(module_id)
    if _v2_parts_ok(record):
        return r.problems
    parts = check_v2_parts(table, known_bad=True)
    return r.problems + [RecordProblem(key, reason) for key, reason in parts]


def _v2_parts_ok(record: RecordV2) -> bool:
    """True when the v2-only parts are certainly valid, found in one pass over the typed record
    with ids, steps and hashes looked up among those already found good (the common case);
    False sends the record through the detailed checks, which say what is wrong."""
    modules, attempts = record.modules, record.attempts
    count = len(modules)
    if not attempts or not hashes_ok([content for _id, content in modules]):
        return False
    ids: list[Any] = [module_id for module_id, _hash in modules]
    steps: list[Any] = []
    for entry in record.scenarios:
        if len(entry) < 3 or type(entry[0]) is not int or not 0 <= entry[0] < count:
            return False
        ids.append(entry[1])
        steps += entry[2:]
    for attempt in attempts:
        right = 0
        for position, question, correct, answer in attempt.questions:
            if not 0 <= position < count:
                return False
            right += correct
            ids.append(question)
            ids += answer
        total = len(attempt.questions)
        if (attempt.correct, attempt.total, attempt.score_pct) != (
            right,
            total,
            right * 100 // total if total else 0,
        ):
            return False
    last = attempts[-1]
    if (last.correct, last.total, last.score_pct) != (
        record.correct,
        record.total,
        record.score_pct,
    ):
        return False
    return known_good(ids, steps) or ids_and_steps_ok(ids, steps)


def _common(r: _Rules, record: CommonFields | RecordV1 | RecordV2) -> None:
    if not _UUID4.fullmatch(record.record_id):
        r.fail("record_id", _("not a lower-case version 4 UUID"))
    r.safe_id("policy_id", record.policy_id)
    r.text("policy_version", record.policy_version, MAX_TEXT_LENGTH)
    if record.language not in SUPPORTED_LANGUAGES:
        r.fail("language", _("unknown language"))
    if record.staff_id and not is_staff_id(record.staff_id):
        r.fail("staff_id", _("not a staff id of letters, digits, '-', '_' and '.'"))
    r.text("staff_name", record.staff_name, MAX_NAME_LENGTH)
    r.text("staff_role", record.staff_role, MAX_NAME_LENGTH)
    r.text("app_version", record.app_version, MAX_TEXT_LENGTH)
    started = r.moment("started_at", record.started_at)
    completed = r.moment("completed_at", record.completed_at)
    if started and completed and started > completed:
        r.fail("started_at", _("later than completed_at"))
    due = r.day("refresher_due", record.refresher_due)
    if due and completed:
        latest = add_months(completed.date(), MAX_REFRESHER_MONTHS)
        if not completed.date() < due <= latest:
            r.fail("refresher_due", _("not within ten years after completion"))
    r.score("score_pct", record.correct, record.total, record.score_pct)
    if r.integer("pass_mark", record.pass_mark, 1, 100) and record.passed != has_passed(
        record.correct, record.total, record.pass_mark
    ):
        r.fail("passed", _("does not agree with the score and the pass mark"))


def _modules_v1(r: _Rules, record: RecordV1) -> None:
    seen: set[str] = set()
    for index, module in enumerate(record.modules):
        where = f"modules[{index}]"
        r.safe_id(f"{where}.id", module.id)
        if module.id in seen:
            r.fail(f"{where}.id", _("appears twice"))
        seen.add(module.id)
        if not _HASH.fullmatch(module.content_hash):
            r.fail(f"{where}.content_hash", _("not sha256: and 64 hexadecimal digits"))
        r.score(where, module.correct, module.total, module.score_pct)
    questions = record.assessment.questions
    asked = Counter(q.module for q in questions)
    right = Counter(q.module for q in questions if q.outcome is Outcome.CORRECT)
    if (
        any(
            (module.total, module.correct) != (asked[module.id], right[module.id])
            for module in record.modules
        )
        or set(asked) - seen
    ):
        r.fail("modules", _("module scores do not match the questions asked"))


def _assessment_v1(r: _Rules, record: RecordV1) -> None:
    assessment = record.assessment
    r.integer("assessment.seed", assessment.seed, -MAX_INT, MAX_INT)
    for index, question in enumerate(assessment.questions):
        where = f"assessment.questions[{index}]"
        r.safe_id(f"{where}.id", question.id)
        r.safe_id(f"{where}.module", question.module)
        for number, option in enumerate(question.answer):
            r.safe_id(f"{where}.answer[{number}]", option)
    right = sum(q.outcome is Outcome.CORRECT for q in assessment.questions)
    if (len(assessment.questions), right) != (record.total, record.correct):
        r.fail("assessment", _("the questions asked do not match correct and total"))


SCHEMAS: dict[str, SchemaRules] = {
    SCHEMA: SchemaRules(RecordV1, rules_v1),
    SCHEMA_V2: SchemaRules(RecordV2, rules_v2),
}
"""Every record format the gate admits, by the `schema` value that names it."""

_TYPE_WORDS = {
    "str": N_("string"),
    "int": N_("integer"),
    "bool": N_("boolean"),
    "array": N_("array"),
    "object": N_("table"),
}


def decode(rules: SchemaRules, record: Mapping[str, Any]) -> tuple[Any, list[RecordProblem]]:
    """The typed record, decoded once, and every rule it breaks (an empty list when none)."""
    try:
        typed = msgspec.convert(record, rules.struct, strict=True)
    except msgspec.ValidationError as error:
        return None, [_type_problem(str(error))]
    return typed, rules.rules(typed, record)


def _type_problem(message: str) -> RecordProblem:
    """msgspec's English message in our own translated words."""
    detail, _sep, where = message.partition(" - at `$")
    key = where.rstrip("`").lstrip(".") or "record"
    if found := re.match(r"Object missing required field `(.+)`", detail):
        return RecordProblem(key, _("missing key {name}").format(name=found[1]))
    if found := re.match(r"Object contains unknown field `(.+)`", detail):
        return RecordProblem(key, _("unknown key {name}").format(name=found[1]))
    if found := re.match(r"Expected `(\w+)[^`]*`, got `(\w+)`", detail):
        expected = _(_TYPE_WORDS.get(found[1], found[1]))
        return RecordProblem(key, _("must be of type {kind}").format(kind=expected))
    return RecordProblem(key, _("value not allowed"))
