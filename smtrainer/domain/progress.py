"""Where a learner is and what they have answered so far: saved after every answer."""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Stage(StrEnum):
    """The kind of screen a position is on."""

    MAP = "map"
    CONFIDENCE = "confidence"
    KEY_POINT = "key_point"
    SCENARIO = "scenario"
    CHECK = "check"
    MODULE_DONE = "module_done"
    ASSESSMENT = "assessment"
    REVIEW = "review"
    PLAN = "plan"
    SELF_CHECK = "self_check"
    ACTIONS = "actions"
    ACKNOWLEDGE = "acknowledge"


class Position(msgspec.Struct, frozen=True):
    """A place in the journey, by ids: it means the same thing in every language."""

    stage: Stage
    module: str | None = None
    index: int = 0
    step: str | None = None


class ModuleProgress(msgspec.Struct):
    confidence: int | None = None
    choices: dict[str, dict[str, str]] = msgspec.field(default_factory=dict)
    """Scenario id → step id → choice id, in the order walked."""
    checks: dict[str, list[str]] = msgspec.field(default_factory=dict)
    done: bool = False


class AssessmentProgress(msgspec.Struct):
    seed: int
    questions: list[str]
    answers: dict[str, list[str]] = msgspec.field(default_factory=dict)
    attempts: int = 1
    retry: list[str] = msgspec.field(default_factory=list)
    """The questions being asked again in this attempt; empty on the first attempt."""
    past_answers: list[dict[str, list[str]]] = msgspec.field(default_factory=list)
    """The answers as they stood at the end of each earlier attempt (for the record)."""
    past_seeds: list[int] = msgspec.field(default_factory=list)
    """Each earlier attempt's seed (`seed` is the current attempt's)."""
    past_questions: list[list[str]] = msgspec.field(default_factory=list)
    """Each earlier attempt's questions, in order (a retry replaces the wrong ones)."""
    reread: list[str] = msgspec.field(default_factory=list)
    """Modules to read again before the retry: their unseen questions ran out."""

    @property
    def seen(self) -> set[str]:
        """Every question asked so far in this journey: none is asked again."""
        return {q for questions in (*self.past_questions, self.questions) for q in questions}

    @property
    def asked(self) -> list[str]:
        """The questions of the current attempt, in order."""
        return self.retry or self.questions


class Identity(msgspec.Struct):
    name: str
    role: str
    staff_id: str = ""


class Progress(msgspec.Struct):
    """A learner's whole session: enough to resume exactly where they stopped."""

    policy_id: str
    kind: str
    started_at: str
    identity: Identity
    position: Position
    modules: dict[str, ModuleProgress] = msgspec.field(default_factory=dict)
    plan: list[str] | None = None
    """Refresher: the modules to revisit. None: every module (induction)."""
    changed: list[str] = msgspec.field(default_factory=list)
    """Refresher: modules whose content changed since the last record."""
    assessment: AssessmentProgress | None = None
    testout_reviewed: bool = False
    self_check: dict[str, bool] = msgspec.field(default_factory=dict)
    """Private practice answers: kept on this computer only, never put in a record."""

    def module(self, module_id: str) -> ModuleProgress:
        return self.modules.setdefault(module_id, ModuleProgress())
