"""Writing records: many writers at once, writers killed mid-write, unreachable or full folders."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from smtrainer.domain.record_signing import verify_record_bytes
from smtrainer.domain.record_status import Status
from smtrainer.storage import atomic
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.records import deliver_outbox, save_record

WRITER = Path(__file__).with_name("writer_process.py")
VALID = Path(__file__).resolve().parents[1] / "data" / "records" / "valid.toml"


def writer(folder: Path, count: int, tag: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(count), tag],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def statuses(folder: Path) -> list[Status]:
    return [verify_record_bytes(p.read_bytes()).status for p in sorted(folder.glob("*.toml"))]


@pytest.mark.slow
def test_twenty_processes_writing_at_once_leave_twenty_valid_records(tmp_path: Path) -> None:
    processes = [writer(tmp_path, 1, f"P{n}") for n in range(20)]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert statuses(tmp_path) == [Status.VALID] * 20
    assert not list(tmp_path.glob(".*.tmp")), "temporary files left behind"


@pytest.mark.slow
def test_writers_killed_at_random_never_leave_a_partial_record(tmp_path: Path) -> None:
    rng = random.Random(4)
    for round_number in range(20):
        process = writer(tmp_path, 200, f"K{round_number}")
        time.sleep(rng.uniform(0.25, 0.9))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    found = statuses(tmp_path)
    assert found, "no writer got as far as one record; the test proves nothing"
    assert set(found) == {Status.VALID}


def _record_text() -> str:
    return VALID.read_text(encoding="utf-8")


def test_unreachable_shared_folder_keeps_the_record_in_the_outbox(tmp_path: Path) -> None:
    local, outbox, shared = tmp_path / "local", tmp_path / "outbox", tmp_path / "share"
    delivery = save_record("r.toml", _record_text(), local=local, shared=shared, outbox=outbox)
    assert delivery.local == local / "r.toml"
    assert delivery.shared is None
    assert delivery.outbox == outbox / "r.toml"
    assert "not reachable" in (delivery.problem or "")
    shared.mkdir()
    delivered, problems = deliver_outbox(shared, outbox)
    assert delivered == [shared / "r.toml"]
    assert problems == []
    assert not (outbox / "r.toml").exists()
    assert verify_record_bytes((shared / "r.toml").read_bytes()).status is Status.VALID


def _failing_mkstemp(folder: Path, code: int, text: str):  # type: ignore[no-untyped-def]
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(kwargs.get("dir", "")) == folder:
            raise OSError(code, text)
        return real(*args, **kwargs)

    return mkstemp


def test_read_only_shared_folder_gives_a_clear_message_and_keeps_the_local_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local, outbox, shared = tmp_path / "local", tmp_path / "outbox", tmp_path / "share"
    shared.mkdir()
    monkeypatch.setattr(
        atomic.tempfile, "mkstemp", _failing_mkstemp(shared, errno.EROFS, "Read-only file system")
    )
    delivery = save_record("r.toml", _record_text(), local=local, shared=shared, outbox=outbox)
    assert delivery.problem is not None
    assert "the disk is read-only" in delivery.problem
    assert str(shared) in delivery.problem
    assert (local / "r.toml").read_text(encoding="utf-8") == _record_text()
    assert (outbox / "r.toml").exists()


def test_full_disk_is_reported_and_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int) -> None:
            self.handle = real_fdopen(fd, "wb")

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: FullDisk(fd))
    with pytest.raises(StorageError) as error:
        save_record("r.toml", _record_text(), local=tmp_path)
    assert error.value.reason == "no space left on the disk"
    assert list(tmp_path.iterdir()) == []


def test_an_existing_record_is_never_replaced(tmp_path: Path) -> None:
    save_record("r.toml", _record_text(), local=tmp_path)
    with pytest.raises(StorageError):
        save_record("r.toml", "something else", local=tmp_path)
    assert (tmp_path / "r.toml").read_text(encoding="utf-8") == _record_text()


def test_deliver_command_hands_in_the_outbox(isolated: Path, tmp_path: Path) -> None:
    from smtrainer.cli.main import main
    from smtrainer.storage.records import outbox_dir
    from smtrainer.storage.settings import load_settings

    save_record("r.toml", _record_text(), local=tmp_path / "local", shared=tmp_path / "absent")
    assert (outbox_dir() / "r.toml").exists()
    assert main(["deliver"]) == 2
    share = tmp_path / "share"
    assert main(["deliver", "--to", str(share)]) == 1
    assert (outbox_dir() / "r.toml").exists()
    share.mkdir()
    assert main(["deliver"]) == 0
    assert (share / "r.toml").read_text(encoding="utf-8") == _record_text()
    assert not (outbox_dir() / "r.toml").exists()
    assert load_settings().shared_folder == str(share)
