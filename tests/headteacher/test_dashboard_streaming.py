"""The dashboard paints at once and fills in while records are verified: a progress line while
the scan runs, the same tables as the summary once it is done."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.widgets import DataTable

from smtrainer.ui.dashboard.app import DashboardApp, DashboardScreen
from smtrainer.ui.widgets import Plain
from smtrainer.workflows import record_scan
from smtrainer.workflows.summary import StaffRow, Summary, summarize
from tests.headteacher.conftest import TODAY


async def test_cold_store_shows_progress_then_everything(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_scan, "CHUNK", 10)
    seen: list[str] = []
    totals: list[str] = []
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.summary is None or app.scan_progress is not None or not seen:
            await pilot.pause(0.01)
            label = app.screen.query("#scan-progress")
            if label and app.scan_progress is not None:
                seen.append(str(label.first(Plain).render()))
                totals.append(str(app.screen.query_one("#totals", Plain).render()))
            if app.summary is not None and app.scan_progress is None and seen:
                break
            if not any(w.is_running for w in app.workers) and app.scan_progress is None:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Verified" in text and "records" in text for text in seen), seen
        assert app.summary is not None and app.scan_progress is None
        assert not app.screen.query_one("#scan-progress", Plain).display
        # While the records are verified the totals say they are not final; then they are.
        assert any(text.startswith("So far, while the records are verified: ") for text in totals)
        final = str(app.screen.query_one("#totals", Plain).render())
        assert final.startswith(f"{app.summary.records} records: ")
        expected = summarize(store, TODAY)
        assert app.summary.records == expected.records
        assert [r.status for r in app.summary.staff] == [r.status for r in expected.staff]
        assert app.summary.question_results == expected.question_results


async def test_the_first_progress_line_is_drawn_before_the_roster_is_read(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the roster and the first summary hold the interpreter: the line saying how many
    records there are to verify is drawn first, not after them."""
    from smtrainer.storage.roster import load_roster as read
    from smtrainer.ui.dashboard import app as dashboard_app

    drawn_when_read: list[bool] = []

    def load_roster(folder: Path):  # type: ignore[no-untyped-def]
        drawn_when_read.append(app.progress_drawn.is_set())
        return read(folder)

    monkeypatch.setattr(dashboard_app, "load_roster", load_roster)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None and app.summary.records > 0
    assert drawn_when_read == [True]


