"""The first screen: the school, its policy, and the modules ahead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.numbers import format_decimal
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from smtrainer.i18n import _, current_language, ngettext
from smtrainer.ui.translated_bindings import retranslate

if TYPE_CHECKING:
    from smtrainer.ui.app import TrainerApp


class WelcomeScreen(Screen[None]):
    """School name, policy title and the module map with estimated minutes."""

    @property
    def trainer(self) -> TrainerApp:
        from smtrainer.ui.app import TrainerApp

        assert isinstance(self.app, TrainerApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Vertical(id="welcome"):
            yield Static(id="school")
            yield Static(id="policy-title")
            yield Static(id="intro")
            yield DataTable(id="modules", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        retranslate(self)
        self.refresh_language()

    def refresh_language(self) -> None:
        """Fill every text in the active language."""
        policy = self.trainer.policy
        if policy is None:
            return
        self.title = policy.school
        self.sub_title = policy.title
        self.query_one("#school", Static).update(policy.school)
        self.query_one("#policy-title", Static).update(
            _("{title} (version {version})").format(title=policy.title, version=policy.version)
        )
        total = sum(module.minutes for module in policy.modules)
        self.query_one("#intro", Static).update(
            ngettext(
                "{count} module, about {minutes} minutes in all.",
                "{count} modules, about {minutes} minutes in all.",
                len(policy.modules),
            ).format(
                count=len(policy.modules),
                minutes=format_decimal(total, locale=current_language()),
            )
        )
        table = self.query_one("#modules", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(_("No."), key="number")
        table.add_column(_("Module"), key="title")
        table.add_column(_("Minutes"), key="minutes")
        for number, module in enumerate(policy.modules, start=1):
            table.add_row(str(number), module.title, str(module.minutes), key=module.id)
        if policy.modules:
            table.move_cursor(row=min(cursor, len(policy.modules) - 1))
