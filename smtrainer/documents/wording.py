"""Words every front end uses for the journey: verdicts, results, confidence, dates, scores.

Symbols (✓ ~ ✗) are added by the front ends that show them; the words always stand alone.
"""

from __future__ import annotations

import datetime as dt

from smtrainer.domain.model import AnswerOption, Question, QuestionKind, Verdict
from smtrainer.i18n import N_, _, current_language

VERDICT_WORDS = {
    Verdict.BEST: N_("Best choice"),
    Verdict.ACCEPTABLE: N_("Acceptable, but not the best"),
    Verdict.UNSAFE: N_("Unsafe"),
}

CONFIDENCE_LABELS = (
    N_("Not sure at all"),
    N_("A little sure"),
    N_("Fairly sure"),
    N_("Very sure"),
)

MODULE_STATES = {
    "done": N_("Done"),
    "started": N_("Started"),
    "not-started": N_("Not started"),
}


def verdict_words(verdict: Verdict) -> str:
    return _(VERDICT_WORDS[verdict])


def result_words(right: bool) -> str:
    return _("Correct") if right else _("Not correct")


def option_label(question: Question, option: AnswerOption) -> str:
    """An option as shown: true/false labels are ours to translate, the others are content."""
    return _(option.text) if question.kind is QuestionKind.TRUE_FALSE else option.text


def long_date(day: dt.date) -> str:
    from babel.dates import format_date

    return str(format_date(day, format="long", locale=current_language()))


def percent(value: int) -> str:
    """A whole percentage, e.g. "85 %" in French and "85%" in English."""
    from babel.numbers import format_percent

    return str(format_percent(value / 100, locale=current_language()))
