"""Scanning the store's records: unchanged files come from the cache, the rest are verified on
every core, streamed in chunks so a view can show progress and fill in as results arrive."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib
import itertools
import operator
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from smtrainer import __version__
from smtrainer.domain.inert_text import shown_name
from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.record_facts import (
    NO_DETAIL,
    RecordDetail,
    RecordFacts,
    Tallies,
)
from smtrainer.domain.record_status import Status
from smtrainer.i18n import _, current_language, set_language
from smtrainer.storage.listing import (
    MAX_DEPTH,
    RECORD_SUFFIX,
    RECORDS,
    SKIP_REASONS,
    Skipped,
    unsafe_name,
)
from smtrainer.storage.scan_cache import (
    CACHE_FILE,
    CacheEntry,
    DetailEntry,
    ScanCache,
    Stamp,
    encode_detail,
    read_detail_cache,
    read_scan_cache,
    read_scan_index,
    write_detail_cache,
    write_scan_cache,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

RULES = f"{__version__}/11"
"""Cached verifications made under other rules (another version) are not used."""
PARALLEL_FROM = 400
"""Below this many files to verify, worker processes cost more than they save."""
CHUNK = 100
"""The fewest files a worker verifies at a time."""
MAX_CHUNK = 500
CHUNKS_PER_WORKER = 25
"""Each worker gets at least this many chunks (so that progress moves smoothly and the cores
finish together), each as large as that allows between CHUNK and MAX_CHUNK files: every chunk
also costs the gathering process some work (its results taken in, its tallies added)."""
LAST_CHUNKS = 4
"""The last this many chunks' files go in chunks this many times smaller."""
MAX_WORKERS = 8

Progress = Callable[[int, int, list[RecordFacts]], None]
"""Called with (files verified so far, files to verify, the facts just verified)."""

_detail_decoder = msgspec.msgpack.Decoder(RecordDetail)


