"""Choosing the school's policy when several packs are installed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from smtrainer.i18n import _
from smtrainer.ui.screens.base import GuardedScreen, trainer_of
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import ActionMenu, Hint, KeyFooter, Plain, TitleBar
from smtrainer.workflows.content import label

if TYPE_CHECKING:
    from smtrainer.ui.app import TrainerApp


class PolicyPickerScreen(GuardedScreen[None]):
    """Every usable pack by school and policy title; the choice is remembered."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)
    ]

    highlighted: str | None = None

    @property
    def trainer(self) -> TrainerApp:
        return trainer_of(self)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="picker"):
            yield Plain(_("Which school's policy is yours?"), id="picker-heading")
            yield ActionMenu(self._options(), highlighted=self.highlighted, id="policies")
            yield Hint(_("Press a number, or use the arrows and Enter."))
            skipped = self.trainer.skipped_packs
            if skipped:
                yield Plain(
                    _("Not available, its files have problems (run smtrainer check): {ids}").format(
                        ids=", ".join(entry.policy_id for entry in skipped)
                    ),
                    id="picker-skipped",
                )
        yield KeyFooter()

    def _options(self) -> list[tuple[str, str]]:
        return [
            (entry.policy_id, f"{number}  {label(entry)}")
            for number, entry in enumerate(self.trainer.policy_choices, start=1)
        ]

    def on_mount(self) -> None:
        retranslate(self)
        self._titles()
        self.query_one("#policies", ActionMenu).focus()

    def _titles(self) -> None:
        self.title = "smtrainer"
        self.sub_title = _("Choose your school's policy")

    async def refresh_language(self) -> None:
        self.highlighted = self.query_one("#policies", ActionMenu).highlighted_id
        retranslate(self)
        await self.recompose()
        self._titles()
        self.query_one("#policies", ActionMenu).focus()

    def action_pick(self, number: int) -> None:
        self.query_one("#policies", ActionMenu).choose_number(number)

    def on_action_menu_chosen(self, event: ActionMenu.Chosen) -> None:
        self.trainer.choose_policy(event.option_id)
