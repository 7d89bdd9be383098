"""After the assessment: the review of wrong answers, and a refresher's plan."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from smtrainer.documents.wording import option_label, score_sentence
from smtrainer.i18n import N_, _
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.widgets import Hint, Plain
from smtrainer.workflows.journey_controller import AfterReview


class ReviewScreen(JourneyScreen):
    """Score, pass or not, and every wrong answer with its explanation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,S", "stop", N_("Stop here"), id="stop", priority=True),
    ]

    def heading(self) -> str:
        return _("Your results")

    def body(self) -> ComposeResult:
        review = self.journey.review()
        tally, passed = review.tally, review.passed
        yield Plain(
            score_sentence(tally.correct, tally.total, tally.percent, review.pass_mark),
            classes="heading",
        )
        yield Plain(
            "✓ " + _("Assessment passed") if passed else "✗ " + _("Assessment not passed yet"),
            classes="verdict",
        )
        for item in review.wrong:
            question = item.question
            labels = {o.id: option_label(question, o) for o in question.options}
            given = item.given
            section = self.policy.section(question.section)
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
                    [labels[o.id] for o in self.journey.options(question) if o.correct],
                )
                + "\n"
                + question.explanation
                + "\n"
                + _("Policy: {section}").format(section=section.title if section else ""),
                classes="review-item",
            )
        yield Hint(self._next_hint(review.after))

    def _next_hint(self, after: AfterReview) -> str:
        if after is AfterReview.PLAN:
            return _("Enter: see what to revisit.")
        if after is AfterReview.PRACTICE:
            return _("Enter: continue to the practice check.")
        return _(
            "Enter: answer again the questions you got wrong. "
            "S: stop here, and your record will say not passed."
        )

    async def action_continue(self) -> None:
        await self.trainer.advance()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """S (stop here) is offered only while the assessment is not passed."""
        if action == "stop" and self.is_shown:
            return self.journey.may_stop()
        return super().check_action(action, parameters)

    async def action_stop(self) -> None:
        if self.journey.stop_here():
            await self.trainer.show_position()


class PlanScreen(JourneyScreen):
    """Refresher: what changed in the policy content, and which modules to revisit."""

    def heading(self) -> str:
        return _("What to revisit")

    def body(self) -> ComposeResult:
        changed = self.journey.changed_modules()
        plan = self.journey.plan()
        yield Plain(_("What changed since your last record"), classes="heading")
        if changed:
            yield Plain("\n".join("• " + m.title for m in changed))
        else:
            yield Plain(_("Nothing has changed in the training content."))
        yield Plain(_("Modules to revisit"), classes="heading")
        if plan:
            reasons = []
            for entry in plan:
                why = []
                if entry.missed:
                    why.append(_("questions missed"))
                if entry.changed:
                    why.append(_("content changed"))
                reasons.append(f"• {entry.module.title} ({', '.join(why)})")
            yield Plain("\n".join(reasons))
            yield Hint(_("Enter: go to the module map."))
        else:
            yield Plain(_("None: you answered everything correctly and nothing changed."))
            yield Hint(_("Enter: continue to the practice check."))

    async def action_continue(self) -> None:
        await self.trainer.advance()


def _answers(one: str, many: str, answers: list[str]) -> str:
    """One answer on the label's line; several as a list under it."""
    if len(answers) <= 1:
        return one.format(answer=answers[0] if answers else "—")
    return many + "".join(f"\n  • {answer}" for answer in answers)
