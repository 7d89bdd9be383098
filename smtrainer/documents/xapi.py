"""xAPI statements (cmi5-shaped) for verified completion records.

Per record: a `completed` statement for the training and a `passed` or `failed` statement for
its assessment (score scaled, success, duration, language, a registration per record); with
`detail`, one `answered` statement per assessment question. Every statement id is a UUIDv5 of the
record id, so exporting twice gives the same statements and an LRS recognises what it has.
The staff-signed record travels by reference (its id and SHA-256 in a context extension): xAPI's
own statement signing is RSA-only.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from smtrainer.domain.dates import parse_timestamp
from smtrainer.domain.record_v2 import final_questions

NAMESPACE = uuid.UUID("0e6f2f7c-3a57-5b8e-a5a7-8d7f5f6b2c21")
VERBS = {
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "completed", "a terminé"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "passed", "a réussi"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "failed", "a échoué à"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "answered", "a répondu à"),
}
ASSESSMENT_TYPE = "http://adlnet.gov/expapi/activities/assessment"
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
QUESTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction"
RECORD_EXTENSION = "urn:smtrainer:xapi:extension:signed-record"
XAPI_VERSION = "1.0.3"


class ActorError(ValueError):
    """A member of staff has no e-mail address and the school has no home page to name them by."""


@dataclass(frozen=True)
class StatementFacts:
    record: Mapping[str, Any]
    record_sha256: str
    email: str
    home_page: str
    """The school's home page (IRL): the activity base and the account home of staff without
    an e-mail address."""
    policy_title: str


def statement_id(record_id: str, part: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{record_id}/{part}"))


def _actor(facts: StatementFacts) -> dict[str, Any]:
    record = facts.record
    actor: dict[str, Any] = {"objectType": "Agent", "name": str(record["staff_name"])}
    if facts.email:
        actor["mbox"] = f"mailto:{facts.email}"
        return actor
    if not facts.home_page:
        raise ActorError(str(record.get("staff_id") or record["staff_name"]))
    account_name = str(record.get("staff_id") or record["staff_name"])
    actor["account"] = {"homePage": facts.home_page, "name": account_name}
    return actor


def _verb(name: str) -> dict[str, Any]:
    iri, english, french = VERBS[name]
    return {"id": iri, "display": {"en-US": english, "fr-FR": french}}


def _activity_base(facts: StatementFacts) -> str:
    record = facts.record
    policy = f"{record['policy_id']}/{record['policy_version']}"
    if facts.home_page:
        return facts.home_page.rstrip("/") + "/smtrainer/" + policy
    return f"urn:smtrainer:policy:{record['policy_id']}:{record['policy_version']}"


def _activity(iri: str, kind: str, name: str, language: str) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": kind, "name": {_tag(language): name}},
    }


def _tag(language: str) -> str:
    return {"en": "en-GB", "fr": "fr-FR"}.get(language, language)


def iso_duration(started_at: str, completed_at: str) -> str:
    seconds = int((parse_timestamp(completed_at) - parse_timestamp(started_at)).total_seconds())
    seconds = max(seconds, 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S"


def statements_for(facts: StatementFacts, detail: bool = False) -> list[dict[str, Any]]:
    """The statements of one verified record, in a stable order."""
    record = facts.record
    record_id = str(record["record_id"])
    language = str(record["language"])
    actor = _actor(facts)
    base = _activity_base(facts)
    registration = str(uuid.uuid5(NAMESPACE, record_id))
    context: dict[str, Any] = {
        "registration": registration,
        "language": _tag(language),
        "extensions": {RECORD_EXTENSION: {"record_id": record_id, "sha256": facts.record_sha256}},
    }
    duration = iso_duration(str(record["started_at"]), str(record["completed_at"]))
    timestamp = str(record["completed_at"])
    course = _activity(base, COURSE_TYPE, facts.policy_title, language)
    assessment = _activity(base + "/assessment", ASSESSMENT_TYPE, facts.policy_title, language)
    passed = bool(record["passed"])
    correct, total = int(record["correct"]), int(record["total"])
    statements = [
        {
            "id": statement_id(record_id, "completed"),
            "actor": actor,
            "verb": _verb("completed"),
            "object": course,
            "result": {"completion": True, "duration": duration},
            "context": context,
            "timestamp": timestamp,
        },
        {
            "id": statement_id(record_id, "assessment"),
            "actor": actor,
            "verb": _verb("passed" if passed else "failed"),
            "object": assessment,
            "result": {
                "score": {
                    "scaled": _scaled(correct, total),
                    "raw": correct,
                    "min": 0,
                    "max": total,
                },
                "success": passed,
                "completion": True,
                "duration": duration,
            },
            "context": context,
            "timestamp": timestamp,
        },
    ]
    if detail:
        for index, asked in enumerate(final_questions(record)):
            question = _activity(
                f"{base}/question/{asked.question}", QUESTION_TYPE, asked.question, language
            )
            statements.append(
                {
                    "id": statement_id(record_id, f"question/{index}/{asked.question}"),
                    "actor": actor,
                    "verb": _verb("answered"),
                    "object": question,
                    "result": {
                        "success": asked.outcome == "correct",
                        "response": "[,]".join(asked.answer),
                    },
                    "context": {
                        **context,
                        "contextActivities": {"parent": [{"id": assessment["id"]}]},
                    },
                    "timestamp": timestamp,
                }
            )
    return statements


def _scaled(correct: int, total: int) -> float:
    """Score in [0, 1], rounded to 4 places so the same record always gives the same JSON."""
    return round(correct / total, 4) if total else 0.0
