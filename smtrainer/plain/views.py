"""What one prompt consists of, and reading numbers from an answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from smtrainer.i18n import _


class Ask(StrEnum):
    """What kind of answer a prompt waits for."""

    ENTER = "enter"
    CHOICE = "choice"
    CHOICES = "choices"
    TEXT = "text"
    SECRET = "secret"


Act = Callable[[str], str | None]
"""Takes the answer typed; returns a problem to tell the learner, or None."""


@dataclass
class View:
    """One step of the plain journey.

    `lines` and `choices` are said when the step is reached (or repeated); `after` once it has
    been answered (a scenario's feedback, a check question's explanation).
    """

    key: tuple[object, ...]
    where: str
    question: str
    ask: Ask
    act: Act
    lines: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


def numbers(answer: str) -> list[int] | None:
    """The whole numbers in an answer such as "2" or "1, 3"; None if it holds anything else."""
    parts = [part for part in re.split(r"[\s,;]+", answer.strip()) if part]
    if not parts or not all(part.isdigit() for part in parts):
        return None
    return [int(part) for part in parts]


def one_of(answer: str, last: int) -> int | None:
    """The single number from 1 to `last` in an answer, if that is what it is."""
    found = numbers(answer)
    if found is None or len(found) != 1 or not 1 <= found[0] <= last:
        return None
    return found[0]


def pick_problem(last: int) -> str:
    return _("Please type a number from 1 to {last}.").format(last=last)


def choice_question(last: int) -> str:
    return _("Type a number from 1 to {last}, then Enter.").format(last=last)


def enter_question() -> str:
    return _("Press Enter to continue.")
