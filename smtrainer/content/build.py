"""Turn a checked pack's TOML data into the domain model."""

from __future__ import annotations

import re
from typing import Any

from smtrainer.content.pack import PackSource
from smtrainer.domain.assessment import DEFAULT_SIZE
from smtrainer.domain.model import (
    AcknowledgedWarning,
    Acknowledgement,
    AcknowledgementMode,
    AnswerOption,
    Blueprint,
    Choice,
    Contact,
    KeyPoint,
    Module,
    Policy,
    Question,
    QuestionKind,
    Role,
    Scenario,
    Section,
    SelfCheckItem,
    StaffIdRule,
    Step,
    Translation,
    Verdict,
)
from smtrainer.i18n import N_

TRUE_FALSE_OPTIONS = (("true", N_("True")), ("false", N_("False")))
"""Option ids and labels of a true/false question; labels are translated when shown."""


def plain(text: str) -> str:
    """Text shown as written, but reflowed: a TOML multi-line string breaks lines where the
    author's editor did, so single line breaks become spaces and blank lines stay paragraphs.
    (Key points and scenario steps are Markdown, which reflows them itself.)"""
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def question_from_data(data: dict[str, Any]) -> Question:
    """A checked question table as the domain model."""
    kind = QuestionKind(data["kind"])
    if kind is QuestionKind.TRUE_FALSE:
        answer = "true" if data["answer"] else "false"
        options = tuple(
            AnswerOption(option_id, label, option_id == answer)
            for option_id, label in TRUE_FALSE_OPTIONS
        )
    else:
        options = tuple(
            AnswerOption(
                c["id"],
                plain(c["text"]),
                c.get("correct", False),
                feedback=plain(c.get("feedback", "")),
                section=c.get("section", ""),
            )
            for c in data["choices"]
        )
    return Question(
        id=data["id"],
        kind=kind,
        prompt=plain(data["prompt"]),
        explanation=plain(data["explanation"]),
        section=data["section"],
        options=options,
    )


def _scenario(data: dict[str, Any]) -> Scenario:
    steps = tuple(
        Step(
            id=step["id"],
            text=step["text"],
            choices=tuple(
                Choice(
                    id=c["id"],
                    text=plain(c["text"]),
                    verdict=Verdict(c["verdict"]),
                    feedback=plain(c["feedback"]),
                    section=c["section"],
                    next=c.get("next"),
                )
                for c in step["choices"]
            ),
        )
        for step in data["steps"]
    )
    return Scenario(
        id=data["id"],
        title=data["title"],
        section=data["section"],
        start=data.get("start", steps[0].id),
        steps=steps,
    )


def _module(data: dict[str, Any], source: str, content_hash: str) -> Module:
    return Module(
        id=data["id"],
        title=data["title"],
        summary=plain(data["summary"]),
        minutes=data["minutes"],
        confidence_prompt=plain(data["confidence"]),
        key_points=tuple(
            KeyPoint(k["id"], k["title"], k["body"].strip(), k["section"])
            for k in data["key_points"]
        ),
        scenarios=tuple(_scenario(s) for s in data.get("scenarios", [])),
        check_questions=tuple(question_from_data(q) for q in data.get("check_questions", [])),
        questions=tuple(question_from_data(q) for q in data.get("questions", [])),
        self_check=tuple(
            SelfCheckItem(i["id"], plain(i["prompt"]), plain(i["action"]), i["section"])
            for i in data.get("self_check", [])
        ),
        source=source,
        content_hash=content_hash,
    )


def build_policy(pack: PackSource, hashes: dict[str, str] | None = None) -> Policy:
    """The domain model of a pack whose files are all valid (check `pack.is_valid` first).

    `hashes` are the modules' content hashes over all languages (see `hashing.module_hashes`).
    """
    data = pack.policy_data
    if data is None:
        raise ValueError(pack.folder)
    modules = [(source.display, module) for source, module in pack.valid_modules()]
    return policy_from_data(data, modules, hashes or {})


def policy_from_data(
    data: dict[str, Any], modules: list[tuple[str, dict[str, Any]]], hashes: dict[str, str]
) -> Policy:
    """The domain model from checked TOML data: the policy table and (source, module) pairs."""
    return Policy(
        id=data["id"],
        language=data["language"],
        title=data["title"],
        school=data["school"],
        version=data["version"],
        adopted=data.get("adopted"),
        pass_mark=data["pass_mark"],
        refresher_months=data["refresher_months"],
        assessment=_blueprint(data),
        staff_id=StaffIdRule(data.get("staff_id", StaffIdRule.OPTIONAL.value)),
        acknowledgement=Acknowledgement(
            AcknowledgementMode(data["acknowledgement"]["mode"]),
            plain(data["acknowledgement"]["text"]),
        ),
        contacts=tuple(Contact(c["role"], c["title"], c.get("how", "")) for c in data["contacts"]),
        sections=tuple(Section(s["id"], s["title"]) for s in data["sections"]),
        modules=tuple(
            _module(module, source, hashes.get(module["id"], "")) for source, module in modules
        ),
        format=data["format"],
        translation=Translation(data.get("translation", Translation.OFFICIAL.value)),
        introduction=data.get("introduction", "").strip(),
        full_policy=plain(data.get("full_policy", "")),
        roles=tuple(Role(r["id"], r["title"]) for r in data.get("roles", [])),
        acknowledged=tuple(
            AcknowledgedWarning(a["warning"], a["target"], plain(a["reason"]))
            for a in data.get("acknowledged", [])
        ),
    )


def _blueprint(data: dict[str, Any]) -> Blueprint:
    """Format 2's [assessment] table, or format 1's assessment_size."""
    table = data.get("assessment")
    if table is None:
        return Blueprint(data.get("assessment_size", DEFAULT_SIZE))
    return Blueprint(
        size=table["size"],
        per_module=table.get("per_module"),
        essential_sections=tuple(table.get("essential_sections", ())),
    )