async def test_warm_store_paints_without_verifying(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarize(store, TODAY)

    def refuse(*_args: object) -> bytes:
        raise AssertionError("a record was verified although the cache knows them all")

    monkeypatch.setattr(record_scan, "_verify_chunk", refuse)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None and app.summary.records > 0
        assert app.scan_progress is None


class HeldPrefetch:
    """A summary made elsewhere, handed over only when the test lets it go."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.release = threading.Event()

    def result(self) -> Summary:
        self.release.wait(10)
        return self.summary

    def histories(self, summary: Summary) -> list[StaffRow]:
        return summary.staff


@pytest.mark.parametrize("comes", ["while the body is mounted", "once it is mounted"])
async def test_a_summary_is_shown_whenever_it_comes_without_drawing_again(
    store: Path, monkeypatch: pytest.MonkeyPatch, comes: str
) -> None:
    expected = summarize(store, TODAY)
    prefetch = HeldPrefetch(summarize(store, TODAY))
    redrawn: list[object] = []
    monkeypatch.setattr(DashboardScreen, "redraw", lambda self: redrawn.append(self))
    body, mounted = DashboardScreen.body, DashboardScreen.body_mounted

    def composed(self: DashboardScreen) -> ComposeResult:
        yield from body(self)
        if comes == "while the body is mounted":
            prefetch.release.set()
            time.sleep(0.2)  # The summary is handed over before the widgets are mounted.

    async def on_mount(self: DashboardScreen) -> None:
        await mounted(self)
        prefetch.release.set()

    monkeypatch.setattr(DashboardScreen, "body", composed)
    monkeypatch.setattr(DashboardScreen, "body_mounted", on_mount)
    app = DashboardApp(store, TODAY, prefetch=prefetch)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert app.summary is prefetch.summary
        assert screen.query_one("#totals", Plain).content == screen._totals(expected)
        assert screen.query_one("#staff", DataTable).row_count == len(expected.staff)
        assert not redrawn


async def test_the_progress_line_is_drawn_alone_while_it_keeps_its_length(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarize(store, TODAY)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        laid_out: list[bool] = []
        real = Plain.update

        def update(self: Plain, content: str = "", *, layout: bool = True) -> None:
            laid_out.append(layout)
            real(self, content, layout=layout)

        monkeypatch.setattr(Plain, "update", update)
        for progress in ((100, 10_477), (200, 10_477), (900, 10_477), (1_000, 10_477)):
            app.scan_progress = progress
            screen.show_progress()
        assert laid_out == [True, False, False, True]  # Shown, then only longer text moves things.
        await pilot.pause()
        shown = str(screen.query_one("#scan-progress", Plain).render())
        assert "Verified 1,000 of 10,477 records" in shown


async def test_everyone_s_records_are_read_only_once_the_first_rows_are_drawn(
    store: Path,
) -> None:
    """Reading each person's records holds the interpreter: the first staff rows are drawn
    before, not after."""
    drawn_when_read: list[tuple[bool, int]] = []

    class Watched(HeldPrefetch):
        def histories(self, summary: Summary) -> list[StaffRow]:
            table = app.screen.query("#staff")
            rows = table.first(DataTable).row_count if table else 0
            drawn_when_read.append((app.rows_drawn.is_set(), rows))
            return summary.staff

    prefetch = Watched(summarize(store, TODAY))
    prefetch.release.set()
    app = DashboardApp(store, TODAY, prefetch=prefetch)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is prefetch.summary
    assert len(drawn_when_read) == 1
    drawn, rows = drawn_when_read[0]
    assert drawn and rows > 0


async def test_a_warm_store_s_statistics_are_made_once_the_first_rows_are_drawn(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarize(store, TODAY)
    drawn_when_made: list[bool] = []
    real = DashboardApp._make_statistics

    def make(self: DashboardApp, summary: Summary) -> None:
        drawn_when_made.append(self.rows_drawn.is_set())
        real(self, summary)

    monkeypatch.setattr(DashboardApp, "_make_statistics", make)
    fill = DashboardScreen.fill

    def slow_fill(self: DashboardScreen) -> None:  # A big table, slow to fill.
        time.sleep(0.3)
        fill(self)

    monkeypatch.setattr(DashboardScreen, "fill", slow_fill)
    monkeypatch.setattr(DashboardApp, "_load_question_words", lambda self: None)  # Quick here.
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.statistics_of is app.summary is not None
    assert drawn_when_made == [True]


def test_workers_are_started_ahead_only_for_a_first_scan_that_needs_them(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = len(list((store / "records").glob("*.toml")))
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", files + 1)
    assert record_scan.workers_ahead(store) is None  # Too few records to need them.
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", files)
    pool = record_scan.workers_ahead(store)
    assert pool is not None
    pool.shutdown()
    assert record_scan.workers_ahead(store / "nowhere") is None
    summarize(store, TODAY)  # Writes the scan cache: the next scan is not a first one.
    assert record_scan.workers_ahead(store) is None


async def test_a_first_scan_verifies_on_the_workers_started_ahead(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started before the app verify its first scan; started for a store with nothing
    left to verify, they are shut down at once."""
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", 10)
    monkeypatch.setattr(record_scan, "CHUNK", 10)
    pool = record_scan.workers_ahead(store)
    assert pool is not None
    handed: list[object] = []
    submit = pool.submit

    def counted(function, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        handed.append(function)
        return submit(function, *args, **kwargs)

    monkeypatch.setattr(pool, "submit", counted)
    app = DashboardApp(store, TODAY, workers=pool)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None and app.summary.records == summarize(store, TODAY).records
    assert record_scan._verify_chunk in handed
    assert app.workers_ahead is None and pool._shutdown_thread  # Used, then shut down.

    idle = record_scan._start_pool(2)
    assert idle is not None
    app = DashboardApp(store, TODAY, workers=idle)  # The cache now knows every record.
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.workers_ahead is None and idle._shutdown_thread
