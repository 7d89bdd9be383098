"""Scanning the store's records: unchanged files come from the cache, the rest are verified on
every core, streamed in chunks so a view can show progress and fill in as results arrive."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from smtrainer import __version__
from smtrainer.domain.record_facts import (
    NO_DETAIL,
    RecordDetail,
    RecordFacts,
    Tallies,
    facts_and_detail,
)
from smtrainer.domain.record_signing import Status
from smtrainer.i18n import _, current_language, set_language
from smtrainer.storage.listing import unsafe_name
from smtrainer.storage.records import read_limited
from smtrainer.storage.scan_cache import (
    CacheEntry,
    ScanCache,
    Stamp,
    encode_detail,
    read_scan_cache,
    write_scan_cache,
)

RECORDS = "records"
RULES = f"{__version__}/3"
"""Cached verifications made under other rules (another version) are not used."""
PARALLEL_FROM = 400
"""Below this many files to verify, worker processes cost more than they save."""
CHUNK = 200
MAX_WORKERS = 8

Progress = Callable[[int, int, list[RecordFacts]], None]
"""Called with (files verified so far, files to verify, the facts just verified)."""

_detail_decoder = msgspec.msgpack.Decoder(RecordDetail)


@dataclass
class ScanPlan:
    """The record files found and which of them must be read (the others are cached)."""

    store: Path
    names: list[str] = field(default_factory=list)
    entries: dict[str, CacheEntry] = field(default_factory=dict)
    """Unchanged files' cached entries, then every verified file's."""
    stamps: dict[str, Stamp] = field(default_factory=dict)
    todo: list[tuple[str, str]] = field(default_factory=list)
    """(name, path) of the files to verify."""
    unreadable: dict[str, RecordFacts] = field(default_factory=dict)
    cached_names: int = 0
    tallies: Tallies = field(default_factory=Tallies)
    """The details of the valid records in `entries`, added up (kept up to date)."""

    @property
    def known(self) -> list[RecordFacts]:
        """The facts available now (from the cache, or verified so far), in file order."""
        return [self.entries[n].facts for n in self.names if n in self.entries] + list(
            self.unreadable.values()
        )


def decode_detail(entry: CacheEntry) -> RecordDetail:
    try:
        return _detail_decoder.decode(entry.detail)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return NO_DETAIL


@dataclass
class ScanResult:
    """Every record file's facts, in file order; the valid ones' details added up in
    `tallies`, and each record's details decoded only on request."""

    facts: list[RecordFacts]
    entries: dict[str, CacheEntry]
    tallies: Tallies

    @classmethod
    def of(cls, plan: ScanPlan) -> ScanResult:
        """What the plan knows now (during a scan: the cache and what is verified so far)."""
        return cls(plan.known, plan.entries, plan.tallies)

    def detail(self, name: str) -> RecordDetail:
        entry = self.entries.get(name)
        return NO_DETAIL if entry is None else decode_detail(entry)


def _record_files(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
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


def plan_scan(store: Path, folder: Path | None = None) -> ScanPlan:
    """Stat every record file (in `folder`, by default the store's records folder) and compare
    with the cache: cheap, reads no record. Names are relative to the store."""
    plan = ScanPlan(store)
    cache = read_scan_cache(store, RULES)
    cached = {entry.name: entry for entry in cache.entries} if cache else {}
    plan.cached_names = len(cached)
    prefix = len(str(store)) + 1
    for entry in _record_files(folder or store / RECORDS):
        name = entry.path[prefix:]
        try:
            stamp = Stamp.of(entry.stat())
        except OSError as error:
            reason = _("cannot read: {reason}").format(reason=error.strerror or error)
            plan.unreadable[name] = RecordFacts(name, Status.UNREADABLE.value, reason)
            continue
        plan.names.append(name)
        plan.stamps[name] = stamp
        hit = cached.get(name)
        if hit is not None and hit.stamp == stamp:
            plan.entries[name] = hit
        else:
            plan.todo.append((name, entry.path))
    if cache is not None:
        plan.tallies = cache.tallies
        for name, stale in cached.items():  # Changed or gone: their results no longer count.
            if stale.facts.valid and plan.entries.get(name) is not stale:
                plan.tallies.add(decode_detail(stale), -1)
    return plan


def _verify_chunk(items: list[tuple[str, str]]) -> bytes:
    """Verify files (in a worker process); the results MessagePack-encoded, to send back."""
    results = []
    for name, path in items:
        try:
            facts, detail = facts_and_detail(name, read_limited(Path(path)))
        except OSError as error:
            reason = _("cannot read: {reason}").format(reason=error.strerror or error)
            facts, detail = RecordFacts(name, Status.UNREADABLE.value, reason), NO_DETAIL
        results.append((facts, detail))
    return msgspec.msgpack.encode(results)


_chunk_decoder = msgspec.msgpack.Decoder(list[tuple[RecordFacts, RecordDetail]])


def prepare_parallel_scan() -> None:
    """Start multiprocessing's helper process now, while standard error is still the terminal.

    Worker processes need it; started later from inside a Textual app, it would be handed the
    file descriptor of Textual's replacement for standard error, which is -1, and fail.
    """
    from multiprocessing import resource_tracker

    with contextlib.suppress(OSError, ValueError):  # Without it the scan runs in one process.
        resource_tracker.ensure_running()


def _chunks(items: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _verify_stream(todo: list[tuple[str, str]]) -> Iterator[bytes]:
    """Encoded results chunk by chunk, as they are ready: on every core when there are many."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(todo) < PARALLEL_FROM or workers < 2:
        for chunk in _chunks(todo):
            yield _verify_chunk(chunk)
        return
    import multiprocessing

    done: set[int] = set()
    chunks = _chunks(todo)
    try:
        context = multiprocessing.get_context("spawn")  # Safe beside the UI's threads.
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=set_language,
            initargs=(current_language(),),
        ) as pool:
            pending: dict[Future[bytes], int] = {
                pool.submit(_verify_chunk, chunk): index for index, chunk in enumerate(chunks)
            }
            while pending:
                finished, _running = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    data = future.result()
                    done.add(index)
                    yield data
    except (OSError, ValueError, BrokenProcessPool):  # No worker processes: one is enough.
        for index, chunk in enumerate(chunks):
            if index not in done:
                yield _verify_chunk(chunk)


def run_scan(plan: ScanPlan, progress: Progress | None = None) -> ScanResult:
    """Verify what the plan says must be read, reporting each chunk; save the cache if anything
    changed; every file's facts in file order."""
    total = len(plan.todo)
    verified = 0
    for data in _verify_stream(plan.todo):
        fresh = []
        for facts, detail in _chunk_decoder.decode(data):
            plan.entries[facts.file] = CacheEntry(
                facts.file, plan.stamps[facts.file], facts, encode_detail(detail)
            )
            if facts.valid:
                plan.tallies.add(detail)
            fresh.append(facts)
        verified += len(fresh)
        if progress is not None:
            progress(verified, total, fresh)
    if total or plan.cached_names != len(plan.names):
        entries = [plan.entries[name] for name in plan.names]
        write_scan_cache(plan.store, ScanCache(RULES, entries, plan.tallies))
    return ScanResult.of(plan)


def scan_store(
    store: Path, progress: Progress | None = None, folder: Path | None = None
) -> ScanResult:
    """Every record file in the store, verified; files unchanged since the last scan (same
    size, times and inode) are not read again."""
    return run_scan(plan_scan(store, folder), progress)
