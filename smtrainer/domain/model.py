"""The policy pack as the rest of the program sees it, once loaded and checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    """How good a scenario choice is."""

    BEST = "best"
    ACCEPTABLE = "acceptable"
    UNSAFE = "unsafe"


class QuestionKind(StrEnum):
    """The answer shape of a question."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"


class AcknowledgementMode(StrEnum):
    """How staff accept the policy: by typing their name, or accepted by default."""

    SIGNATURE = "signature"
    ACCEPTED_BY_DEFAULT = "accepted-by-default"


class StaffIdRule(StrEnum):
    """Whether the school asks staff for an id."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    NONE = "none"


@dataclass(frozen=True)
class Section:
    """A part of the source policy that content may cite."""

    id: str
    title: str


@dataclass(frozen=True)
class Contact:
    """Who to go to, by role."""

    role: str
    title: str
    how: str = ""


@dataclass(frozen=True)
class Acknowledgement:
    mode: AcknowledgementMode
    text: str


@dataclass(frozen=True)
class KeyPoint:
    id: str
    title: str
    body: str
    section: str


@dataclass(frozen=True)
class Choice:
    """One option at a scenario step."""

    id: str
    text: str
    verdict: Verdict
    feedback: str
    section: str
    next: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    section: str
    start: str
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


@dataclass(frozen=True)
class AnswerOption:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    """A check question or an assessment question."""

    id: str
    kind: QuestionKind
    prompt: str
    explanation: str
    section: str
    options: tuple[AnswerOption, ...]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)


@dataclass(frozen=True)
class SelfCheckItem:
    """A private practice question about the person's own accounts."""

    id: str
    prompt: str
    action: str
    section: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    summary: str
    minutes: int
    confidence_prompt: str
    key_points: tuple[KeyPoint, ...]
    scenarios: tuple[Scenario, ...]
    check_questions: tuple[Question, ...]
    questions: tuple[Question, ...]
    self_check: tuple[SelfCheckItem, ...]
    source: str = ""
    content_hash: str = ""
    """``sha256:…`` of the module in every language; a record keeps it to spot later changes."""

    def question(self, question_id: str) -> Question | None:
        for question in (*self.questions, *self.check_questions):
            if question.id == question_id:
                return question
        return None


@dataclass(frozen=True)
class Policy:
    """One school's policy pack in one language."""

    id: str
    language: str
    title: str
    school: str
    version: str
    adopted: dt.date | None
    pass_mark: int
    refresher_months: int
    assessment_size: int
    staff_id: StaffIdRule
    acknowledgement: Acknowledgement
    contacts: tuple[Contact, ...]
    sections: tuple[Section, ...]
    modules: tuple[Module, ...] = field(default=())

    def module(self, module_id: str) -> Module | None:
        for module in self.modules:
            if module.id == module_id:
                return module
        return None

    def section(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None
