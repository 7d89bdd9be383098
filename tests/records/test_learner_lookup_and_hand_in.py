"""The learner's slow operations, made bounded: the last-record lookup reads through the scan
index, and handing in to a shared folder that hangs gives up in time (the record waits)."""

from __future__ import annotations

import importlib.util
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain.progress import Identity
from smtrainer.domain.record_signing import sign_record
from smtrainer.storage import records as records_module
from smtrainer.storage.records import record_file_name, record_text, save_record
from smtrainer.workflows import record_scan
from smtrainer.workflows.finish import last_record

ROOT = Path(__file__).resolve().parents[2]
ZOE = Identity("Zoé Lefèvre", "teacher", "S-0042")


def _template() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(
        "make_record_vectors", ROOT / "scripts" / "make_record_vectors.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.RECORD_V2)


def _keep(folder: Path, key: Ed25519PrivateKey, completed_at: str, **changes: Any) -> Path:
    record = {**_template(), "record_id": str(uuid.uuid4()), "completed_at": completed_at}
    record.update(changes)
    text = record_text(record, sign_record(record, key))
    return save_record(record_file_name(record), text, local=folder).local


def test_last_record_is_found_through_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data" / "records"
    key = Ed25519PrivateKey.generate()
    _keep(folder, key, "2027-11-20T10:40:00Z")
    newest = _keep(folder, key, "2027-12-01T10:40:00Z")
    _keep(folder, key, "2027-12-05T10:40:00Z", staff_id="S-0099")  # someone else
    found = last_record("kingsworth", ZOE, folder)
    assert found is not None and found["completed_at"] == "2027-12-01T10:40:00Z"

    reads: list[int] = []
    verify_chunk = record_scan._verify_chunk

    def counting(items: list[tuple[str, str]]) -> bytes:
        reads.append(len(items))
        return verify_chunk(items)

    monkeypatch.setattr(record_scan, "_verify_chunk", counting)
    assert last_record("kingsworth", ZOE, folder) is not None
    assert reads == [], "unchanged records are not read again"
    later = _keep(folder, key, "2028-01-02T10:40:00Z")
    found = last_record("kingsworth", ZOE, folder)
    assert found is not None and found["completed_at"] == "2028-01-02T10:40:00Z"
    assert reads == [1], "only the new record is read"
    assert newest.exists() and later.exists()


def test_a_record_damaged_after_indexing_is_not_returned(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "records"
    key = Ed25519PrivateKey.generate()
    _keep(folder, key, "2027-11-20T10:40:00Z")
    newest = _keep(folder, key, "2027-12-01T10:40:00Z")
    assert last_record("kingsworth", ZOE, folder) is not None
    text = newest.read_text(encoding="utf-8").replace("score_pct = 80", "score_pct = 99", 1)
    newest.write_text(text, encoding="utf-8")
    found = last_record("kingsworth", ZOE, folder)
    assert found is not None and found["completed_at"] == "2027-11-20T10:40:00Z"


def test_a_shared_folder_that_hangs_leaves_the_record_in_the_outbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "share"
    shared.mkdir()
    release = threading.Event()
    real_is_dir = Path.is_dir

    def hanging_is_dir(path: Path) -> bool:
        if path == shared:
            release.wait(30)  # A network folder that does not answer.
        return real_is_dir(path)

    monkeypatch.setattr(Path, "is_dir", hanging_is_dir)
    monkeypatch.setattr(records_module, "HAND_IN_SECONDS", 0.3)
    started = time.monotonic()
    delivery = save_record(
        "r.toml", "x = 1\n", local=tmp_path / "local", shared=shared, outbox=tmp_path / "outbox"
    )
    elapsed = time.monotonic() - started
    release.set()
    assert elapsed < 2, "the hand-in gives up after HAND_IN_SECONDS"
    assert delivery.shared is None and delivery.outbox == tmp_path / "outbox" / "r.toml"
    assert delivery.problem and "did not answer" in delivery.problem
    assert (tmp_path / "local" / "r.toml").read_text(encoding="utf-8") == "x = 1\n"
