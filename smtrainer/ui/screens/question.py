"""One question, in a module's check or in the final assessment."""

from __future__ import annotations

from textual.app import ComposeResult

from smtrainer.domain import journey
from smtrainer.domain.model import Question, QuestionKind
from smtrainer.domain.progress import Stage
from smtrainer.domain.scoring import is_correct
from smtrainer.i18n import _
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.widgets import Hint, NumberedChoices, Plain
from smtrainer.ui.words import result_label


class QuestionScreen(JourneyScreen):
    """Digits pick (or tick, when several answers are right); Enter confirms.

    Check questions show the explanation straight away; assessment questions are reviewed at
    the end. What is picked but not yet confirmed survives a language switch.
    """

    def __init__(self) -> None:
        super().__init__()
        self.selected: set[int] = set()
        self.question_id: str | None = None

    @property
    def question(self) -> Question:
        return journey.current_question(self.policy, self.progress)

    @property
    def in_assessment(self) -> bool:
        return self.progress.position.stage is Stage.ASSESSMENT

    def heading(self) -> str:
        if self.in_assessment:
            return _("Final assessment")
        module = self.policy.module(self.progress.position.module or "")
        return module.title if module else ""

    def _saved_answer(self) -> list[str] | None:
        question = self.question
        if self.in_assessment:
            assert self.progress.assessment is not None
            return self.progress.assessment.answers.get(question.id)
        return self.progress.module(self.progress.position.module or "").checks.get(question.id)

    def _labels(self, question: Question) -> list[str]:
        if question.kind is QuestionKind.TRUE_FALSE:
            return [_(option.text) for option in question.options]
        return [option.text for option in question.options]

    def body(self) -> ComposeResult:
        question = self.question
        if self.question_id != question.id:
            self.question_id = question.id
            saved = self._saved_answer() or []
            ids = [option.id for option in question.options]
            self.selected = {ids.index(a) + 1 for a in saved if a in ids}
        position = self.progress.position
        if self.in_assessment:
            assert self.progress.assessment is not None
            total = len(self.progress.assessment.asked)
            label = (
                _("Question {number} of {total} (asked again)")
                if self.progress.assessment.retry
                else _("Question {number} of {total}")
            )
        else:
            module = self.policy.module(position.module or "")
            total = len(module.check_questions) if module else 0
            label = _("Check question {number} of {total}")
        yield Plain(label.format(number=position.index + 1, total=total), classes="counter")
        yield Plain(question.prompt, classes="prompt")
        multiple = question.kind is QuestionKind.MULTIPLE
        confirmed = self._saved_answer()
        marks = {}
        if confirmed is not None and not self.in_assessment:
            for number, option in enumerate(question.options, start=1):
                if option.correct:
                    marks[number] = "✓ " + _("right answer")
        yield NumberedChoices(
            self._labels(question), self.selected, multiple=multiple, marks=marks, id="choices"
        )
        if confirmed is not None and not self.in_assessment:
            right = is_correct(question, confirmed)
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
        question = self.question
        if not 1 <= number <= len(question.options):
            return
        if not self.in_assessment and self._saved_answer() is not None:
            return  # A check question's answer is shown; it cannot be changed afterwards.
        if question.kind is QuestionKind.MULTIPLE:
            self.selected ^= {number}
        else:
            self.selected = {number}
        await self.refresh_body()

    async def action_continue(self) -> None:
        question = self.question
        if not self.in_assessment and self._saved_answer() is not None:
            self.trainer.advance()
            return
        if not self.selected:
            self.app.bell()
            return
        answer = [question.options[n - 1].id for n in sorted(self.selected)]
        journey.answer_question(self.progress, question.id, answer)
        self.trainer.save()
        if self.in_assessment:
            self.trainer.advance()
        else:
            await self.refresh_body()
