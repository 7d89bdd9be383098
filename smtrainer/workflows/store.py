"""The head teacher's store: collected records, verified once and remembered by file."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from smtrainer.domain.record import verification_code
from smtrainer.domain.record_signing import Status, verify_record_bytes
from smtrainer.domain.record_v2 import first_questions, walked_steps
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.listing import unsafe_name
from smtrainer.storage.paths import data_dir
from smtrainer.storage.records import read_limited

RECORDS = "records"
CACHE = Path(".cache") / "scan-v1.json"


def default_store() -> Path:
    return data_dir() / "store"


@dataclass(frozen=True)
class RecordFacts:
    """What the head teacher's views need from one record file, after verification."""

    file: str
    status: str
    reason: str = ""
    record_id: str = ""
    staff_id: str = ""
    staff_name: str = ""
    staff_role: str = ""
    policy_id: str = ""
    language: str = ""
    completed_at: str = ""
    passed: bool = False
    score_pct: int = 0
    refresher_due: str = ""
    fingerprint: str = ""
    public_key: str = ""
    outcomes: str = ""
    """Assessment results as ``question:1,question:0,…`` (1 right, 0 wrong)."""
    choices: str = ""
    """Scenario steps walked as ``scenario/step/choice/verdict,…``."""
    digest: str = ""
    """Identifies the signed content, to tell copies of a record from a conflicting one."""

    @property
    def valid(self) -> bool:
        return self.status == Status.VALID.value


def facts_of(file: str, data: bytes) -> RecordFacts:
    result = verify_record_bytes(data)
    record = result.record
    if record is None:
        return RecordFacts(file, result.status.value, result.reason)
    outcomes = ",".join(
        f"{q.question}:{1 if q.outcome == 'correct' else 0}" for q in first_questions(record)
    )
    choices = ",".join(
        f"{c.scenario}/{c.step}/{c.choice}/{c.verdict}" for c in walked_steps(record)
    )
    return RecordFacts(
        file=file,
        status=result.status.value,
        record_id=record["record_id"],
        staff_id=record["staff_id"],
        staff_name=record["staff_name"],
        staff_role=record["staff_role"],
        policy_id=record["policy_id"],
        language=record["language"],
        completed_at=record["completed_at"],
        passed=record["passed"],
        score_pct=record["score_pct"],
        refresher_due=record["refresher_due"],
        fingerprint=result.fingerprint or "",
        public_key=result.public_key or "",
        outcomes=outcomes,
        choices=choices,
        digest=verification_code(record),
    )


def _verify_paths(items: list[tuple[str, str]]) -> list[RecordFacts]:
    facts = []
    for name, path in items:
        try:
            facts.append(facts_of(name, read_limited(Path(path))))
        except OSError as error:
            reason = _("cannot read: {reason}").format(reason=error.strerror or error)
            facts.append(RecordFacts(name, Status.UNREADABLE.value, reason))
    return facts


PARALLEL_FROM = 400
"""Below this many files to verify, worker processes cost more than they save."""
CHUNK = 250


def _verify_all(items: list[tuple[str, str]]) -> list[RecordFacts]:
    """Verify files, on every core when there are many (each file is independent)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return _verify_paths(items)
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    context = multiprocessing.get_context("spawn")  # Safe beside the UI's threads.
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [fact for chunk in pool.map(_verify_paths, chunks) for fact in chunk]
    except (OSError, BrokenProcessPool):
        return _verify_paths(items)


def _record_files(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        # The rule of storage.listing, as collect applies it: links, hidden files and names
        # that cannot be stored or shown safely are never read.
        if entry.is_symlink() or entry.name.startswith(".") or unsafe_name(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _record_files(Path(entry.path))
        elif entry.name.endswith(".toml"):
            yield entry


def _cached_facts(hit: Any, stamp: list[int]) -> RecordFacts | None:
    """The cached facts of a file whose size and time are `stamp`; None for anything else,
    including a cache entry of the wrong shape."""
    try:
        if hit[0] == stamp:
            return RecordFacts(**hit[1])
    except (TypeError, KeyError, IndexError):
        pass
    return None


def scan(store: Path) -> list[RecordFacts]:
    """Every record file in the store, verified; files unchanged since the last scan are not
    read again (the cache knows them by name, size and modification time)."""
    folder = store / RECORDS
    cache_path = store / CACHE
    try:
        cached: dict[str, Any] = json.loads(cache_path.read_text(encoding="utf-8"))
        if not isinstance(cached, dict):
            cached = {}
    except (OSError, ValueError):
        cached = {}
    fresh: dict[str, Any] = {}
    found: dict[str, RecordFacts] = {}
    stamps: dict[str, list[int]] = {}
    to_read: list[tuple[str, str]] = []
    for entry in _record_files(folder):
        name = os.path.relpath(entry.path, store)
        try:
            info = entry.stat()
        except OSError as error:
            found[name] = RecordFacts(name, Status.UNREADABLE.value, str(error))
            continue
        stamps[name] = [info.st_size, info.st_mtime_ns]
        hit = _cached_facts(cached.get(name), stamps[name])
        if hit is not None:
            found[name] = hit
        else:
            found[name] = RecordFacts(name, "")  # Placeholder, keeps the order of files.
            to_read.append((name, entry.path))
    for fact in _verify_all(to_read):
        found[fact.file] = fact
    for name, fact in found.items():
        if name in stamps:
            fresh[name] = [stamps[name], asdict(fact)]
    facts = list(found.values())
    if fresh != cached:
        with contextlib.suppress(StorageError):  # Without a cache the next run is only slower.
            atomic_write(
                cache_path, json.dumps(fresh, ensure_ascii=False).encode("utf-8"), sync=False
            )
    return facts
