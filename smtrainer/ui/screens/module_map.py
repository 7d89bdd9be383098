"""Every module with its status and minutes; the way into each module and the assessment."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from smtrainer.domain.progress import Progress
from smtrainer.i18n import N_, _
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.widgets import Hint, Plain, cells


def module_status(progress: Progress, module_id: str) -> str:
    """Status in words with a symbol: done, started or not started."""
    state = progress.module(module_id)
    if state.done:
        return "✓ " + _("Done")
    if state.confidence is not None:
        return "◐ " + _("Started")
    return "○ " + _("Not started")


class MapScreen(JourneyScreen):
    """The module map."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "assessment", N_("Final assessment"), id="assessment"),
    ]

    def heading(self) -> str:
        return _("Module map")

    def body(self) -> ComposeResult:
        progress = self.progress
        modules = self.journey.modules()
        done = sum(1 for m in modules if progress.module(m.id).done)
        yield Plain(
            _("{done} of {total} modules done.").format(done=done, total=len(modules)),
            classes="heading",
        )
        if progress.changed and progress.plan is not None:
            yield Plain(_("Refresher: only the modules below need another look."))
        yield DataTable(id="map", cursor_type="row", zebra_stripes=True)
        if self.journey.all_modules_done():
            yield Plain(
                _("Every module is done. Press A for the final assessment."),
                id="map-ready",
            )
        yield Hint(_("Arrows and Enter open a module. A: final assessment. Escape: welcome."))

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#map", DataTable)
        table.add_column(_("No."), key="number")
        table.add_column(_("Module"), key="title")
        table.add_column(_("Minutes"), key="minutes")
        table.add_column(_("Status"), key="status")
        modules = self.journey.modules()
        for number, module in enumerate(modules, start=1):
            table.add_row(
                *cells(
                    str(number),
                    module.title,
                    str(module.minutes),
                    module_status(self.progress, module.id),
                ),
                key=module.id,
            )
        next_up = next((i for i, m in enumerate(modules) if not self.progress.module(m.id).done), 0)
        table.move_cursor(row=next_up)
        table.focus()

    async def action_pick(self, number: int) -> None:
        modules = self.journey.modules()
        if 1 <= number <= len(modules):
            self._open(modules[number - 1].id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self._open(event.row_key.value)

    async def action_continue(self) -> None:
        table = self.query_one("#map", DataTable)
        modules = self.journey.modules()
        if modules:
            self._open(modules[table.cursor_row].id)

    def _open(self, module_id: str) -> None:
        self.journey.open_module(module_id)
        self.trainer.show_position()

    async def action_assessment(self) -> None:
        if not self.journey.start_assessment():
            self.notify(_("Finish every module first."), severity="warning", markup=False)
            return
        self.trainer.show_position()
