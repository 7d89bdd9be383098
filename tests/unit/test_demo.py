"""The demo school: the same seed gives the same bytes, in one process or on several."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.domain.model import Policy
from smtrainer.domain.record_signing import verify_record_bytes
from smtrainer.storage.atomic import StorageError
from smtrainer.workflows import demo_writer
from smtrainer.workflows.demo import build_demo
from smtrainer.workflows.demo_writer import DemoWorkerError, RecordWriter

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def policies() -> dict[str, Policy]:
    return load_policy_set(None, "kingsworth").policies


def _files(folder: Path) -> dict[str, str]:
    """Every file under `folder` by its relative path, as a digest of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _school(out: Path, policies: dict[str, Policy], seed: int, workers: int) -> dict[str, str]:
    summary = build_demo(out, policies, staff=14, years=3, seed=seed, today=TODAY, workers=workers)
    files = _files(out)
    assert len([name for name in files if name.startswith("records/")]) == summary.records
    return files


def test_the_same_seed_gives_the_same_school(tmp_path: Path, policies: dict[str, Policy]) -> None:
    first = _school(tmp_path / "a", policies, seed=4, workers=1)
    assert {"staff.csv", "roster.toml", "allowed_signers"} <= set(first)
    assert _school(tmp_path / "b", policies, seed=4, workers=1) == first
    assert _school(tmp_path / "c", policies, seed=5, workers=1) != first


@pytest.mark.slow
def test_several_processes_write_the_same_bytes_as_one(
    tmp_path: Path, policies: dict[str, Policy], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_writer, "BATCH", 7)  # Many small batches, shared between workers.
    one = _school(tmp_path / "one", policies, seed=8, workers=1)
    several = _school(tmp_path / "several", policies, seed=8, workers=2)
    assert several == one
    for name in list(several)[:5]:
        if name.startswith("records/"):
            assert verify_record_bytes((tmp_path / "several" / name).read_bytes()).valid


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_a_record_that_cannot_be_written_is_a_storage_error(
    tmp_path: Path, policies: dict[str, Policy], workers: int
) -> None:
    out = tmp_path / "school"
    out.mkdir()
    (out / "records").write_text("a file where the records folder should be")
    with pytest.raises(StorageError) as caught:
        build_demo(out, policies, staff=6, years=2, seed=1, today=TODAY, workers=workers)
    assert out / "records" in (caught.value.path, caught.value.path.parent)  # Named.
    assert not (out / "staff.csv").exists()


@pytest.mark.slow
def test_workers_that_die_are_a_typed_error(tmp_path: Path) -> None:
    record = {"schema": "not-a-record"}
    with RecordWriter(tmp_path, seed=1, workers=2) as writer:
        pool = writer._pool
        assert pool is not None
        pool.submit(pow, 2, 2).result()  # The workers are running.
        for process in list(pool._processes.values()):
            process.kill()
            process.join()
        with pytest.raises(DemoWorkerError, match="stopped"):
            writer.add("S-0001", record)
            writer.finish()
