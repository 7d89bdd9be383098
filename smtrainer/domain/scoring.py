"""Marking answers and scores, in whole numbers only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smtrainer.domain.model import Question


def is_correct(question: Question, answer: Iterable[str]) -> bool:
    """Right only when exactly the correct options are chosen."""
    return frozenset(answer) == question.correct_ids


def percent(correct: int, total: int) -> int:
    """Whole percentage, rounded down so a score is never shown above what was earned."""
    if total <= 0:
        return 0
    return correct * 100 // total


def has_passed(correct: int, total: int, pass_mark: int) -> bool:
    """Whether `correct` out of `total` reaches `pass_mark` per cent, compared exactly."""
    return total > 0 and correct * 100 >= pass_mark * total


@dataclass(frozen=True)
class Tally:
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return percent(self.correct, self.total)

    def add(self, right: bool) -> Tally:
        return Tally(self.correct + int(right), self.total + 1)
