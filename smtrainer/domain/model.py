"""The policy pack as the rest of the program sees it, once loaded and checked.

The classes are frozen msgspec structs: cheap to define and to build, and the checked-content
cache decodes straight into them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import msgspec


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


class Translation(StrEnum):
    """Whether a language version of a pack is the school's own text or a courtesy translation."""

    OFFICIAL = "official"
    UNOFFICIAL = "unofficial"


class StaffIdRule(StrEnum):
    """Whether the school asks staff for an id."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    NONE = "none"


class Section(msgspec.Struct, frozen=True):
    """A part of the source policy that content may cite."""

    id: str
    title: str


class Contact(msgspec.Struct, frozen=True):
    """Who to go to, by role."""

    role: str
    title: str
    how: str = ""


class Acknowledgement(msgspec.Struct, frozen=True):
    mode: AcknowledgementMode
    text: str


class KeyPoint(msgspec.Struct, frozen=True):
    id: str
    title: str
    body: str
    section: str


class Choice(msgspec.Struct, frozen=True):
    """One option at a scenario step."""

    id: str
    text: str
    verdict: Verdict
    feedback: str
    section: str
    next: str | None = None


class Step(msgspec.Struct, frozen=True):
    id: str
    text: str
    choices: tuple[Choice, ...]


class Scenario(msgspec.Struct, frozen=True):
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


class AnswerOption(msgspec.Struct, frozen=True):
    id: str
    text: str
    correct: bool
    feedback: str = ""
    """Why this option is (not) the answer; format 2 gives one for every wrong option."""
    section: str = ""
    """The section the feedback cites, when not the question's own."""


class Question(msgspec.Struct, frozen=True):
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


class SelfCheckItem(msgspec.Struct, frozen=True):
    """A private practice question about the person's own accounts."""

    id: str
    prompt: str
    action: str
    section: str


class Module(msgspec.Struct, frozen=True):
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


class Blueprint(msgspec.Struct, frozen=True):
    """How an assessment is drawn from the pool."""

    size: int
    per_module: int | None = None
    """Questions drawn from each module; None spreads `size` evenly."""
    essential_sections: tuple[str, ...] = ()
    """Sections every draw asks about at least once."""


class Role(msgspec.Struct, frozen=True):
    """A staff role a school lists; records keep the id."""

    id: str
    title: str


class AcknowledgedWarning(msgspec.Struct, frozen=True):
    """A checker warning the school has looked at and accepts for one target, with why."""

    warning: str
    target: str
    reason: str


class Policy(msgspec.Struct, frozen=True):
    """One school's policy pack in one language."""

    id: str
    language: str
    title: str
    school: str
    version: str
    adopted: dt.date | None
    pass_mark: int
    refresher_months: int
    assessment: Blueprint
    staff_id: StaffIdRule
    acknowledgement: Acknowledgement
    contacts: tuple[Contact, ...]
    sections: tuple[Section, ...]
    modules: tuple[Module, ...] = ()
    format: int = 1
    translation: Translation = Translation.OFFICIAL
    introduction: str = ""
    """Markdown: what this training is, for this school."""
    full_policy: str = ""
    """Where staff find the full policy."""
    roles: tuple[Role, ...] = ()
    """The school's own list of roles; empty means the app's default list."""
    acknowledged: tuple[AcknowledgedWarning, ...] = ()

    @property
    def assessment_size(self) -> int:
        return self.assessment.size

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
