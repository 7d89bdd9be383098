"""The dashboard app: the store summarised, filtered and explored, in English or French."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Select,
    TabbedContent,
    TabPane,
)
from textual.worker import Worker, WorkerState

from smtrainer.domain.inert_text import inert, shown_name
from smtrainer.domain.model import Policy
from smtrainer.domain.roles import role_label
from smtrainer.domain.roster import Roster
from smtrainer.domain.status import STATUS_LABELS, StaffStatus
from smtrainer.i18n import N_, SUPPORTED_LANGUAGES, _, current_language, ngettext, set_language
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.documents import save_document
from smtrainer.storage.roster import RosterError, load_roster
from smtrainer.ui.dashboard.table_cells import PlainCell, column_width
from smtrainer.ui.dashboard.views import (
    Filters,
    filtered,
    question_rows,
    role_lines,
    roles_in_order,
    shown_order,
    sort_key,
    status_word,
    wrong_turn_rows,
)
from smtrainer.ui.formatting import whole_number
from smtrainer.ui.saved_settings import update_settings
from smtrainer.ui.translated_bindings import retranslate, show_in_active_language
from smtrainer.ui.widgets import KeyFooter, Plain, cells
from smtrainer.workflows.printed_summary import inputs_digest, keep_summary
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.record_scan import ScanResult, plan_scan, run_scan
from smtrainer.workflows.store import RecordFacts
from smtrainer.workflows.summary import StaffRow, Summary, same_standing, summarize_scan
from smtrainer.workflows.summary_export import (
    reason_label,
    staff_csv,
    staff_header,
    staff_line,
    totals_sentence,
    trust_lines,
)
from smtrainer.workflows.summary_prefetch import SummaryPrefetch

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

SORT_KEYS = ("id", "name", "status", "role", "last_completed")
"""The staff table's first columns, each the key it sorts by."""


FIRST_ROWS = 60
"""Staff rows added before the first paint (more than a screenful)."""
BATCH_ROWS = 500
"""Staff rows added after each refresh until all are in."""
PAINT_WAIT = 2.0
"""Seconds the scan waits at most for the screen to be drawn before it lists the records."""
ROWS_WAIT = 10.0
"""Seconds a summary kept from before waits at most for its staff rows to be all in before the
summary is made again with each person's records."""
PROGRESS_SECONDS = 0.2
"""While a scan runs, the count of records verified is shown again at most this often: each
showing takes the screen's thread from the verification (and the end shows at once)."""
REFILL_SECONDS = 2.0
"""While a scan runs, the tables are drawn again with what is verified at most this often (less
often when making the summary takes long)."""


class PersonScreen(ModalScreen[None]):
    """One person's records, newest first (or a line saying they are being read: a summary
    kept from before is shown without them until they are read)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back"), id="back"),
    ]

    def __init__(self, row: StaffRow, waiting: bool = False) -> None:
        super().__init__()
        self.row = row
        self.waiting = waiting
        """Whether the person's records are still being read."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(
                inert(f"{self.row.name} ({self.row.id}) — {role_label(self.row.role)}"),
                classes="dialog-title",
            )
            yield Plain(status_word(self.row.status))
            table: DataTable[Text] = DataTable(id="history", cursor_type="row")
            yield table
            yield Plain("", id="history-wait")
            yield Plain(_("Escape: back."), classes="dialog-hint")

    def on_mount(self) -> None:
        retranslate(self)
        table = self.query_one("#history", DataTable)
        table.add_columns(
            _("Completed"), _("Score %"), _("Result"), _("Refresher due"), _("Language")
        )
        self._fill()

    def show_history(self, row: StaffRow) -> None:
        """The person's records, now read."""
        self.row, self.waiting = row, False
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        table = self.query_one("#history", DataTable)
        table.clear()
        wait = self.query_one("#history-wait", Plain)
        wait.update("⋯ " + _("Reading this person's records…") if self.waiting else "")
        wait.display = self.waiting
        if self.waiting:
            return
        for fact in reversed(self.row.history):
            table.add_row(
                *cells(
                    fact.completed_at[:10],
                    str(fact.score_pct),
                    "✓ " + _("Passed") if fact.passed else "✗ " + _("Not passed"),
                    # An attempt not passed sets no refresher date, whatever the record holds.
                    fact.refresher_due if fact.passed else "—",
                    fact.language,
                )
            )
        if not self.row.history:
            table.add_row(*cells("—", "—", _("never started"), "—", "—"))

    def action_close(self) -> None:
        self.dismiss(None)


