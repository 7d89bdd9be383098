"""The dashboard paints at once and fills in while records are verified: a progress line while
the scan runs, the same tables as the summary once it is done."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtrainer.ui.dashboard.app import DashboardApp
from smtrainer.ui.widgets import Plain
from smtrainer.workflows import record_scan
from smtrainer.workflows.summary import summarize
from tests.headteacher.conftest import TODAY


async def test_cold_store_shows_progress_then_everything(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_scan, "CHUNK", 10)
    seen: list[str] = []
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.summary is None or app.scan_progress is not None or not seen:
            await pilot.pause(0.01)
            label = app.screen.query("#scan-progress")
            if label and app.scan_progress is not None:
                seen.append(str(label.first(Plain).render()))
            if app.summary is not None and app.scan_progress is None and seen:
                break
            if not any(w.is_running for w in app.workers) and app.scan_progress is None:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Verified" in text and "records" in text for text in seen), seen
        assert app.summary is not None and app.scan_progress is None
        assert not app.screen.query_one("#scan-progress", Plain).display
        expected = summarize(store, TODAY)
        assert app.summary.records == expected.records
        assert [r.status for r in app.summary.staff] == [r.status for r in expected.staff]
        assert app.summary.question_results == expected.question_results


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
