"""Words every front end uses for the journey: verdicts, results, confidence, dates, scores.

Symbols (✓ ~ ✗) are added by the front ends that show them; the words always stand alone.
"""

from __future__ import annotations

import datetime as dt

from smtrainer.domain.model import AnswerOption, Question, QuestionKind, Verdict
from smtrainer.i18n import N_, _, current_language, ngettext

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


def long_date(day: dt.date, language: str | None = None) -> str:
    """A date in words in `language` (the active one by default): "1 December 2026"; French
    writes the first of a month "1er décembre"."""
    from babel.dates import format_date

    language = language or current_language()
    text = str(format_date(day, format="long", locale=language))
    if language == "fr" and day.day == 1 and text.startswith("1 "):
        text = "1er" + text[1:]
    return text


def score_sentence(correct: int, total: int, score: int, pass_mark: int) -> str:
    """ "17 of 20 correct: 85 %. The pass mark is 80 %." (both front ends say it so)."""
    return ngettext(
        "{correct} of {total} correct: {score}. The pass mark is {mark}.",
        "{correct} of {total} correct: {score}. The pass mark is {mark}.",
        correct,
    ).format(correct=correct, total=total, score=percent(score), mark=percent(pass_mark))


def percent(value: int) -> str:
    """A whole percentage, e.g. "85 %" in French and "85%" in English."""
    from babel.numbers import format_percent

    return str(format_percent(value / 100, locale=current_language()))
