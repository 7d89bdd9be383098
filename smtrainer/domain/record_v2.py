"""Completion records, format v2: the compact layout that carries every assessment attempt.

Modules are listed once; questions and scenario walks name their module by its position in
`modules`, so no id is repeated. `docs/record-format.md` is the full specification.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from smtrainer.domain.ids import is_safe_id
from smtrainer.i18n import _

SCHEMA_V2 = "smtrainer.record.v2"
VERDICTS = frozenset({"best", "acceptable", "unsafe"})
INTEGRITY_PATTERN = re.compile(r"sha256-[A-Za-z0-9+/]{43}=")
"""A module hash in a v2 record, matched whole (`fullmatch`: `$` would let a line break through)."""


def integrity(content_hash: str) -> str:
    """A module's `sha256:<hex>` content hash in the shorter Subresource Integrity form
    (`sha256-<base64>`) that v2 records use; the same 32 bytes."""
    digest = bytes.fromhex(content_hash.removeprefix("sha256:"))
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def content_hash(integrity_text: str) -> str:
    """The `sha256:<hex>` form of a v2 record's module hash (ValueError if malformed)."""
    if not INTEGRITY_PATTERN.fullmatch(integrity_text):
        raise ValueError(integrity_text)
    try:
        digest = base64.b64decode(integrity_text.removeprefix("sha256-"), validate=True)
    except binascii.Error as error:
        raise ValueError(integrity_text) from error
    return "sha256:" + digest.hex()


@dataclass(frozen=True)
class AskedQuestion:
    """One question of an attempt as a v2 record states it."""

    module: str
    question: str
    outcome: str
    answer: tuple[str, ...]


@dataclass(frozen=True)
class WalkedStep:
    """One scenario step as a record states it, whatever its version."""

    module: str
    scenario: str
    step: str
    choice: str
    verdict: str


def step_text(step: str, choice: str, verdict: str) -> str:
    """A scenario step as v2 writes it: `step/choice`, plus `/verdict` unless it was the best."""
    return f"{step}/{choice}" if verdict == "best" else f"{step}/{choice}/{verdict}"


def parse_step(text: str) -> tuple[str, str, str] | None:
    """(step, choice, verdict) of a v2 step string, or None if it is malformed."""
    parts = text.split("/")
    if len(parts) == 2:
        parts.append("best")
    if len(parts) != 3 or not safe_id(parts[0]) or not safe_id(parts[1]):
        return None
    if parts[2] not in VERDICTS or (parts[2] == "best" and text.count("/") == 2):
        return None
    return parts[0], parts[1], parts[2]


def safe_id(value: object) -> bool:
    """An id from the one safe alphabet (domain.ids): no trailing line break slips through."""
    return isinstance(value, str) and is_safe_id(value)


def module_ids(record: Mapping[str, Any]) -> list[str]:
    """The modules of a record in order (v1 tables or v2 pairs)."""
    if record.get("schema") == SCHEMA_V2:
        return [str(entry[0]) for entry in record.get("modules", [])]
    return [str(m["id"]) for m in record.get("modules", [])]


def module_hashes(record: Mapping[str, Any]) -> dict[str, str]:
    """Module id → content hash, for a valid record of either version."""
    if record.get("schema") == SCHEMA_V2:
        return {str(entry[0]): content_hash(entry[1]) for entry in record.get("modules", [])}
    return {str(m["id"]): str(m["content_hash"]) for m in record.get("modules", [])}


def attempt_questions(record: Mapping[str, Any], attempt: Mapping[str, Any]) -> list[AskedQuestion]:
    """An attempt's questions in the order asked, module positions resolved to ids."""
    modules = module_ids(record)
    return [
        AskedQuestion(
            modules[entry[0]], entry[1], "correct" if entry[2] else "wrong", tuple(entry[3])
        )
        for entry in attempt.get("questions", [])
    ]


def final_questions(record: Mapping[str, Any]) -> list[AskedQuestion]:
    """The questions of the attempt the record's score is about (the last), either version."""
    if record.get("schema") == SCHEMA_V2:
        attempts = record.get("attempts", [])
        return attempt_questions(record, attempts[-1]) if attempts else []
    return [
        AskedQuestion(q["module"], q["id"], q["outcome"], tuple(q["answer"]))
        for q in record.get("assessment", {}).get("questions", [])
    ]


def attempt_scores(record: Mapping[str, Any]) -> list[int]:
    """Each attempt's score in per cent, first to last ("35 % then 87 %")."""
    if record.get("schema") == SCHEMA_V2:
        return [int(a["score_pct"]) for a in record.get("attempts", [])]
    return [int(record["score_pct"])]