class Details:
    """Each record's details: those just verified in memory, the others in the details cache,
    read once, on first need (a summary never needs it)."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.fresh: dict[str, DetailEntry] = {}
        self._cached: dict[str, DetailEntry] | None = None

    def cached(self) -> dict[str, DetailEntry]:
        if self._cached is None:
            self._cached = read_detail_cache(self.store, RULES)
        return self._cached

    def entry(self, name: str, stamp: Stamp) -> DetailEntry | None:
        found = self.fresh.get(name) or self.cached().get(name)
        return found if found is not None and found.stamp == stamp else None

    def get(self, name: str, stamp: Stamp) -> RecordDetail | None:
        found = self.entry(name, stamp)
        if found is None:
            return None
        try:
            return _detail_decoder.decode(found.detail)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None


@dataclass
class ScanPlan:
    """The record files found and which of them must be read (the others are cached)."""

    store: Path
    names: list[str] = field(default_factory=list)
    entries: dict[str, CacheEntry] = field(default_factory=dict)
    """Unchanged files' cached entries, then every verified file's."""
    todo: list[tuple[str, str]] = field(default_factory=list)
    """(name, path) of the files to verify."""
    unreadable: dict[str, RecordFacts] = field(default_factory=dict)
    refused: list[RecordFacts] = field(default_factory=list)
    """Files named as records left alone (links, not regular files, unsafe names): listed
    again at each scan, never cached."""
    cached_names: int = 0
    generation: str | None = None
    """The scan cache's token once every file's facts are known and saved under it."""
    tallies: Tallies | None = field(default_factory=Tallies)
    """The details of the valid records in `entries`, added up (kept up to date); None when
    they must be added up again (a details cache that was lost)."""
    details: Details | None = None
    language: str = field(default_factory=current_language)
    """The language of the reasons of the files verified (the session's when planned)."""

    @property
    def known(self) -> list[RecordFacts]:
        """The facts available now (from the cache, or verified so far), in file order."""
        return [
            *(self.entries[n].facts for n in self.names if n in self.entries),
            *self.unreadable.values(),
            *self.refused,
        ]


@dataclass
class ScanResult:
    """Every record file's facts, in file order; the valid ones' details added up in
    `tallies`, and each record's details read only on request."""

    facts: list[RecordFacts]
    entries: dict[str, CacheEntry]
    tallies: Tallies
    details: Details
    store: Path | None = None
    generation: str | None = None
    """Set when these are all the store's facts, exactly as saved in the scan cache under this
    token (None during a scan, or when the cache could not be trusted or saved), besides the
    files left alone (`refused`)."""
    refused: list[RecordFacts] = field(default_factory=list)

    @classmethod
    def of(cls, plan: ScanPlan) -> ScanResult:
        """What the plan knows now (during a scan: the cache and what is verified so far)."""
        assert plan.details is not None
        if plan.tallies is None:
            plan.tallies = _add_up(plan)
        return cls(
            plan.known,
            plan.entries,
            plan.tallies,
            plan.details,
            plan.store,
            plan.generation,
            plan.refused,
        )

    @property
    def facts_key(self) -> str | None:
        """Names these facts exactly (see `facts_key`); None when `generation` is None."""
        return facts_key(self.generation, self.refused)

    def detail(self, name: str) -> RecordDetail:
        entry = self.entries.get(name)
        if entry is None:
            return NO_DETAIL
        return _detail_of(self.details, entry)


def facts_key(generation: str | None, refused: list[RecordFacts]) -> str | None:
    """A key that names a store's facts exactly, for what is kept from them: the scan cache's
    generation, and which files were left alone at listing and why (they are not cached).
    None with no generation."""
    if generation is None or not refused:
        return generation
    digest = hashlib.blake2b(msgspec.msgpack.encode(refused), digest_size=16).hexdigest()
    return f"{generation}+{digest}"


def _detail_of(details: Details, entry: CacheEntry) -> RecordDetail:
    """A record's details from the caches, or (when they were lost) from the file again."""
    found = details.get(entry.name, entry.stamp)
    if found is not None:
        return found
    from smtrainer.domain.record_reading import facts_and_detail
    from smtrainer.domain.record_signing import MAX_RECORD_BYTES
    from smtrainer.storage.listing import read_no_follow

    try:
        data, _info = read_no_follow(details.store / entry.name, MAX_RECORD_BYTES)
        facts, detail = facts_and_detail(entry.name, data)
    except OSError:
        return NO_DETAIL
    return detail if facts.digest == entry.facts.digest else NO_DETAIL


def _add_up(plan: ScanPlan) -> Tallies:
    assert plan.details is not None
    tallies = Tallies()
    for entry in plan.entries.values():
        if entry.facts.valid:
            tallies.add(_detail_of(plan.details, entry))
    return tallies


@dataclass(frozen=True)
class Listing:
    """The store's record files listed (each entry keeps what `stat` said of it once asked),
    and the scan cache's generation when they are exactly the files it knows, each as it
    knows it (None otherwise)."""

    files: list[os.DirEntry[str]]
    unchanged: str | None = None
    refused: list[RecordFacts] = field(default_factory=list)
    """The files named as records that are left alone (see `ScanPlan.refused`)."""

    @property
    def facts_key(self) -> str | None:
        """`facts_key` of the facts the cache holds, when they are all the files listed."""
        return facts_key(self.unchanged, self.refused)


class _EarlyStart:
    """Starts the worker processes as soon as a listing has found enough entries to need them,
    so that they get ready while it goes on: for a scan with no cache (every record file found
    is to be verified), in a command (forking is cheap; beside a user interface workers start
    afresh, and later)."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        self.entries = 0
        self.tried = False

    def seen(self, entries: int) -> None:
        self.entries += entries
        if not self.tried and self.entries >= PARALLEL_FROM:
            self.tried = True
            self.pool = _start_early()

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False)


def _record_files(
    folder: str,
    depth: int = 0,
    early: _EarlyStart | None = None,
    refused: list[tuple[str, Skipped]] | None = None,
) -> list[os.DirEntry[str]]:
    """The record files below `folder`, sorted by name, following the rule of storage.listing
    (as collect applies it): links, hidden files, files that are not regular files (a named
    pipe would never end its read), folders too deep and names that cannot be stored or shown
    safely are never read. Nothing is asked of the file system beyond the listing. Each file
    named as a record that is left alone for being a link, not a regular file or unsafely
    named is added to `refused` with why (hidden files are left alone in silence: a program
    writing a file may hide it until it is whole)."""
    try:
        with os.scandir(folder) as listing:
            found = list(listing)
    except OSError:
        return []
    if early is not None:
        early.seen(len(found))
    found.sort(key=_name)
    files = []
    for entry in found:
        name = entry.name
        if name.startswith("."):
            continue
        if unsafe_name(name):
            if refused is not None and name.endswith(RECORD_SUFFIX):
                refused.append((entry.path, Skipped.UNSAFE_NAME))
            continue
        # Neither test follows a link: a link is neither a file nor a folder here.
        if entry.is_file(follow_symlinks=False):
            if name.endswith(RECORD_SUFFIX):
                files.append(entry)
        elif depth < MAX_DEPTH and entry.is_dir(follow_symlinks=False):
            files += _record_files(entry.path, depth + 1, early, refused)
        elif refused is not None and name.endswith(RECORD_SUFFIX):
            if entry.is_symlink():
                refused.append((entry.path, Skipped.LINK))
            elif not entry.is_dir(follow_symlinks=False):  # A folder too deep is left unsaid.
                refused.append((entry.path, Skipped.NOT_REGULAR))
    return files


def _refused_facts(store: Path, refused: list[tuple[str, Skipped]]) -> list[RecordFacts]:
    """The files left alone (see `_record_files`) as unreadable records, named as shown (a
    name that needed escaping quoted), saying why they are not read."""
    prefix = len(str(store)) + 1
    unreadable = Status.UNREADABLE.value
    return [
        RecordFacts(shown_name(path[prefix:]), unreadable, _(SKIP_REASONS[why]))
        for path, why in refused
    ]


_name = operator.attrgetter("name")


def plan_scan(store: Path, folder: Path | None = None) -> ScanPlan:
    """List every record file (in `folder`, by default the store's records folder) and compare
    with the cache: cheap, reads no record, and asks the status only of files in the cache (a
    file the cache does not know is read anyway). Names are relative to the store."""
    return _plan(store, folder, read_scan_cache(store, RULES))


def _plan(
    store: Path,
    folder: Path | None,
    cache: ScanCache | None,
    early: _EarlyStart | None = None,
    listing: Listing | None = None,
) -> ScanPlan:
    plan = ScanPlan(store, details=Details(store))
    language = plan.language
    if listing is not None:
        plan.refused = listing.refused
    if cache is not None and listing is not None and listing.unchanged == cache.generation:
        plan.entries = {entry.facts.file: entry for entry in cache.entries}  # Compared already.
        plan.names = list(plan.entries)
        plan.cached_names = len(plan.names)
        plan.tallies = cache.tallies
        plan.generation = cache.generation
        return plan
    cached = {entry.facts.file: entry for entry in cache.entries} if cache else {}
    plan.cached_names = len(cached)
    # A file's reason (why it cannot be trusted) in another language is made again.
    other_language = cache is not None and cache.language != language

    prefix = len(str(store)) + 1
    names, entries, todo = plan.names, plan.entries, plan.todo
    if listing is not None:
        files = listing.files
    else:
        refused: list[tuple[str, Skipped]] = []
        files = _record_files(str(folder or store / RECORDS), early=early, refused=refused)
        plan.refused = _refused_facts(store, refused)
    for entry in files:
        name = entry.path[prefix:]
        names.append(name)
        hit = cached.get(name)
        if (
            hit is not None
            and _same_stamp(hit.stamp, entry)
            and not (other_language and hit.facts.reason)
        ):
            entries[name] = hit
            continue
        todo.append((name, entry.path))
    if cache is not None:
        plan.tallies = cache.tallies
        if todo or len(entries) != len(cached):
            _take_away_stale(plan, cached)
        else:
            plan.generation = cache.generation
    return plan


def _same_stamp(known: Stamp, entry: os.DirEntry[str]) -> bool:
    """Whether a file listed is as the cache knows it (asked of the file system once: the
    listing's entry keeps the answer)."""
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return (
        known.size == info.st_size
        and known.mtime_ns == info.st_mtime_ns
        and known.ctime_ns == info.st_ctime_ns
        and known.inode == info.st_ino
    )


def list_records(store: Path) -> Listing | None:
    """The store's record files, compared with the scan cache by name and status (reading
    only the cache's names and stamps, not the facts); None when there is no cache: a scan
    with none lists the files itself, starting its workers meanwhile."""
    index = read_scan_index(store, RULES)
    if index is None:
        return None
    skipped: list[tuple[str, Skipped]] = []
    files = _record_files(str(store / RECORDS), refused=skipped)
    refused = _refused_facts(store, skipped)
    if len(index.entries) != len(files):
        return Listing(files, refused=refused)
    prefix = len(str(store)) + 1
    other_language = index.language != current_language()
    for entry, known in zip(files, index.entries, strict=True):
        if entry.path[prefix:] != known.name or not _same_stamp(known.stamp, entry):
            return Listing(files, refused=refused)
        if other_language and known.reason:
            # Its reason is said again in the session's language.
            return Listing(files, refused=refused)
    return Listing(files, index.generation, refused)


def _take_away_stale(plan: ScanPlan, cached: dict[str, CacheEntry]) -> None:
    """Take the details of valid cached records that changed or went out of the tallies."""
    assert plan.tallies is not None and plan.details is not None
    valid = Status.VALID.value
    for name, stale in cached.items():
        if stale.facts.status == valid and plan.entries.get(name) is not stale:
            detail = plan.details.get(name, stale.stamp)
            if detail is None:
                plan.tallies = None  # Lost: added up again from every record.
                return
            plan.tallies.add(detail, -1)


class ChunkResult(msgspec.Struct, array_like=True):
    """What a worker sends back for a chunk of files: each file's facts with its details
    (already encoded, stored as they are) and its status when read (None when it could not be
    read: it is then not cached), and the valid records' details added up."""

    results: list[tuple[RecordFacts, msgspec.Raw, Stamp | None]]
    tallies: Tallies


def _verify_chunk(items: list[tuple[str, str]]) -> bytes:
    """Verify files (in a worker process); the results MessagePack-encoded, to send back."""
    from smtrainer.domain.record_reading import facts_and_detail
    from smtrainer.domain.record_signing import MAX_RECORD_BYTES
    from smtrainer.storage.listing import read_no_follow

    results: list[tuple[RecordFacts, msgspec.Raw, Stamp | None]] = []
    valid = []
    for name, path in items:
        try:
            data, info = read_no_follow(path, MAX_RECORD_BYTES)
        except OSError as error:
            reason = _("cannot read: {reason}").format(reason=os_reason(error))
            facts = RecordFacts(name, Status.UNREADABLE.value, reason)
            results.append((facts, encode_detail(NO_DETAIL), None))
            continue
        facts, detail = facts_and_detail(name, data)
        if facts.valid:
            valid.append(detail)
        stamp = Stamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        results.append((facts, encode_detail(detail), stamp))
    return msgspec.msgpack.encode(ChunkResult(results, Tallies.of(valid)))


_chunk_decoder = msgspec.msgpack.Decoder(ChunkResult)


def prepare_parallel_scan() -> None:
    """Start multiprocessing's helper process now, while standard error is still the terminal.

    Worker processes need it; started later from inside a Textual app, it would be handed the
    file descriptor of Textual's replacement for standard error, which is -1, and fail.
    """
    from multiprocessing import resource_tracker

    with contextlib.suppress(OSError, ValueError):  # Without it the scan runs in one process.
        resource_tracker.ensure_running()


def _start_worker(language: str) -> None:
    """A worker process's start: the session's language, the verification's modules, and no
    cyclic garbage collection (a verification makes no reference cycles, even of a hostile
    file, and a worker lasts one scan: collecting would only walk its objects again and
    again)."""
    set_language(language)
    for module in ("smtrainer.domain.record_reading", "smtrainer.storage.listing"):
        importlib.import_module(module)
    gc.disable()
    gc.freeze()


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a command scans and sums up: it makes many objects
    that last and hold no cycles, which each collection would walk again. They are then left
    out of later collections too (they are still freed when no longer used). Only in a process
    of one thread (a command), never beside a user interface."""
    if threading.active_count() > 1 or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def chunk_size(files: int, workers: int) -> int:
    """Files per chunk for `files` verified by `workers` (see CHUNKS_PER_WORKER)."""
    return max(CHUNK, min(MAX_CHUNK, files // (max(workers, 1) * CHUNKS_PER_WORKER)))


def _chunks(items: list[tuple[str, str]], size: int = CHUNK) -> list[list[tuple[str, str]]]:
    """`size` files at a time, the last few chunks smaller: the workers then finish within a
    small chunk of each other, not a whole one."""
    last = max(len(items) - LAST_CHUNKS * size, 0)
    small = max(size // LAST_CHUNKS, 1)
    return [items[i : min(i + size, last)] for i in range(0, last, size)] + [
        items[i : i + small] for i in range(last, len(items), small)
    ]


@dataclass(frozen=True)
class Beside:
    """The caller's own work during a scan. `ahead`: a picklable call that a worker makes
    before it verifies anything, to keep work off this process (its result is not used: a
    failure leaves that work to `meanwhile`); `meanwhile`: done here while the workers verify,
    once `ahead` is done."""

    meanwhile: Callable[[], None] | None = None
    ahead: Callable[[], object] | None = None


def _verify_stream(
    todo: list[tuple[str, str]], beside: Beside, pool: ProcessPoolExecutor | None = None
) -> Iterator[bytes]:
    """Encoded results chunk by chunk, as they are ready: on every core when there are many.
    `beside` is the caller's own work; `pool`, workers started beforehand."""
    workers = _workers()
    chunks = _chunks(todo, chunk_size(len(todo), workers))
    meanwhile = beside.meanwhile
    if len(todo) >= PARALLEL_FROM and workers > 1:
        yield from _verify_on_workers(chunks, workers, beside, pool)
        return
    if pool is not None:  # Started for nothing: left to end on their own.
        pool.shutdown(wait=False)
    if meanwhile is not None:
        meanwhile()
    for chunk in chunks:
        yield _verify_chunk(chunk)


def _verify_on_workers(
    chunks: list[list[tuple[str, str]]],
    workers: int,
    beside: Beside,
    pool: ProcessPoolExecutor | None,
) -> Iterator[bytes]:
    """`_verify_stream` on worker processes; what they cannot do is done here."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    pool, ahead, pending = _hand_out(chunks, pool or _start_pool(workers), beside.ahead)
    done: set[int] = set()
    try:
        if ahead is not None:
            with contextlib.suppress(Exception):  # Left to `meanwhile`, which says what failed.
                ahead.result()
        if beside.meanwhile is not None:
            beside.meanwhile()
        try:
            # One watch over every chunk (`wait` would set one up again for each result).
            for future in as_completed(pending):
                index = pending[future]
                data = future.result()
                done.add(index)
                yield data
        except (OSError, BrokenProcessPool):  # A worker process lost: the rest are done here.
            pass
        for index, chunk in enumerate(chunks):
            if index not in done:
                yield _verify_chunk(chunk)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _workers() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def _start_pool(workers: int) -> ProcessPoolExecutor | None:
    """Worker processes, or None when they cannot be started (the chunks are then verified in
    this process)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forking is safe only in a process with one thread (a command); beside the UI's threads,
    # workers start afresh.
    try:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork" if _can_fork() else "spawn"),
            initializer=_start_worker,
            initargs=(current_language(),),
        )
    except (OSError, ValueError):
        return None


def _can_fork() -> bool:
    import multiprocessing

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _start_early() -> ProcessPoolExecutor | None:
    """Worker processes started and getting ready now, or None: only in a command, where they
    are forked (beside a user interface they would start afresh, which costs more than waiting
    for the listing), and only with more than one core."""
    from concurrent.futures.process import BrokenProcessPool

    workers = _workers()
    if workers < 2 or not _can_fork():
        return None
    pool = _start_pool(workers)
    if pool is None:
        return None
    try:
        pool.submit(int)  # Starts the processes.
    except (OSError, ValueError, BrokenProcessPool):
        pool.shutdown(wait=False)
        return None
    return pool


def workers_ahead(store: Path) -> ProcessPoolExecutor | None:
    """Worker processes forked now, for the first scan of a store (no scan cache: every record
    file is to be verified) with enough record files to need them; None otherwise. For a user
    interface to call before it starts: forked then, they get ready while it starts, where
    once it runs they could only start afresh, and later. Hand them to `run_scan`, or shut them
    down."""
    if (store / CACHE_FILE).exists():
        return None
    try:
        with os.scandir(store / RECORDS) as listing:
            if sum(1 for _entry in itertools.islice(listing, PARALLEL_FROM)) < PARALLEL_FROM:
                return None
    except OSError:
        return None
    return _start_early()


def _hand_out(
    chunks: list[list[tuple[str, str]]],
    pool: ProcessPoolExecutor | None,
    ahead: Callable[[], object] | None = None,
) -> tuple[ProcessPoolExecutor | None, Future[object] | None, dict[Future[bytes], int]]:
    """Hand `ahead` then every chunk out to the pool: the pool, `ahead`'s future, and each
    chunk's future with its index. No pool and nothing pending when worker processes cannot be
    started."""
    from concurrent.futures.process import BrokenProcessPool

    if pool is None:
        return None, None, {}
    try:
        first = pool.submit(ahead) if ahead is not None else None
        return pool, first, {pool.submit(_verify_chunk, c): i for i, c in enumerate(chunks)}
    except (OSError, ValueError, BrokenProcessPool):
        pool.shutdown(cancel_futures=True)
        return None, None, {}


def run_scan(
    plan: ScanPlan,
    progress: Progress | None = None,
    meanwhile: Callable[[], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
    *,
    ahead: Callable[[], object] | None = None,
) -> ScanResult:
    """Verify what the plan says must be read, reporting each chunk; save the cache if anything
    changed; every file's facts in file order. `meanwhile` and `ahead` are the caller's own
    work (see `Beside`); `pool`, workers started beforehand."""
    total = len(plan.todo)
    verified = 0
    details = plan.details or Details(plan.store)
    plan.details = details
    for data in _verify_stream(plan.todo, Beside(meanwhile, ahead), pool):
        fresh = []
        chunk = _chunk_decoder.decode(data)
        for facts, detail, stamp in chunk.results:
            if stamp is None:
                plan.unreadable[facts.file] = facts
            else:
                plan.entries[facts.file] = CacheEntry(stamp, facts)
                details.fresh[facts.file] = DetailEntry(stamp, detail)
            fresh.append(facts)
        if plan.tallies is not None:
            plan.tallies.merge(chunk.tallies)
        verified += len(fresh)
        if progress is not None:
            progress(verified, total, fresh)
    if plan.unreadable:
        plan.names = [name for name in plan.names if name not in plan.unreadable]
    result = ScanResult.of(plan)
    # A file that cannot be read is not cached: alone, it leaves nothing new to write.
    if details.fresh or plan.cached_names != len(plan.names):
        entries = [plan.entries[name] for name in plan.names]
        generation = uuid.uuid4().hex
        saved = ScanCache(RULES, entries, result.tallies, generation, plan.language)
        if write_scan_cache(plan.store, saved):
            result.generation = plan.generation = None if plan.unreadable else generation
        kept = dict(details.fresh)  # Just verified: under their entries' stamps.
        for entry in entries:
            if entry.name not in kept:
                found = details.entry(entry.name, entry.stamp)
                if found is not None:
                    kept[entry.name] = found
        write_detail_cache(plan.store, RULES, kept)
    return result


def scan_store(
    store: Path,
    progress: Progress | None = None,
    folder: Path | None = None,
    meanwhile: Callable[[], None] | None = None,
    *,
    ahead: Callable[[], object] | None = None,
    listing: Listing | None = None,
) -> ScanResult:
    """Every record file in the store, verified; files unchanged since the last scan (same
    size, times and inode) are not read again. `meanwhile` and `ahead` are the caller's own
    work (see `Beside`); `listing`, the store's record files already listed
    (`list_records`)."""
    cache = read_scan_cache(store, RULES)
    early = _EarlyStart() if cache is None and listing is None else None
    try:
        plan = _plan(store, folder, cache, early, listing)
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    pool = early.pool if early is not None else None
    return run_scan(plan, progress, meanwhile, pool, ahead=ahead)
