"""Every module with its status and minutes; the way into each module and the assessment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from smtrainer.domain.model import Module
from smtrainer.domain.progress import Progress
from smtrainer.i18n import N_, _, current_language
from smtrainer.ui.screens.base import JourneyBody, JourneyScreen
from smtrainer.ui.widgets import Hint, Plain, cells


def module_status(progress: Progress, module_id: str) -> str:
    """Status in words with a symbol: done, started or not started."""
    state = progress.module(module_id)
    if state.done:
        return "✓ " + _("Done")
    if state.confidence is not None:
        return "◐ " + _("Started")
    return _not_started()


def _done_text(done: int, total: int) -> str:
    return _("{done} of {total} modules done.").format(done=done, total=total)


def _hint_text(next_step: str) -> str:
    return _("Arrows and Enter open a module. A: {next_step}. Escape: welcome.").format(
        next_step=next_step
    )


def _first_step(*, short: bool = False) -> str:
    """Where A leads before any assessment (see `MapScreen.next_step`)."""
    return _("Assessment") if short else _("final assessment")


def _not_started() -> str:
    return "○ " + _("Not started")


def _set_rows(table: DataTable[Text], modules: Sequence[Module], statuses: Sequence[str]) -> None:
    """Show `modules` with their `statuses`. A table that already shows these modules under
    these headings has only the cells that differ updated, which leaves its size, and so the
    screen's layout, as it was; otherwise it is filled anew."""
    headings = [
        _("No."),
        _("Status"),
        # TRANSLATORS: short column heading for the minutes a module takes.
        _("Min"),
        _("Module"),
    ]
    rows = [
        (module.id, cells(str(number), status, str(module.minutes), module.title))
        for number, (module, status) in enumerate(zip(modules, statuses, strict=True), start=1)
    ]
    shown = [str(column.label) for column in table.columns.values()]
    if shown == headings and [key.value for key in table.rows] == [key for key, _ in rows]:
        for key, values in rows:
            for column, value in zip(COLUMNS, values, strict=True):
                if table.get_cell(key, column) != value:
                    table.update_cell(key, column, value, update_width=True)
        return
    table.clear(columns=True)
    for column, heading in zip(COLUMNS, headings, strict=True):
        table.add_column(heading, key=column)
    for key, values in rows:
        table.add_row(*values, key=key)


COLUMNS = ("number", "status", "minutes", "title")


class ModuleTable(DataTable[Text]):
    """The table of modules, kept when the map's body is drawn again (see
    `JourneyScreen.refresh_body`): the map fills it again, which is much quicker than a new
    table (the last module done redraws the body, for the line that says so)."""

    def take(self, other: ModuleTable) -> None:
        """Nothing to take: `MapScreen._fill` fills the table again."""


