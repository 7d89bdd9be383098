"""What every journey screen shares: header and footer, keys, language refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header

from smtrainer.domain.model import Policy
from smtrainer.domain.progress import Progress
from smtrainer.i18n import N_
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import KeyFooter

if TYPE_CHECKING:
    from smtrainer.ui.app import TrainerApp


def trainer_of(screen: Screen[Any]) -> TrainerApp:
    """The running training app (screens of the journey only run inside it)."""
    from smtrainer.ui.app import TrainerApp

    app = screen.app
    assert isinstance(app, TrainerApp)
    return app


class JourneyBody(VerticalScroll):
    """The changing part of a journey screen: recomposed alone, so header and footer stay."""

    def compose(self) -> ComposeResult:
        screen = self.screen
        assert isinstance(screen, JourneyScreen)
        yield from screen.body()


class JourneyScreen(Screen[None]):
    """A screen of the learner's journey. Subclasses compose `body()` from the current state."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", N_("Continue"), id="continue", priority=True),
        Binding("escape", "back", N_("Back"), id="back"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    @property
    def trainer(self) -> TrainerApp:
        return trainer_of(self)

    @property
    def policy(self) -> Policy:
        policy = self.trainer.policy
        assert policy is not None
        return policy

    @property
    def progress(self) -> Progress:
        progress = self.trainer.progress
        assert progress is not None
        return progress

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield JourneyBody(id="body")
        yield KeyFooter()

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        retranslate(self)
        self.title = self.policy.school if self.trainer.policy else ""
        self.sub_title = self.heading()

    def heading(self) -> str:
        return ""

    async def refresh_body(self) -> None:
        """Draw the body again from the current state."""
        await self.query_one(JourneyBody).recompose()

    async def refresh_language(self) -> None:
        """Show the same place in the new language."""
        retranslate(self)
        self.sub_title = self.heading()
        await self.refresh_body()

    async def action_continue(self) -> None:
        """Enter: move on."""

    async def action_back(self) -> None:
        """Escape: go back one step."""
        self.trainer.go_back()

    async def action_pick(self, number: int) -> None:
        """A digit key: pick that option."""
