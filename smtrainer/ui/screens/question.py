"""One question, in a module's check or in the final assessment."""

from __future__ import annotations

from textual.app import ComposeResult

from smtrainer.documents.wording import option_label
from smtrainer.domain.model import AnswerOption, Question, QuestionKind
from smtrainer.domain.record_values import RecordKind
from smtrainer.i18n import _, ngettext
from smtrainer.ui.formatting import percent
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.widgets import Hint, NumberedChoices, Plain
from smtrainer.ui.words import result_label


class QuestionScreen(JourneyScreen):
    """Digits pick (or tick, when several answers are right); Enter confirms.

    Check questions show the explanation straight away; assessment questions are reviewed at
    the end. What is picked but not yet confirmed survives a language switch, kept by option
    id: the options may be in another order in the other language.
    """

    def __init__(self) -> None:
        super().__init__()
        self.reset()

    def reset(self) -> None:
        self.selected: set[str] = set()
        self.question_id: str | None = None
        self.introduced = False

    @property
    def question(self) -> Question:
        return self.journey.question()

    @property
    def options(self) -> tuple[AnswerOption, ...]:
        """The options in the order shown, numbered from 1."""
        return self.journey.options(self.question)

    @property
    def in_assessment(self) -> bool:
        return self.journey.in_assessment()

    @property
    def in_testout(self) -> bool:
        """The refresher's first quiz, before the plan of what to revisit."""
        progress = self.progress
        return (
            self.in_assessment
            and progress.kind == RecordKind.REFRESHER.value
            and not progress.testout_reviewed
        )

    @property
    def introducing(self) -> bool:
        """Before the first question of an assessment: say what it is and what happens next."""
        assessment = self.progress.assessment
        return (
            not self.introduced
            and self.in_assessment
            and not self.journey.asking_again()
            and self.progress.position.index == 0
            and assessment is not None
            and not assessment.answers
        )

    def heading(self) -> str:
        if self.in_testout:
            return _("Test-out quiz")
        if self.in_assessment:
            return _("Final assessment")
        module = self.policy.module(self.progress.position.module or "")
        return module.title if module else ""

    def _saved_answer(self) -> list[str] | None:
        return self.journey.saved_answer()

    def _numbers_picked(self) -> list[int]:
        """The numbers shown now for the options picked (kept by id)."""
        return [n for n, o in enumerate(self.options, start=1) if o.id in self.selected]

    def _labels(self, question: Question) -> list[str]:
        return [option_label(question, option) for option in self.options]

    def introduction(self) -> ComposeResult:
        total = self.journey.assessment_length()
        yield Plain(self.heading(), classes="heading")
        lines = [
            ngettext(
                "{count} question, drawn from every module.",
                "{count} questions, drawn from every module.",
                total,
            ).format(count=total),
            _("To pass: {mark} or more.").format(mark=percent(self.policy.pass_mark)),
        ]
        if self.in_testout:
            lines.append(
                _(
                    "Afterwards you see what you got wrong, then revisit only the modules you "
                    "missed questions in or whose content has changed."
                )
            )
        else:
            lines.append(
                _(
                    "Afterwards you see every wrong answer with its explanation; if you have "
                    "not passed, you answer again questions on what you got wrong."
                )
            )
        yield Plain("\n".join(f"• {line}" for line in lines), classes="reading")
        yield Plain(
            _(
                "Your head teacher receives your score, your answer to each question and your "
                "choices in the scenarios. Your private practice check never leaves this "
                "computer."
            ),
            classes="reading",
        )
        yield Hint(_("Enter: start. Escape: back."))

    def body(self) -> ComposeResult:
        if self.introducing:
            yield from self.introduction()
            return
        question = self.question
        if self.question_id != question.id:
            self.question_id = question.id
            ids = {option.id for option in self.options}
            self.selected = {a for a in self._saved_answer() or [] if a in ids}
        position = self.progress.position
        if self.in_assessment:
            total = self.journey.assessment_length()
            label = (
                _("Question {number} of {total} (asked again)")
                if self.journey.asking_again()
                else _("Question {number} of {total}")
            )
        else:
            total = self.journey.check_length()
            label = _("Check question {number} of {total}")
        yield Plain(label.format(number=position.index + 1, total=total), classes="counter")
        yield Plain(question.prompt, classes="prompt")
        multiple = question.kind is QuestionKind.MULTIPLE
        confirmed = self._saved_answer()
        marks = {}
        if confirmed is not None and not self.in_assessment:
            for number, option in enumerate(self.options, start=1):
                if option.correct:
                    marks[number] = "✓ " + _("right answer")
        picked = set(self._numbers_picked())
        yield NumberedChoices(
            self._labels(question), picked, multiple=multiple, marks=marks, id="choices"
        )
        if confirmed is not None and not self.in_assessment:
            right = self.journey.is_right(question, confirmed)
            yield Plain(result_label(right), classes="verdict")
            yield Plain(question.explanation, classes="feedback")
            section = self.policy.section(question.section)
            yield Plain(
                _("Policy: {section}").format(section=section.title if section else ""),
                classes="citation",
            )
            yield Hint(_("Enter: continue."))
        elif multiple:
            yield Hint(_("More than one answer may be right: press numbers to tick, then Enter."))
        else:
            yield Hint(_("Press a number, then Enter to confirm."))

    async def action_pick(self, number: int) -> None:
        if self.introducing:
            return
        question = self.question
        if not 1 <= number <= len(self.options):
            return
        if not self.in_assessment and self._saved_answer() is not None:
            return  # A check question's answer is shown; it cannot be changed afterwards.
        option = self.options[number - 1].id
        if question.kind is QuestionKind.MULTIPLE:
            self.selected ^= {option}
        else:
            self.selected = {option}
        self.query_one("#choices", NumberedChoices).show_picked(set(self._numbers_picked()))

    async def action_continue(self) -> None:
        if self.introducing:
            self.introduced = True
            await self.refresh_body()
            return
        if not self.in_assessment and self._saved_answer() is not None:
            await self.trainer.advance()
            return
        if not self.selected:
            self.app.bell()
            return
        in_assessment = self.in_assessment
        self.journey.answer(self._numbers_picked())
        if in_assessment:  # The controller has moved on: to the next question, or the review.
            await self.trainer.show_position()
        else:
            await self.refresh_body()
