"""A store too big for its summary to be handed over quickly: the dashboard shows the summary
kept from before at once, adds each person's records once it has made them (the tables stay as
they are drawn), and keeps what it makes for next time."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from smtrainer.cli.summary_cmd import summary_json
from smtrainer.i18n import set_language
from smtrainer.ui.dashboard import app as dashboard_app
from smtrainer.ui.dashboard.app import DashboardApp, DashboardScreen, PersonScreen
from smtrainer.ui.widgets import Plain
from smtrainer.workflows import printed_summary as printed
from smtrainer.workflows import record_scan
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.summary import Summary, same_standing, summarize
from smtrainer.workflows.summary_prefetch import SummaryPrefetch
from tests.headteacher.conftest import TODAY


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store counts as too big for its summary to be handed over."""
    monkeypatch.setattr("smtrainer.workflows.summary_prefetch.LARGEST_CACHE", 1000)


@pytest.fixture
def go_on(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The dashboard makes its own summary only once this is set."""
    event = threading.Event()
    real_plan = record_scan.plan_scan

    def held_plan(folder: Path) -> Any:
        event.wait(10)
        return real_plan(folder)

    monkeypatch.setattr(dashboard_app, "plan_scan", held_plan)
    return event


def _kept(store: Path) -> Summary:
    """The summary command's run: it keeps its summary."""
    return printed.printed_summary(store, TODAY, context=RecordContext.load())


def test_a_big_store_hands_over_only_the_summary_kept(store: Path, big: None) -> None:
    kept = summary_json(_kept(store))
    prefetch = SummaryPrefetch(store, TODAY)
    handed = prefetch.result()
    assert handed is not None and not handed.histories
    assert not any(row.history for row in handed.staff)
    assert summary_json(handed) == kept
    assert prefetch.histories(handed) is None  # The app makes them.


def test_a_big_store_with_nothing_kept_or_changed_since_is_left_to_the_app(
    store: Path, big: None
) -> None:
    summarize(store, TODAY)  # A scan cache, no summary kept.
    assert SummaryPrefetch(store, TODAY).result() is None
    _kept(store)
    record = sorted((store / "records").glob("*.toml"))[0]
    record.write_bytes(record.read_bytes() + b"\n")  # Changed since the summary was kept.
    assert SummaryPrefetch(store, TODAY).result() is None


def test_a_summary_kept_is_told_apart_from_one_that_says_something_else(store: Path) -> None:
    kept = _kept(store)
    made = summarize(store, TODAY)
    assert same_standing(kept, made)
    changed = dataclasses.replace(made.staff[0], name=made.staff[0].name + " Jr")
    made.staff = [changed, *made.staff[1:]]
    assert not same_standing(kept, made)
    made = summarize(store, TODAY)
    made.invalid += 1
    assert not same_standing(kept, made)


@pytest.mark.parametrize(
    ("language", "waiting"),
    [("en", "Reading this person's records"), ("fr", "Lecture des attestations de cette")],
)
async def test_the_dashboard_shows_the_kept_summary_then_adds_the_records(
    store: Path,
    big: None,
    go_on: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    waiting: str,
) -> None:
    """A person opened before their records are made says so, then shows them; the staff
    table is filled once."""
    set_language(language)
    _kept(store)
    prefetch = SummaryPrefetch(store, TODAY)
    fills: list[int] = []
    real_fill = DashboardScreen._fill_staff

    def fill(self: DashboardScreen) -> None:
        fills.append(1)
        real_fill(self)

    monkeypatch.setattr(DashboardScreen, "_fill_staff", fill)
    app = DashboardApp(store, TODAY, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.summary is None or not app.rows_drawn.is_set():
            await pilot.pause(0.01)
        shown = app.summary
        assert not shown.histories
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        table = dashboard.query_one("#staff", DataTable)
        table.focus()
        someone = next(i for i, row in enumerate(dashboard.shown_rows) if row.last_completed)
        table.move_cursor(row=someone)
        await pilot.press("enter")
        await pilot.pause()
        person = app.screen
        assert isinstance(person, PersonScreen) and person.waiting
        assert waiting in str(person.query_one("#history-wait", Plain).render())
        assert person.query_one("#history", DataTable).row_count == 0
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not person.waiting and person.row.history
        assert not person.query_one("#history-wait", Plain).display
        assert person.query_one("#history", DataTable).row_count == len(person.row.history)
        await pilot.press("escape")
        await pilot.pause()
        assert app.summary is not shown and app.summary.histories
        assert app.statistics_of is app.summary
        assert app.summary.question_results == summarize(store, TODAY).question_results
        assert fills == [1]


async def test_the_dashboard_keeps_its_summary_for_the_next_start(
    store: Path, big: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = DashboardApp(store, TODAY)  # A cold store: every record verified, then kept.
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None
        made = summary_json(app.summary)

    def refuse(*_args: object, **_options: object) -> object:
        raise AssertionError("the summary was made again")

    monkeypatch.setattr(printed, "summarize", refuse)
    assert summary_json(_kept(store)) == made
    kept = printed.kept_summary(store, TODAY, [], RecordContext.load())
    assert kept is not None and summary_json(kept) == made


async def test_a_kept_summary_that_no_longer_holds_is_replaced(
    store: Path, big: None, go_on: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary handed over says one thing, the records another (the clock moved on, say):
    what the app makes is shown in its place."""
    _kept(store)
    prefetch = SummaryPrefetch(store, TODAY)
    real_result = prefetch.result

    def stale() -> Summary | None:
        handed = real_result()
        assert handed is not None
        handed.staff = handed.staff[1:]
        return handed

    monkeypatch.setattr(prefetch, "result", stale)
    app = DashboardApp(store, TODAY, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.summary is None or not app.rows_drawn.is_set():
            await pilot.pause(0.01)
        app.push_screen(PersonScreen(app.summary.staff[0], waiting=True))
        await pilot.pause()
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        person = app.screen
        assert isinstance(person, PersonScreen) and not person.waiting  # Shown all the same.
        await pilot.press("escape")
        await pilot.pause()
        assert app.summary is not None and app.summary.histories
        expected = summarize(store, TODAY)
        assert len(app.summary.staff) == len(expected.staff)
        assert app.screen.query_one("#staff", DataTable).row_count == len(expected.staff)


async def test_the_records_are_made_once_every_staff_row_is_in(
    store: Path, big: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the summary again holds the interpreter for seconds on a big store: the staff
    table of the kept summary is filled first, not batch by batch in between."""
    _kept(store)
    monkeypatch.setattr(dashboard_app, "FIRST_ROWS", 5)
    monkeypatch.setattr(dashboard_app, "BATCH_ROWS", 5)
    rows_when_made: list[int] = []
    real_plan = record_scan.plan_scan

    def watched_plan(folder: Path) -> Any:
        table = app.screen.query("#staff")
        rows_when_made.append(table.first(DataTable).row_count if table else 0)
        return real_plan(folder)

    monkeypatch.setattr(dashboard_app, "plan_scan", watched_plan)
    app = DashboardApp(store, TODAY, prefetch=SummaryPrefetch(store, TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None and app.summary.histories
        staff = len(app.summary.staff)
    assert staff > 5 and rows_when_made == [staff]