def walked_steps(record: Mapping[str, Any]) -> Iterator[WalkedStep]:
    """Every scenario step walked, in order, for a valid record of either version."""
    if record.get("schema") != SCHEMA_V2:
        for c in record.get("scenario_choices", []):
            yield WalkedStep(c["module"], c["scenario"], c["step"], c["choice"], c["verdict"])
        return
    modules = module_ids(record)
    for module, scenario, *steps in record.get("scenarios", []):
        for text in steps:  # Valid records only: every step is step/choice[/verdict].
            step, choice, *verdict = text.split("/")
            yield WalkedStep(
                modules[module], scenario, step, choice, verdict[0] if verdict else "best"
            )


class _Problems:
    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def fail(self, key: str, reason: str) -> None:
        self.found.append((key, reason))

    def ids(self, values: list[Any], path: str) -> None:
        for index, value in enumerate(values):
            self.id(value, f"{path}[{index}]")

    def id(self, value: Any, key: str) -> None:
        if not safe_id(value):
            self.fail(key, _("not a valid id"))


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_ID_LINES = re.compile(r"(?:(?=[a-z0-9.-]{1,64}\n)[a-z0-9]+(?:[.-][a-z0-9]+)*\n)*")
_STEP_ID = r"(?=[a-z0-9.-]{1,64}[/\n])[a-z0-9]+(?:[.-][a-z0-9]+)*"
_STEP_LINES = re.compile(rf"(?:{_STEP_ID}/{_STEP_ID}(?:/(?:acceptable|unsafe))?\n)*")
_ATTEMPT_KEYS = frozenset({"seed", "correct", "total", "score_pct", "questions"})


_KNOWN_GOOD: dict[re.Pattern[str], set[str]] = {_ID_LINES: set(), _STEP_LINES: set()}
"""Values already found to match, per pattern: a store's records repeat the same few hundred
ids and steps, so most are looked up here rather than matched again."""
KNOWN_GOOD_LIMIT = 20_000
"""Values kept per pattern at most (hostile records could hold endless new ones)."""


def _lines_match(pattern: re.Pattern[str], values: list[Any], strings: bool = False) -> bool:
    """Whether every value is a string and each one, alone, matches a line of `pattern`."""
    if not strings and not all(type(value) is str for value in values):
        return False
    known = _KNOWN_GOOD[pattern]
    new = [value for value in set(values) if value not in known]
    if not new:
        return True
    text = "\n".join(new) + "\n"
    # A value holding a line break would pass as two lines: each value must be one line.
    if text.count("\n") != len(new) or pattern.fullmatch(text) is None:
        return False
    if len(known) + len(new) <= KNOWN_GOOD_LIMIT:
        known.update(new)
    return True


_GOOD_HASHES: set[str] = set()
"""Module hashes already found well-formed (a store's records name the same few modules)."""


def known_good(ids: list[Any], steps: list[Any]) -> bool:
    """Whether every id and step (all hashable) was already found good: only strings are kept,
    so anything else is never found here."""
    return _KNOWN_GOOD[_ID_LINES].issuperset(ids) and _KNOWN_GOOD[_STEP_LINES].issuperset(steps)


def hashes_ok(hashes: list[str]) -> bool:
    """Whether every module hash (of a typed record: strings) is in the `sha256-<base64>`
    form."""
    if _GOOD_HASHES.issuperset(hashes):
        return True
    if not all(INTEGRITY_PATTERN.fullmatch(value) for value in hashes):
        return False
    if len(_GOOD_HASHES) + len(hashes) <= KNOWN_GOOD_LIMIT:
        _GOOD_HASHES.update(hashes)
    return True


def ids_and_steps_ok(ids: list[Any], steps: list[Any], *, strings: bool = False) -> bool:
    """Whether every id is from the safe alphabet and every step is `step/choice[/verdict]`,
    checked in bulk (two regular expression matches). `strings`: all are known to be strings."""
    return _lines_match(_ID_LINES, ids, strings) and _lines_match(_STEP_LINES, steps, strings)


