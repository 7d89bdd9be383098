"""The summary made in a second process while the dashboard starts: the same as one made in
place, and nothing at all when the app must make it itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from smtrainer.cli.summary_cmd import summary_json
from smtrainer.ui.dashboard.app import DashboardApp, PersonScreen
from smtrainer.workflows import record_scan
from smtrainer.workflows.summary import summarize
from smtrainer.workflows.summary_prefetch import SummaryPrefetch
from tests.headteacher.conftest import TODAY


def test_a_warm_store_is_summarised_in_the_second_process(store: Path) -> None:
    made_here = summarize(store, TODAY)
    prefetch = SummaryPrefetch(store, TODAY)
    prefetched = prefetch.result()
    assert prefetched is not None
    assert not any(row.history for row in prefetched.staff)  # They come second.
    rows = prefetch.histories(prefetched)
    assert rows is not None and any(row.history for row in rows)
    prefetched.staff = rows
    assert summary_json(prefetched) == summary_json(made_here)
    assert prefetched.question_results == made_here.question_results
    assert prefetched.choice_counts == made_here.choice_counts


@pytest.mark.parametrize("damaged", [False, True])
def test_the_second_process_is_waited_for_once_it_has_handed_over(
    store: Path, damaged: bool
) -> None:
    """Whether it gave a summary or not, the second process ends and is waited for (it does not
    linger, a zombie, while the app runs)."""
    summarize(store, TODAY)
    if damaged:
        (store / "roster.toml").write_text("[[staff]\nbroken", encoding="utf-8")
    prefetch = SummaryPrefetch(store, TODAY)
    process = prefetch._process
    assert process is not None
    prefetched = prefetch.result()
    assert (prefetched is None) == damaged
    if prefetched is not None:
        prefetch.histories(prefetched)
    assert process.exitcode == 0 and prefetch._process is None


def test_a_store_with_records_to_verify_is_left_to_the_app(store: Path) -> None:
    assert SummaryPrefetch(store, TODAY).result() is None  # No scan cache yet.


def test_a_big_store_is_left_to_the_app(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summarize(store, TODAY)
    monkeypatch.setattr("smtrainer.workflows.summary_prefetch.LARGEST_CACHE", 1000)
    assert SummaryPrefetch(store, TODAY).result() is None


def test_a_damaged_roster_is_left_to_the_app(store: Path) -> None:
    summarize(store, TODAY)
    (store / "roster.toml").write_text("[[staff]\nbroken", encoding="utf-8")
    assert SummaryPrefetch(store, TODAY).result() is None


async def test_the_dashboard_shows_the_prefetched_summary(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarize(store, TODAY)
    prefetch = SummaryPrefetch(store, TODAY)

    def refuse(*_args: object) -> object:
        raise AssertionError("the store was scanned again in the app")

    monkeypatch.setattr("smtrainer.ui.dashboard.app.plan_scan", refuse)
    monkeypatch.setattr(record_scan, "plan_scan", refuse)
    app = DashboardApp(store, TODAY, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None and app.summary.records > 0
        assert app.statistics_of is app.summary
        assert app.screen.query_one("#staff").row_count == len(app.summary.staff)
        assert all(row.history for row in app.summary.staff if row.last_completed)
        app.screen.query_one("#staff", DataTable).focus()
        await pilot.press("enter")  # The first person's records.
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        shown = app.screen.query_one("#history", DataTable).row_count
        assert shown == max(1, len(app.screen.row.history))


async def test_unreadable_histories_leave_the_summary_to_the_app(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarize(store, TODAY)
    prefetch = SummaryPrefetch(store, TODAY)
    monkeypatch.setattr(prefetch, "histories", lambda _summary: None)
    app = DashboardApp(store, TODAY, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.summary is not None
        assert any(row.history for row in app.summary.staff)
        assert app.summary.scanned is not None  # Made here, from the scan cache.


def test_no_memory_to_share_is_left_to_the_app(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summarize(store, TODAY)

    def refuse(*_args: object) -> object:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr("smtrainer.workflows.summary_prefetch.mmap.mmap", refuse)
    assert SummaryPrefetch(store, TODAY).result() is None
