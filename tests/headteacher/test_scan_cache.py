"""The scan cache: statistics kept up to date one record at a time equal statistics made from
scratch, whatever changes; the summary does not read the per-record details."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smtrainer.storage import scan_cache
from smtrainer.workflows.summary import Summary, summarize
from tests.headteacher.conftest import TODAY


def _from_scratch(store: Path, tmp_path: Path) -> Summary:
    fresh = tmp_path / "fresh"
    shutil.copytree(store, fresh, ignore=shutil.ignore_patterns(".cache"))
    return summarize(fresh, TODAY)


def _statistics(summary: Summary) -> tuple[object, object]:
    return summary.question_results, summary.choice_counts


def test_incremental_statistics_equal_statistics_from_scratch(store: Path, tmp_path: Path) -> None:
    first = summarize(store, TODAY)
    assert first.question_results
    files = sorted((store / "records").glob("*.toml"))
    files[0].write_text(
        files[0].read_text(encoding="utf-8").replace("score_pct = ", "score_pct = 1", 1)
    )
    files[1].unlink()
    shutil.copy(files[2], store / "records" / "copy-of-a-record.toml")
    again = summarize(store, TODAY)
    assert again.invalid == first.invalid + 1
    assert _statistics(again) == _statistics(_from_scratch(store, tmp_path))
    assert _statistics(again) != _statistics(first)


def test_lost_details_are_made_again(store: Path, tmp_path: Path) -> None:
    summarize(store, TODAY)
    (store / scan_cache.DETAILS_FILE).write_bytes(b"damaged")
    victim = sorted((store / "records").glob("*.toml"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = summarize(store, TODAY)
    assert _statistics(again) == _statistics(_from_scratch(store, tmp_path))


def test_a_summary_does_not_read_the_details(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summarize(store, TODAY)

    def refuse(*_args: object) -> dict[str, object]:
        raise AssertionError("the details were read")

    monkeypatch.setattr("smtrainer.workflows.record_scan.read_detail_cache", refuse)
    summary = summarize(store, TODAY)
    assert summary.staff and summary.records


def test_a_summary_pauses_garbage_collection_only_while_it_runs_and_only_alone(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import threading

    from smtrainer.workflows import summary as summary_module

    seen: list[bool] = []
    real = summary_module.summarize_scan

    def watched(*args: object, **kwargs: object) -> Summary:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(summary_module, "summarize_scan", watched)
    with monkeypatch.context() as alone:  # As in a command, whatever else the tests started.
        alone.setattr(threading, "active_count", lambda: 1)
        summarize(store, TODAY)
    assert seen == [False] and gc.isenabled()
    beside = threading.Event()
    other = threading.Thread(target=beside.wait)
    other.start()
    try:
        summarize(store, TODAY)  # Beside a user interface's threads: never paused.
    finally:
        beside.set()
        other.join()
    assert seen == [False, True] and gc.isenabled()


@given(st.integers(min_value=0, max_value=120_000), st.integers(min_value=1, max_value=8))
def test_files_are_handed_out_once_each_in_order_in_chunks_small_at_the_end(
    count: int, workers: int
) -> None:
    from smtrainer.workflows.record_scan import (
        CHUNK,
        CHUNKS_PER_WORKER,
        LAST_CHUNKS,
        MAX_CHUNK,
        _chunks,
        chunk_size,
    )

    size = chunk_size(count, workers)
    assert CHUNK <= size <= MAX_CHUNK
    items = [(f"records/{n}.toml", f"/store/records/{n}.toml") for n in range(count)]
    chunks = _chunks(items, size)
    assert [item for chunk in chunks for item in chunk] == items
    assert all(0 < len(chunk) <= size for chunk in chunks)
    assert sum(map(len, chunks[-LAST_CHUNKS:])) <= size  # The workers end close together.
    if size > CHUNK:  # Larger than the least only when each worker still gets enough.
        assert len(chunks) >= workers * CHUNKS_PER_WORKER