class MapScreen(JourneyScreen):
    """The module map."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Labelled where it leads (`_label_next_step`); at first, as for a learner starting out.
        Binding("a,A", "assessment", N_("Assessment"), id="assessment", priority=True),
    ]

    def heading(self) -> str:
        return _("Module map")

    drawn: tuple[object, ...] | None = None
    """What the body was drawn from, but for the modules' statuses (see `show_moved`)."""

    def _drawn_from(self) -> tuple[object, ...]:
        progress = self.progress
        return (
            current_language(),
            tuple(m.id for m in self.journey.modules()),
            bool(progress.changed and progress.plan is not None),
            self.journey.all_modules_done(),
            self.next_step(),
        )

    def _done_line(self) -> str:
        modules = self.journey.modules()
        done = sum(1 for m in modules if self.progress.module(m.id).done)
        return _done_text(done, len(modules))

    def body(self) -> ComposeResult:
        progress = self.progress
        self.drawn = self._drawn_from()
        yield Plain(self._done_line(), classes="heading", id="map-done")
        if progress.changed and progress.plan is not None:
            yield Plain(_("Refresher: only the modules below need another look."))
        yield ModuleTable(id="map", cursor_type="row", zebra_stripes=True)
        next_step = self.next_step()
        if self.journey.all_modules_done():
            yield Plain(
                _("Every module is done. Press A: {next_step}.").format(next_step=next_step),
                id="map-ready",
            )
        yield Hint(_hint_text(next_step))

    def standby_body(self) -> ComposeResult:
        """The body a learner starting out first sees (its table filled at mount): the first
        body is then drawn without a widget changing size, so without laying the screen out
        again."""
        policy = self.trainer.policy
        total = len(policy.modules) if policy is not None else 0
        yield Plain(_done_text(0, total), classes="heading", id="map-done")
        yield ModuleTable(id="map", cursor_type="row", zebra_stripes=True)
        yield Hint(_hint_text(_first_step()))

    def next_step(self, *, short: bool = False) -> str:
        """What A leads to once the modules are done: the assessment, answering again what was
        missed, or (assessment passed, as after a refresher's test-out) the practice check.
        `short` gives the footer's label."""
        assessment = self.progress.assessment
        if assessment is None:
            return _first_step(short=short)
        if self.journey.review().passed:
            return _("Practice check") if short else _("practice check")
        return _("Retry") if short else _("answer again")

    def _label_next_step(self) -> None:
        """The footer's label for A says where it leads (see `next_step`)."""
        label = self.next_step(short=True)
        bindings = self._bindings.key_to_bindings
        for key in ("a", "A"):
            bindings[key] = [replace(b, description=label) for b in bindings[key]]
        self.refresh_bindings()

    def on_mount(self) -> None:
        super().on_mount()
        if not self.standby:
            self._fill()
            return
        # Built ahead: filled as for a learner starting out, so that the first body, most
        # often the same, is drawn without the table changing size (see `_set_rows`).
        policy = self.trainer.policy
        if policy is not None:
            modules = list(policy.modules)
            _set_rows(self.query_one("#map", DataTable), modules, [_not_started()] * len(modules))

    async def show_moved(self) -> None:
        """Shown again: when only statuses changed (a module done), they are updated in place,
        which is much quicker than a new table; otherwise the body is drawn again."""
        if self.drawn != self._drawn_from():
            await super().show_moved()
            self._fill()
            return
        self._titles()
        self.query_one("#map-done", Plain).update(self._done_line())
        table = self.query_one("#map", DataTable)
        for module in self.journey.modules():
            status = cells(module_status(self.progress, module.id))[0]
            table.update_cell(module.id, "status", status, update_width=True)
        table.move_cursor(row=self._next_up())
        table.focus()
        self.query_one(JourneyBody).scroll_home(animate=False, immediate=True)
        self.refresh_bindings()

    def _next_up(self) -> int:
        """The row of the first module not done yet (the first row when all are)."""
        modules = self.journey.modules()
        return next((i for i, m in enumerate(modules) if not self.progress.module(m.id).done), 0)

    def _titles(self) -> None:
        super()._titles()
        self._label_next_step()  # After the bindings are translated again.

    async def refresh_language(self) -> None:
        table = self.query_one("#map", DataTable)
        keep = self._cursor_module(table)
        await super().refresh_language()
        self._fill(keep)

    def _cursor_module(self, table: DataTable[object]) -> str | None:
        modules = self.journey.modules()
        row = table.cursor_row
        return modules[row].id if 0 <= row < len(modules) else None

    def _fill(self, keep: str | None = None) -> None:
        """Number, status and minutes before the title, so they show at 80 columns whatever
        the length of the titles; the cursor stays on `keep` (a module id), else the next
        module to do."""
        table = self.query_one("#map", DataTable)
        modules = self.journey.modules()
        _set_rows(table, modules, [module_status(self.progress, m.id) for m in modules])
        ids = [m.id for m in modules]
        table.move_cursor(row=ids.index(keep) if keep in ids else self._next_up())
        table.focus()

    async def action_pick(self, number: int) -> None:
        modules = self.journey.modules()
        if 1 <= number <= len(modules):
            await self._open(modules[number - 1].id)

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            await self._open(event.row_key.value)

    async def action_continue(self) -> None:
        table = self.query_one("#map", DataTable)
        modules = self.journey.modules()
        if modules:
            await self._open(modules[table.cursor_row].id)

    async def _open(self, module_id: str) -> None:
        self.journey.open_module(module_id)
        await self.trainer.show_position()

    async def action_assessment(self) -> None:
        if not self.journey.start_assessment():
            self.notify(_("Finish every module first."), severity="warning", markup=False)
            return
        await self.trainer.show_position()
