"""The scan's worker processes: started while the records are listed when every file is to be
verified, handed the caller's work `ahead` before any record, and the summary's roster parsed
there rather than in the process that gathers the results."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

from smtrainer.storage import roster as roster_storage
from smtrainer.storage.roster import RosterError, cache_roster, load_roster
from smtrainer.workflows import record_scan
from smtrainer.workflows.summary import summarize
from tests.headteacher.conftest import TODAY


def _note_process(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="utf-8")


def _fail() -> None:
    raise OSError("the work ahead failed")


def _records(store: Path) -> int:
    return len(list((store / "records").glob("*.toml")))


def test_with_no_cache_the_workers_start_while_the_records_are_listed(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_plan = record_scan._plan

    def planned(*args: object) -> record_scan.ScanPlan:
        plan = real_plan(*args)  # type: ignore[arg-type]
        events.append("listed")
        return plan

    monkeypatch.setattr(record_scan, "PARALLEL_FROM", 10)
    monkeypatch.setattr(record_scan, "_start_early", lambda: events.append("started"))
    monkeypatch.setattr(record_scan, "_plan", planned)
    first = record_scan.scan_store(store)
    assert events == ["started", "listed"]
    events.clear()
    again = record_scan.scan_store(store)  # A cache: whatever changed is found in the listing.
    assert events == ["listed"]
    assert again.facts == first.facts and len(first.facts) == _records(store)


def test_a_small_folder_starts_no_workers(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", _records(store) + 10)
    monkeypatch.setattr(record_scan, "_start_early", lambda: started.append(True))
    assert len(record_scan.scan_store(store).facts) == _records(store)
    assert started == []


@pytest.mark.slow
def test_work_ahead_is_done_on_a_worker_before_meanwhile(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "ahead.txt"
    seen: list[str] = []
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", 10)
    result = record_scan.scan_store(
        store,
        meanwhile=lambda: seen.append(note.read_text(encoding="utf-8")),
        ahead=functools.partial(_note_process, note),
    )
    assert len(seen) == 1 and seen[0] != str(os.getpid())
    assert len(result.facts) == _records(store)


@pytest.mark.slow
def test_work_ahead_that_fails_is_left_to_meanwhile(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", 10)
    result = record_scan.scan_store(store, meanwhile=lambda: seen.append(True), ahead=_fail)
    assert seen == [True] and len(result.facts) == _records(store)


@pytest.mark.slow
def test_the_summary_has_its_roster_parsed_on_a_worker(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = summarize(store, TODAY)
    shutil.rmtree(store / ".cache")
    parsed_here: list[bool] = []
    real_parse = roster_storage._parse

    def parse(*args: object) -> object:
        parsed_here.append(os.getpid() == here)
        return real_parse(*args)  # type: ignore[arg-type]

    here = os.getpid()
    monkeypatch.setattr(record_scan, "PARALLEL_FROM", 10)
    monkeypatch.setattr(roster_storage, "_parse", parse)  # Forked workers have it too.
    again = summarize(store, TODAY)
    assert True not in parsed_here  # Never in this process (a spawned worker records nothing).
    assert (store / roster_storage.PARSED_ROSTER).is_file()
    assert [row.status for row in again.staff] == [row.status for row in fresh.staff]


def test_preparing_a_damaged_roster_leaves_the_error_to_loading_it(store: Path) -> None:
    (store / roster_storage.ROSTER_FILE).write_text("[[staff]\n", encoding="utf-8")
    cache_roster(store)  # Says nothing.
    assert not (store / roster_storage.PARSED_ROSTER).exists()
    with pytest.raises(RosterError):
        load_roster(store)