class DashboardBody(Vertical):
    """Everything between header and footer; recomposed when data or language changes."""

    def compose(self) -> ComposeResult:
        screen = self.screen
        assert isinstance(screen, DashboardScreen)
        yield from screen.body()

    async def on_mount(self) -> None:
        screen = self.screen
        assert isinstance(screen, DashboardScreen)
        await screen.body_mounted()


class DashboardScreen(Screen[None]):
    """Tabs: staff, completion by role, questions, scenario wrong turns, problems."""

    AUTO_FOCUS = ""
    """The staff table takes the focus once drawn (`_focus_staff`): the arrows and Enter then
    work at once, and keys such as / and o still work from anywhere."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,E", "export", N_("Export CSV"), id="export"),
        Binding("o,O", "sort", N_("Sort"), id="sort"),
        Binding("slash", "search", N_("Search"), id="search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.sort_index = 0
        self.shown_rows: list[StaffRow] = []
        self.fill_generation = 0
        self.shown_roles: list[str] = []
        self.body_ready = False
        """Whether the body's widgets are mounted."""
        self.drawn_with: tuple[Summary | None, str | None] = (None, None)
        """The summary and the problem the body was composed with."""

    @property
    def dashboard(self) -> DashboardApp:
        app = self.app
        assert isinstance(app, DashboardApp)
        return app

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield DashboardBody(id="dashboard-body")
        yield Plain("", id="scan-progress")
        yield KeyFooter(show_command_palette=True)

    async def redraw(self) -> None:
        """Draw the body again (header and footer stay, so the footer keeps its keys), on the
        same tab as before."""
        tabs = self.query("#tabs")
        active = tabs.first(TabbedContent).active if tabs else None
        self.body_ready = False
        await self.query_one(DashboardBody).recompose()
        await self._show_drawn()
        tabs = self.query("#tabs")  # None when the store cannot be read.
        if active and tabs:
            tabs.first(TabbedContent).active = active

    def show_progress(self) -> None:
        """ "Verified 3,200 of 10,477 records…" while the scan runs; nothing once it is done."""
        labels = self.query("#scan-progress")
        if not labels:
            return  # Not composed yet: shown when the screen is mounted.
        label = labels.first(Plain)
        progress = self.dashboard.scan_progress
        if progress is None:
            label.update("")
            label.display = False
            return
        done, total = progress
        text = "⋯ " + _(
            "Verified {done} of {total} records; the tables fill in as they are checked."
        ).format(done=whole_number(done), total=whole_number(total))
        # A line as long as the one it replaces takes the same room: only it is drawn again,
        # the screen is not laid out (a layout of the staff table costs many times more).
        same_room = label.display and len(text) == len(str(label.content))
        label.display = True
        label.update(text, layout=not same_room)

    def body(self) -> ComposeResult:
        """The tabs, drawn before the summary is known (so that only the values change when it
        comes), or what stops the dashboard."""
        summary = self.dashboard.summary
        self.drawn_with = (summary, self.dashboard.problem)
        if self.dashboard.problem is not None:
            yield Plain("✗ " + self.dashboard.problem, id="loading-text")
            return
        loading = _("Reading and verifying the records…")
        yield Plain(self._totals(summary) if summary else loading, id="totals")
        with TabbedContent(id="tabs"):
            with TabPane(_("Staff"), id="tab-staff"):
                with Horizontal(id="filters"):
                    yield Input(
                        self.filters.text, placeholder=_("Search by name or id"), id="search"
                    )
                    yield Select(
                        [(_(label), status.value) for status, label in STATUS_LABELS.items()],
                        prompt=_("Any status"),
                        value=self.filters.status.value if self.filters.status else Select.NULL,
                        id="status-filter",
                    )
                    self.shown_roles = roles = _roles(summary)
                    yield Select(
                        [(role_label(role), role) for role in roles],
                        prompt=_("Any role"),
                        value=self.filters.role if self.filters.role in roles else Select.NULL,
                        id="role-filter",
                    )
                yield DataTable(id="staff", cursor_type="row", zebra_stripes=True)
            with TabPane(_("By role"), id="tab-roles"):
                yield Plain(self._role_text(summary) if summary else "", id="roles")
            with TabPane(_("Questions"), id="tab-questions"):
                yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Wrong turns"), id="tab-scenarios"):
                yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Problems"), id="tab-problems"):
                yield Plain(self._problems_text(summary) if summary else "", id="problems-text")

    async def show_summary(self) -> None:
        """Put a new summary in the tables drawn (draw them again only when there are none).
        Called once the body is mounted (before, `body_mounted` does it)."""
        summary = self.dashboard.summary
        if summary is None or not self.query("#role-filter"):  # Not drawn (yet).
            await self.redraw()
            return
        self.query_one("#totals", Plain).update(self._totals(summary))
        self.query_one("#roles", Plain).update(self._role_text(summary))
        self.query_one("#problems-text", Plain).update(self._problems_text(summary))
        self._set_roles(_roles(summary))
        self.fill()

    def _set_roles(self, roles: list[str]) -> None:
        """The role filter's choices (once the filter has its list of choices mounted)."""
        if roles == self.shown_roles or not self.query("#role-filter"):
            return
        select: Select[str] = self.query_one("#role-filter", Select)
        if not select.query("SelectOverlay"):
            self.call_after_refresh(self._set_roles, roles)
            return
        self.shown_roles = roles
        select.set_options([(role_label(role), role) for role in roles])
        if self.filters.role in roles:
            select.value = self.filters.role

    def on_mount(self) -> None:
        retranslate(self)
        self.title = _("Head teacher's dashboard")
        self.sub_title = str(self.dashboard.store)
        self.show_progress()

    async def body_mounted(self) -> None:
        """The body is first mounted: fill it; the screen is drawn next."""
        self.call_after_refresh(self.dashboard.painted.set)
        await self._show_drawn()

    async def _show_drawn(self) -> None:
        """Fill the body just mounted, with what came since it was composed (a summary, or what
        stops the dashboard) if anything did."""
        self.body_ready = True
        summary, problem = self.drawn_with
        if problem != self.dashboard.problem:
            await self.redraw()
        elif summary is not self.dashboard.summary:
            await self.show_summary()
        else:
            self.fill()
        self._focus_staff()

    def _focus_staff(self) -> None:
        """Give the staff table the focus when nothing has it (the first drawing, or a drawing
        again that took the focused widget away)."""
        tables = self.query("#staff")
        if tables and self.focused is None:
            tables.first(DataTable).focus(scroll_visible=False)

    async def refresh_language(self) -> None:
        retranslate(self)
        self.title = _("Head teacher's dashboard")
        await self.redraw()
        self.show_progress()

    def _totals(self, summary: Summary) -> str:
        counts = dict.fromkeys(StaffStatus, 0)
        for row in summary.staff:
            counts[row.status] += 1
        people = "   ".join(
            _("{status}: {count}").format(status=status_word(s), count=counts[s])
            for s in STATUS_LABELS
        )
        totals = totals_sentence(summary)
        if self.dashboard.scan_progress is not None:  # Only what is verified yet is counted.
            totals = _("So far, while the records are verified: {totals}").format(totals=totals)
        return totals + "\n" + people

    def _role_text(self, summary: Summary) -> str:
        lines = [_("Current or due soon, by role:"), ""]
        for label, bar, done, total in role_lines(summary):
            share = done * 100 // total if total else 0
            lines.append(f"{label:<34} {bar} {share:>3} % ({done}/{total})")
        return "\n".join(lines)

    def _problems_text(self, summary: Summary) -> str:
        """Untrustworthy files, then signing keys that need a decision; every line inert."""
        lines = [
            inert(
                f"✗ {shown_name(p.file)}: {reason_label(p.reason)}"
                + (f" — {p.detail}" if p.detail else "")
            )
            for p in summary.problems
        ] or ["✓ " + _("No damaged, tampered or conflicting files.")]
        trust = trust_lines(summary)
        if trust:
            lines += ["", _("Signing keys that need a decision:"), *(f"◐ {t}" for t in trust)]
        return "\n".join(lines)

    def fill(self) -> None:
        summary = self.dashboard.summary
        if summary is None or not self.query("#staff"):
            return
        self._fill_staff()
        if not self.dashboard.rows_drawn.is_set():
            self.call_after_refresh(self.dashboard.rows_drawn.set)
        if self.dashboard.statistics_of is summary:
            self.call_after_refresh(self.fill_statistics)

    def fill_statistics(self) -> None:
        """The questions and wrong-turns tables, once the summary's statistics are made."""
        summary = self.dashboard.summary
        if summary is None or not self.query("#questions"):
            return
        policy = self.dashboard.policy
        questions = self.query_one("#questions", DataTable)
        questions.clear(columns=True)
        questions.add_columns(_("Share right"), _("Right"), _("Asked"), _("Question"))
        for text, share, right, asked in question_rows(summary, policy):
            questions.add_row(*cells(f"{share} %", str(right), str(asked), text))
        scenarios = self.query_one("#scenarios", DataTable)
        scenarios.clear(columns=True)
        scenarios.add_columns(_("Times"), _("Verdict"), _("Scenario"), _("Choice taken"))
        for title, choice, verdict, count in wrong_turn_rows(summary, policy):
            scenarios.add_row(*cells(str(count), verdict, title, choice))

    def _fill_staff(self) -> None:
        """The staff table: the first screenful at once, the rest a batch at a time after each
        refresh (a big school's thousands of rows would hold the first paint back)."""
        summary = self.dashboard.summary
        assert summary is not None
        table = self.query_one("#staff", DataTable)
        table.clear(columns=True)
        key = SORT_KEYS[self.sort_index]
        self.shown_rows = sorted(filtered(summary.staff, self.filters), key=sort_key(key))
        texts = [shown_order(staff_line(summary, row, "—", status_word)) for row in self.shown_rows]
        for index, label in enumerate(shown_order(staff_header(summary))):
            table.add_column(label, width=column_width(label, (line[index] for line in texts)))
        self.fill_generation += 1
        self._add_staff_rows(table, texts, 0, self.fill_generation)

    def _add_staff_rows(
        self, table: DataTable[Any], texts: list[list[str]], start: int, generation: int
    ) -> None:
        if generation != self.fill_generation or not table.is_attached:
            return  # Filled again (sorted, filtered, new data) or gone since.
        end = start + (FIRST_ROWS if start == 0 else BATCH_ROWS)
        for row, line in zip(self.shown_rows[start:end], texts[start:end], strict=True):
            table.add_row(*map(PlainCell, line), key=row.id)
        if end < len(texts):
            self.call_after_refresh(self._add_staff_rows, table, texts, end, generation)
        else:
            self.dashboard.rows_in.set()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.filters = Filters(event.value, self.filters.status, self.filters.role)
            self._fill_staff()

    def on_select_changed(self, event: Select.Changed) -> None:
        value: Any = None if event.value is Select.NULL else event.value
        if event.select.id == "status-filter":
            self.filters = Filters(
                self.filters.text, StaffStatus(value) if value else None, self.filters.role
            )
        elif event.select.id == "role-filter":
            self.filters = Filters(self.filters.text, self.filters.status, value)
        self._fill_staff()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "staff":
            return
        summary = self.dashboard.summary  # Its rows, not those shown: they may be newer.
        if summary is None:
            return
        key = event.row_key.value
        row = next((r for r in summary.staff if r.id == key), None)
        if row is not None:
            self.app.push_screen(PersonScreen(row, waiting=not summary.histories))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.data_table.id == "staff" and event.column_index < len(SORT_KEYS):
            self.sort_index = event.column_index
            self._fill_staff()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORT_KEYS)
        self._fill_staff()
        self.notify(
            _("Sorted by {column}").format(column=_(SORT_LABELS[SORT_KEYS[self.sort_index]])),
            markup=False,
        )

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_export(self) -> None:
        """Export the whole staff table, never one still being filled in."""
        dashboard = self.dashboard
        summary = dashboard.summary
        if dashboard.problem is not None:
            self.notify(_("Nothing to export: the store cannot be read."), severity="warning")
            return
        if summary is None or dashboard.scan_progress is not None:
            self.notify(
                _("The records are still being verified: export once they all are."),
                severity="warning",
            )
            return
        path = dashboard.store / "exports" / f"staff-{summary.today.isoformat()}.csv"
        try:
            save_document(path, staff_csv(summary))
        except StorageError as error:
            self.notify(
                _("Export failed: {reason}").format(reason=error), severity="error", markup=False
            )
            return
        self.notify(
            ngettext(
                "Exported {count} member of staff (the whole table) to {path}",
                "Exported {count} members of staff (the whole table) to {path}",
                len(summary.staff),
            ).format(count=whole_number(len(summary.staff)), path=path),
            timeout=10,
            markup=False,
        )


