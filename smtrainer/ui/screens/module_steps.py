"""Inside a module: confidence check, key points, scenarios and the end of the module."""

from __future__ import annotations

from textual.app import ComposeResult

from smtrainer.documents.wording import CONFIDENCE_LABELS
from smtrainer.domain.model import Module
from smtrainer.i18n import _
from smtrainer.ui.reading import Reading
from smtrainer.ui.screens.base import JourneyBody, JourneyScreen
from smtrainer.ui.widgets import Hint, NumberedChoices, Plain
from smtrainer.ui.words import verdict_label


class ModuleScreen(JourneyScreen):
    """A screen about the module at the current position."""

    @property
    def module(self) -> Module:
        module = self.policy.module(self.progress.position.module or "")
        assert module is not None
        return module

    def heading(self) -> str:
        return self.module.title

    def cited(self, section_id: str) -> str:
        section = self.policy.section(section_id)
        title = section.title if section else section_id
        return _("Policy: {section}").format(section=title)


class ConfidenceScreen(ModuleScreen):
    """How sure the person is before they start the module."""

    def body(self) -> ComposeResult:
        module = self.module
        yield Plain(module.title, classes="heading")
        yield Plain(module.summary, classes="summary")
        yield Plain(module.confidence_prompt, classes="prompt")
        chosen = self.journey.confidence()
        yield NumberedChoices(
            [_(label) for label in CONFIDENCE_LABELS], {chosen} if chosen else set(), id="choices"
        )
        yield Hint(_("Press 1 to 4, then Enter. There is no wrong answer here."))

    async def action_pick(self, number: int) -> None:
        if 1 <= number <= len(CONFIDENCE_LABELS):
            self.journey.rate_confidence(number)
            self.query_one("#choices", NumberedChoices).show_picked({number})

    async def action_continue(self) -> None:
        await self.trainer.advance()


class KeyPointScreen(ModuleScreen):
    """One key point: a short reading with the policy section it comes from."""

    def body(self) -> ComposeResult:
        module = self.module
        index = self.progress.position.index
        point = module.key_points[index]
        yield Plain(
            _("Key point {number} of {total}").format(
                number=index + 1, total=len(module.key_points)
            ),
            classes="counter",
        )
        yield Plain(point.title, classes="heading")
        yield Reading(point.body, classes="reading")
        yield Plain(self.cited(point.section), classes="citation")
        yield Hint(_("Enter: continue. Escape: back."))

    async def action_continue(self) -> None:
        await self.trainer.advance()


class ScenarioScreen(ModuleScreen):
    """A situation: pick what you would do, read why, and follow where it leads.

    A digit marks a choice; Enter confirms it, as with every other choice in the app.
    """

    pending: int | None = None
    """The choice marked but not yet confirmed with Enter."""

    def moved(self) -> None:
        self.pending = None

    def body(self) -> ComposeResult:
        module = self.module
        position = self.progress.position
        scenario = module.scenarios[position.index]
        step = scenario.step(position.step or scenario.start)
        picked = self.journey.chosen()
        yield Plain(
            _("Scenario {number} of {total}: {title}").format(
                number=position.index + 1, total=len(module.scenarios), title=scenario.title
            ),
            classes="counter",
        )
        yield Reading(step.text, classes="reading")
        numbers = {c.id: n for n, c in enumerate(step.choices, start=1)}
        marks = {}
        if picked is not None:
            choice = next(c for c in step.choices if c.id == picked)
            marks[numbers[picked]] = verdict_label(choice.verdict)
        marked = {numbers[picked]} if picked else {self.pending} if self.pending else set()
        yield NumberedChoices([c.text for c in step.choices], marked, marks=marks, id="choices")
        if picked is None:
            yield Hint(
                _("What would you do? Press 1 to {last}, then Enter.").format(
                    last=len(step.choices)
                )
            )
            return
        choice = next(c for c in step.choices if c.id == picked)
        yield Plain(verdict_label(choice.verdict), classes=f"verdict verdict-{choice.verdict}")
        yield Plain(choice.feedback, classes="feedback")
        yield Plain(self.cited(choice.section), classes="citation")
        yield Hint(_("Enter: continue."))

    async def action_pick(self, number: int) -> None:
        _scenario, step = self.journey.scenario()
        if self.journey.chosen() is None and 1 <= number <= len(step.choices):
            self.pending = number
            self.query_one("#choices", NumberedChoices).show_picked({number})

    async def action_continue(self) -> None:
        if self.journey.chosen() is not None:
            await self.trainer.advance()
        elif self.pending is not None and self.journey.choose(self.pending):
            # Only the first choice counts: the feedback is on it.
            self.pending = None
            await self.refresh_body()
            # The feedback and its citation come last: bring them into view.
            self.query_one(JourneyBody).scroll_end(animate=False)


class ModuleDoneScreen(ModuleScreen):
    """The end of a module."""

    def body(self) -> ComposeResult:
        yield Plain(
            "✓ " + _("Module finished: {title}").format(title=self.module.title),
            classes="heading",
        )
        yield Plain(_("Press Enter to mark it done and go back to the module map."))

    async def action_continue(self) -> None:
        await self.trainer.advance()
