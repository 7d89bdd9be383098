"""After the assessment: the review of wrong answers, and a refresher's plan."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from smtrainer.domain import journey
from smtrainer.domain.model import QuestionKind
from smtrainer.domain.record import RecordKind
from smtrainer.i18n import N_, _, ngettext
from smtrainer.ui.formatting import percent
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.widgets import Hint, Plain


class ReviewScreen(JourneyScreen):
    """Score, pass or not, and every wrong answer with its explanation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "stop", N_("Stop here"), id="stop"),
    ]

    def heading(self) -> str:
        return _("Your results")

    def body(self) -> ComposeResult:
        policy, progress = self.policy, self.progress
        tally = journey.assessment_tally(policy, progress)
        passed = journey.passed(policy, progress)
        yield Plain(
            ngettext(
                "{correct} of {total} correct: {score}. The pass mark is {mark}.",
                "{correct} of {total} correct: {score}. The pass mark is {mark}.",
                tally.correct,
            ).format(
                correct=tally.correct,
                total=tally.total,
                score=percent(tally.percent),
                mark=percent(policy.pass_mark),
            ),
            classes="heading",
        )
        yield Plain(
            "✓ " + _("Passed") if passed else "✗ " + _("Not passed yet"),
            classes="verdict",
        )
        wrong = journey.wrong_questions(policy, progress)
        assert progress.assessment is not None
        for question_id in wrong:
            question = journey.find_question(policy, question_id)
            labels = {
                o.id: (_(o.text) if question.kind is QuestionKind.TRUE_FALSE else o.text)
                for o in question.options
            }
            given = progress.assessment.answers.get(question_id, [])
            section = policy.section(question.section)
            yield Plain(
                "✗ "
                + question.prompt
                + "\n"
                + _answers(
                    _("Your answer: {answer}"),
                    _("Your answers:"),
                    [labels.get(a, a) for a in given],
                )
                + "\n"
                + _answers(
                    _("Right answer: {answer}"),
                    _("Right answers:"),
                    [labels[o.id] for o in question.options if o.correct],
                )
                + "\n"
                + question.explanation
                + "\n"
                + _("Policy: {section}").format(section=section.title if section else ""),
                classes="review-item",
            )
        yield Hint(self._next_hint(passed, bool(wrong)))

    def _next_hint(self, passed: bool, any_wrong: bool) -> str:
        progress = self.progress
        if progress.kind == RecordKind.REFRESHER.value and not progress.testout_reviewed:
            return _("Enter: see what to revisit.")
        if passed:
            return _("Enter: continue to the practice check.")
        return _(
            "Enter: answer again the questions you got wrong. "
            "S: stop here, and your record will say not passed."
        )

    async def action_continue(self) -> None:
        self.trainer.advance()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """S (stop here) is offered only while the assessment is not passed."""
        if action == "stop":
            return not journey.passed(self.policy, self.progress)
        return True

    async def action_stop(self) -> None:
        if journey.passed(self.policy, self.progress):
            return
        journey.give_up(self.progress)
        self.trainer.save()
        self.trainer.show_position()


class PlanScreen(JourneyScreen):
    """Refresher: what changed in the policy content, and which modules to revisit."""

    def heading(self) -> str:
        return _("What to revisit")

    def body(self) -> ComposeResult:
        policy, progress = self.policy, self.progress
        changed = [m for m in policy.modules if m.id in progress.changed]
        plan = journey.planned_modules(policy, progress)
        yield Plain(_("What changed since your last record"), classes="heading")
        if changed:
            yield Plain("\n".join("• " + m.title for m in changed))
        else:
            yield Plain(_("Nothing has changed in the training content."))
        yield Plain(_("Modules to revisit"), classes="heading")
        if plan:
            reasons = []
            wrong_modules = {
                journey.find_module_of(policy, q) for q in journey.wrong_questions(policy, progress)
            }
            for module in plan:
                why = []
                if module.id in wrong_modules:
                    why.append(_("questions missed"))
                if module.id in progress.changed:
                    why.append(_("content changed"))
                reasons.append(f"• {module.title} ({', '.join(why)})")
            yield Plain("\n".join(reasons))
            yield Hint(_("Enter: go to the module map."))
        else:
            yield Plain(_("None: you answered everything correctly and nothing changed."))
            yield Hint(_("Enter: continue to the practice check."))

    async def action_continue(self) -> None:
        self.trainer.advance()


def _answers(one: str, many: str, answers: list[str]) -> str:
    """One answer on the label's line; several as a list under it."""
    if len(answers) <= 1:
        return one.format(answer=answers[0] if answers else "—")
    return many + "".join(f"\n  • {answer}" for answer in answers)