def _quick_check(record: Mapping[str, Any]) -> bool:
    """True when the v2 parts are certainly valid, found with few bulk checks (the common
    case); False sends the record through the detailed checks, which say what is wrong."""
    modules, scenarios, attempts = (record.get(k) for k in ("modules", "scenarios", "attempts"))
    if type(modules) is not list or type(scenarios) is not list or type(attempts) is not list:
        return False
    count = len(modules)
    ids: list[Any] = []
    steps: list[Any] = []
    for entry in modules:
        if type(entry) is not list or len(entry) != 2 or type(entry[1]) is not str:
            return False
        if not INTEGRITY_PATTERN.fullmatch(entry[1]):
            return False
        ids.append(entry[0])
    for entry in scenarios:
        if type(entry) is not list or len(entry) < 3:
            return False
        if type(entry[0]) is not int or not 0 <= entry[0] < count:
            return False
        ids.append(entry[1])
        steps.extend(entry[2:])
    if not attempts:
        return False
    for attempt in attempts:
        if type(attempt) is not dict or attempt.keys() != _ATTEMPT_KEYS:
            return False
        questions = attempt["questions"]
        if type(questions) is not list:
            return False
        right = 0
        for entry in questions:
            if type(entry) is not list or len(entry) != 4:
                return False
            module, question, outcome, answer = entry
            if type(module) is not int or not 0 <= module < count:
                return False
            if type(outcome) is not bool or type(answer) is not list:
                return False
            right += outcome
            ids.append(question)
            ids.extend(answer)
        total = len(questions)
        scores = (attempt["seed"], attempt["correct"], attempt["total"], attempt["score_pct"])
        if any(type(value) is not int for value in scores):
            return False
        if scores[1:] != (right, total, right * 100 // total if total else 0):
            return False
    last = attempts[-1]
    if any(last[key] != record.get(key) for key in ("correct", "total", "score_pct")):
        return False
    return ids_and_steps_ok(ids, steps)


def check_v2_parts(record: Mapping[str, Any], *, known_bad: bool = False) -> list[tuple[str, str]]:
    """(key, reason) for every way the v2-only parts of `record` break the format.

    The fields shared with v1 (names, times, top-level scores) are checked by the caller.
    `known_bad`: a quicker check has already failed, so go straight to the detailed one.
    """
    if not known_bad and _quick_check(record):
        return []
    p = _Problems()
    modules = record.get("modules")
    count = 0
    if not isinstance(modules, list):
        p.fail("modules", _("must be a list"))
    else:
        count = len(modules)
        for index, entry in enumerate(modules):
            path = f"modules[{index}]"
            if not (isinstance(entry, list) and len(entry) == 2):
                p.fail(path, _("must be [id, content hash]"))
                continue
            p.id(entry[0], f"{path}[0]")
            if not (isinstance(entry[1], str) and INTEGRITY_PATTERN.fullmatch(entry[1])):
                p.fail(f"{path}[1]", _("wrong format"))
    _check_scenarios(record.get("scenarios"), count, p)
    _check_attempts(record, count, p)
    return p.found


def _check_scenarios(scenarios: object, modules: int, p: _Problems) -> None:
    if not isinstance(scenarios, list):
        p.fail("scenarios", _("must be a list"))
        return
    for index, entry in enumerate(scenarios):
        path = f"scenarios[{index}]"
        if not (isinstance(entry, list) and len(entry) >= 3):
            p.fail(path, _("must be [module, scenario, step, …]"))
            continue
        module, scenario, *steps = entry
        if not (_int(module) and 0 <= module < modules):
            p.fail(f"{path}[0]", _("not the position of a listed module"))
        p.id(scenario, f"{path}[1]")
        for number, step in enumerate(steps, start=2):
            if not (isinstance(step, str) and parse_step(step)):
                p.fail(f"{path}[{number}]", _("must be step/choice or step/choice/verdict"))


def _check_attempts(record: Mapping[str, Any], modules: int, p: _Problems) -> None:
    attempts = record.get("attempts")
    if not isinstance(attempts, list) or not attempts:
        p.fail("attempts", _("must be a non-empty list"))
        return
    for index, attempt in enumerate(attempts):
        path = f"attempts[{index}]"
        if not isinstance(attempt, dict) or set(attempt) != {
            "seed",
            "correct",
            "total",
            "score_pct",
            "questions",
        }:
            p.fail(path, _("must hold exactly: seed, correct, total, score_pct, questions"))
            continue
        if not all(_int(attempt[k]) for k in ("seed", "correct", "total", "score_pct")):
            p.fail(path, _("seed and scores must be integers"))
            continue
        questions = attempt["questions"]
        if not isinstance(questions, list):
            p.fail(f"{path}.questions", _("must be a list"))
            continue
        right = 0
        for number, entry in enumerate(questions):
            where = f"{path}.questions[{number}]"
            if not (isinstance(entry, list) and len(entry) == 4):
                p.fail(where, _("must be [module, question, outcome, answer]"))
                continue
            module, question, outcome, answer = entry
            if not (_int(module) and 0 <= module < modules):
                p.fail(f"{where}[0]", _("not the position of a listed module"))
            p.id(question, f"{where}[1]")
            if not isinstance(outcome, bool):
                p.fail(f"{where}[2]", _("must be a boolean"))
            right += outcome is True
            if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
                p.fail(f"{where}[3]", _("must be a list of strings"))
            else:
                p.ids(answer, f"{where}[3]")
        total = len(questions)
        score = right * 100 // total if total else 0
        if (attempt["correct"], attempt["total"], attempt["score_pct"]) != (right, total, score):
            p.fail(path, _("scores do not match the questions"))
    last = attempts[-1]
    if isinstance(last, dict) and any(
        last.get(key) != record.get(key) for key in ("correct", "total", "score_pct")
    ):
        p.fail("score_pct", _("top-level scores are not the last attempt's"))