def _roles(summary: Summary | None) -> list[str]:
    return roles_in_order({row.role for row in summary.staff}) if summary else []


SORT_LABELS = {
    "id": N_("Staff id"),
    "name": N_("Name"),
    "role": N_("Role"),
    "status": N_("Status"),
    "last_completed": N_("Last completed"),
}


class DashboardApp(App[int]):
    """smtrainer's head teacher dashboard."""

    CSS_PATH = "../smtrainer.tcss"
    TITLE = "smtrainer"
    BINDINGS: ClassVar[list[BindingType]] = [
        # TRANSLATORS: the F2 key's label names the language it switches to ("English" in French).
        Binding("f2", "switch_language", N_("Français"), id="language"),
        Binding("question_mark,f1", "help", N_("Help"), id="help"),
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
        Binding(
            "ctrl+p", "command_palette", N_("Commands"), show=False, priority=True, id="commands"
        ),
    ]

    def __init__(
        self,
        store: Path,
        today: dt.date,
        policy: Policy | None = None,
        policy_ids: Sequence[str] = (),
        prefetch: SummaryPrefetch | None = None,
        workers: ProcessPoolExecutor | None = None,
    ) -> None:
        super().__init__()
        self.prefetch = prefetch
        """The summary being made in a second process while the app starts, if any."""
        self.workers_ahead = workers
        """Worker processes started before the app, for its first scan, if any."""
        self.remember_language = False
        """Whether a language switch is saved in the settings, for the next start (as the
        training app does, unless a language was asked for when starting)."""
        self.store = store
        self.today = today
        self.policy_ids = list(policy_ids)
        """Judge people on these policies only (all policies of the records when empty)."""
        self.policies: dict[str, Policy] = {}
        self.fixed_policy = policy
        self.summary: Summary | None = None
        self.statistics_of: Summary | None = None
        """The summary whose statistics are made (made in the scan's thread, after the
        summary itself is shown)."""
        self.problem: str | None = None
        self.loaded_in = current_language()
        """The language the last load was started in."""
        self.scan_progress: tuple[int, int] | None = None
        """(records verified, records to verify) while a scan runs."""
        self.painted = threading.Event()
        """Set once the dashboard's screen is first drawn."""
        self.progress_drawn = threading.Event()
        """Set once the first progress line is drawn."""
        self.rows_drawn = threading.Event()
        """Set once the staff table is first filled and drawn."""
        self.rows_in = threading.Event()
        """Set once every staff row is first in the table."""

    @property
    def policy(self) -> Policy | None:
        return self.fixed_policy or self.policies.get(current_language())

    def get_default_screen(self) -> Screen[Any]:
        return DashboardScreen()

    def on_mount(self) -> None:
        retranslate(self)
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Scan the store away from the UI thread: paint what the cache knows at once, then fill
        in as worker processes verify the rest (a cold scan of a big store takes a while)."""
        self.loaded_in = current_language()
        self._load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A load that ends after a language switch says its problems again."""
        finished = event.worker.name == "load" and event.state == WorkerState.SUCCESS
        if finished and current_language() != self.loaded_in:
            self._say_problems_again()

    def _say_problems_again(self) -> None:
        """Why each file cannot be trusted was said in the other language: said again (only
        those files are read again)."""
        summary = self.summary
        if summary is not None and summary.problems:
            self.prefetch = None
            self.load()

    def _load(self) -> None:
        prefetch = self.prefetch
        prefetched = prefetch.result() if prefetch is not None else None
        if prefetch is not None and prefetched is not None:
            self.call_from_thread(self._loaded, prefetched, None)
            # Reading everyone's records holds the interpreter for a tenth of a second or more:
            # the first rows are drawn before.
            self.rows_drawn.wait(PAINT_WAIT)
            rows = prefetch.histories(prefetched)
            if rows is not None:
                self.call_from_thread(self._histories_read, prefetched, rows)
                self._load_question_words()
                self.call_from_thread(self._statistics_made, prefetched)
                return
            # Shown without each person's records (a summary kept from before): made here, once
            # the staff table is filled (making it holds the interpreter for seconds).
            self.rows_in.wait(ROWS_WAIT)
        # Listing thousands of files is quick alone, but many times slower while the screen
        # is being built in the other thread (each file's stat gives the interpreter up, and
        # getting it back waits on the builder): so it starts once the screen is drawn.
        self.painted.wait(PAINT_WAIT)
        plan = plan_scan(self.store)
        waiting = len(plan.todo)
        if waiting:  # Say at once how much there is to verify, and let it be drawn first.
            self.call_from_thread(self._progressed, (0, waiting))
            self.progress_drawn.wait(PAINT_WAIT)
        context = RecordContext.load()
        inputs = inputs_digest(self.store, context, self.today, self.policy_ids)
        try:
            roster = load_roster(self.store)
        except RosterError as error:
            self._drop_workers()
            self.call_from_thread(self._failed, str(error))
            return
        if not waiting:
            self._drop_workers()
        first = self._summary_of(ScanResult.of(plan), roster, context)
        if not waiting and prefetched is not None and same_standing(prefetched, first):
            # What is shown stays (the table is not filled again): only the records are added.
            self.call_from_thread(self._histories_made, first)
            self._load_question_words()
            self._make_statistics(first)
            return
        self.call_from_thread(self._loaded, first, (0, waiting) if waiting else None)

        def statistics() -> None:  # While the workers verify, when there is anything to verify.
            self._load_question_words()
            self._make_statistics(first)

        if not waiting:
            self.rows_drawn.wait(PAINT_WAIT)  # The statistics hold the interpreter a while.
            statistics()
            keep_summary(self.store, first, inputs, self.policy_ids, context)
            return
        shown, pause = time.monotonic(), REFILL_SECONDS
        told = shown

        def progress(done: int, total: int, _fresh: list[RecordFacts]) -> None:
            nonlocal shown, pause, told
            if time.monotonic() - told >= PROGRESS_SECONDS and done < total:
                self.call_from_thread(self._progressed, (done, total))
                told = time.monotonic()
            if time.monotonic() - shown >= pause and done < total:
                started = time.monotonic()
                summary = self._summary_of(ScanResult.of(plan), roster, context)
                self._show_summary(summary, (done, total))
                shown = time.monotonic()
                # Drawing takes time from the verification: the bigger the store, the rarer.
                pause = max(REFILL_SECONDS, 10 * (shown - started))

        result = run_scan(plan, progress, meanwhile=statistics, pool=self._take_workers())
        final = self._summary_of(result, roster, context)
        self._show_summary(final, None)
        keep_summary(self.store, final, inputs, self.policy_ids, context)

    def _take_workers(self) -> ProcessPoolExecutor | None:
        workers, self.workers_ahead = self.workers_ahead, None
        return workers

    def _drop_workers(self) -> None:
        """Worker processes started for nothing (nothing to verify, or the app is leaving)."""
        workers = self._take_workers()
        if workers is not None:
            workers.shutdown(wait=False, cancel_futures=True)

    def on_unmount(self) -> None:
        self._drop_workers()

    def _histories_read(self, summary: Summary, rows: list[StaffRow]) -> None:
        """Each person's records, read after the summary they belong to is shown."""
        summary.staff = rows
        summary.histories = True
        self._show_histories(summary)

    def _histories_made(self, summary: Summary) -> None:
        """The summary shown (kept from before) made again, the same but with each person's
        records: it takes the place of the one shown, whose tables stay as they are."""
        self.summary = summary
        self._show_histories(summary)

    def _show_histories(self, summary: Summary) -> None:
        """A person's records open while they were read: shown now."""
        rows = {row.id: row for row in summary.staff}
        for screen in self.screen_stack:
            if isinstance(screen, PersonScreen) and screen.waiting and screen.row.id in rows:
                screen.show_history(rows[screen.row.id])

    def _load_question_words(self) -> None:
        """The policies' texts, for the statistics' tables (in the scan's thread)."""
        from smtrainer.content.errors import ContentFolderError
        from smtrainer.workflows.content import load_for_app

        if self.fixed_policy is None:
            try:
                self.policies = load_for_app(None).policies
            except ContentFolderError:
                self.policies = {}

    def _summary_of(self, scanned: ScanResult, roster: Roster, context: RecordContext) -> Summary:
        return summarize_scan(
            scanned, self.today, roster, context=context, policies=self.policy_ids
        )

    def _show_summary(self, summary: Summary, progress: tuple[int, int] | None) -> None:
        """Show a summary, then its statistics."""
        self.call_from_thread(self._loaded, summary, progress)
        self._make_statistics(summary)

    def _make_statistics(self, summary: Summary) -> None:
        """Make a summary's statistics here, in the scan's thread (before the scan goes on
        changing its tallies), and show them."""
        summary.statistics  # noqa: B018 (computed now, not on the screen's thread)
        self.call_from_thread(self._statistics_made, summary)

    def _statistics_made(self, summary: Summary) -> None:
        """Fill the statistics' tables after the next refresh (they are on other tabs: the
        staff table is drawn first)."""
        self.statistics_of = summary
        screen = self._dashboard_screen()
        if summary is self.summary and screen is not None:
            screen.call_after_refresh(screen.fill_statistics)

    def _failed(self, problem: str) -> None:
        """The store cannot be read: say so in place of the tables (nothing is changed)."""
        self.problem = problem
        self.scan_progress = None
        self.call_later(self._show)

    def _progressed(self, progress: tuple[int, int]) -> None:
        self.scan_progress = progress
        screen = self._dashboard_screen()
        if screen is not None:
            screen.show_progress()
        if screen is not None and screen is self.screen:
            if not self.progress_drawn.is_set():
                screen.call_after_refresh(self.progress_drawn.set)
        else:
            self.progress_drawn.set()

    def _loaded(self, summary: Summary, progress: tuple[int, int] | None) -> None:
        self.summary = summary
        self.scan_progress = progress
        self.call_later(self._show)
        if summary.histories:  # In place of one shown without them.
            self._show_histories(summary)

    def _dashboard_screen(self) -> DashboardScreen | None:
        """The dashboard's screen, shown or under another (a person's records, the commands):
        what comes in is put in its tables either way."""
        return next((s for s in self.screen_stack if isinstance(s, DashboardScreen)), None)

    async def _show(self) -> None:
        screen = self._dashboard_screen()
        if screen is not None:
            if not screen.body_ready:
                pass  # The body shows both when mounted.
            elif self.problem is None:
                await screen.show_summary()
            else:
                await screen.redraw()
            screen.show_progress()

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        yield SystemCommand(
            _("Switch language"),
            _("Show everything in the other language"),
            self.action_switch_language,
        )
        yield SystemCommand(_("Quit"), _("Quit the application"), self.action_quit)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not any(isinstance(screen, CommandPalette) for screen in self.screen_stack):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_help(self) -> None:
        from smtrainer.ui.dialogs import DASHBOARD_KEYS, HelpScreen

        if not any(isinstance(screen, HelpScreen) for screen in self.screen_stack):
            self.push_screen(HelpScreen(DASHBOARD_KEYS, note=None))

    def get_key_display(self, binding: Binding) -> str:
        from smtrainer.ui.key_names import binding_key_name

        return binding_key_name(binding)

    async def action_switch_language(self) -> None:
        index = SUPPORTED_LANGUAGES.index(current_language())
        set_language(SUPPORTED_LANGUAGES[(index + 1) % len(SUPPORTED_LANGUAGES)])
        if self.remember_language:
            update_settings(self, language=current_language())
        await show_in_active_language(self)
        if not self.loading():  # A load under way says them again when it ends.
            self._say_problems_again()

    def loading(self) -> bool:
        return any(worker.name == "load" and worker.is_running for worker in self.workers)
