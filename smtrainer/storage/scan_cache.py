"""The store's scan cache: each record file's verification, remembered by its file status.

Two compact binary files (MessagePack through msgspec), each behind a fixed header and a CRC-32
of the rest: the facts the summary prints, with the results of every valid record added up, and
apart from them the per-record details that only statistics need (so a summary never reads
them). A file that is missing, damaged, from another version of the rules, or fails its
checksum is ignored (and rewritten by the next scan): it is never trusted. The checksum finds
damage, which is all it is for: the cache is the head teacher's own work, and whoever could
write to it could make any checksum again.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from smtrainer.domain.record_facts import RecordFacts, Tallies
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.private import PRIVATE_FILE

CACHE_FILE = Path(".cache") / "scan-v3.bin"
DETAILS_FILE = Path(".cache") / "scan-v3-details.bin"
MAGIC = b"SMTSCAN3"
CHECKSUM_SIZE = 4

T = TypeVar("T")


class Stamp(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What `stat` says of a file; any change means it must be read again."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class CacheEntry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    stamp: Stamp
    facts: RecordFacts

    @property
    def name(self) -> str:
        """The file's name, relative to the store."""
        return self.facts.file


class ScanCache(msgspec.Struct, frozen=True):
    rules: str
    """The version of the verification rules the entries were made with."""
    entries: list[CacheEntry]
    tallies: Tallies
    """The details of every valid entry, added up."""
    generation: str
    """A new random token each time the cache is written: what was worked out from these
    entries (the evidence of a summary) can be kept under it."""
    language: str = ""
    """The language of the entries' reasons (why a file cannot be trusted): in another, the
    files that have one are verified again."""


class _FileName(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A RecordFacts' first values (the others are skipped when decoding)."""

    file: str
    status: str
    reason: str = ""


class IndexEntry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A cache entry read for its file's name and status only."""

    stamp: Stamp
    facts: _FileName

    @property
    def name(self) -> str:
        return self.facts.file

    @property
    def reason(self) -> str:
        return self.facts.reason


class ScanIndex(msgspec.Struct, frozen=True):
    """The scan cache read for its names, stamps and generation only: a fraction of the
    work of reading the facts, to tell whether anything changed."""

    rules: str
    entries: list[IndexEntry]
    tallies: msgspec.Raw
    generation: str
    language: str = ""


class DetailEntry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    stamp: Stamp
    detail: msgspec.Raw
    """The record's RecordDetail, still encoded: decoded only when needed."""


class DetailCache(msgspec.Struct, frozen=True):
    rules: str
    details: dict[str, DetailEntry]


_encoder = msgspec.msgpack.Encoder()
_decoders: dict[type, Any] = {
    ScanCache: msgspec.msgpack.Decoder(ScanCache),
    ScanIndex: msgspec.msgpack.Decoder(ScanIndex),
    DetailCache: msgspec.msgpack.Decoder(DetailCache),
}


def read_checked(path: Path, kind: type[T], rules: str) -> T | None:
    """A cache file of struct `kind` made under `rules`, or None when there is no trustworthy
    one (missing, damaged, another version, a checksum that does not match)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + CHECKSUM_SIZE
    if len(data) < header or not data.startswith(MAGIC):
        return None
    body = memoryview(data)[header:]
    if _checksum(body) != data[len(MAGIC) : header]:
        return None
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.msgpack.Decoder(kind)
    try:
        cache = decoder.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    return cache if isinstance(cache, kind) and cache.rules == rules else None  # type: ignore[attr-defined]


def write_checked(path: Path, cache: msgspec.Struct) -> bool:
    """Replace a cache file; one that cannot be written only makes the next run slower (and
    the answer is False)."""
    body = _encoder.encode(cache)
    try:
        atomic_write(path, [MAGIC, _checksum(body), body], sync=False, mode=PRIVATE_FILE)
    except StorageError:
        return False
    return True


def _checksum(body: bytes | memoryview) -> bytes:
    return zlib.crc32(body).to_bytes(CHECKSUM_SIZE, "big")


def read_scan_cache(store: Path, rules: str) -> ScanCache | None:
    """The facts cache, or None when there is no trustworthy one."""
    return read_checked(store / CACHE_FILE, ScanCache, rules)


def read_scan_index(store: Path, rules: str) -> ScanIndex | None:
    """The facts cache's names, stamps and generation, or None when there is no trustworthy
    cache."""
    return read_checked(store / CACHE_FILE, ScanIndex, rules)


def write_scan_cache(store: Path, cache: ScanCache) -> bool:
    """Save the facts cache; False when it could not be saved."""
    return write_checked(store / CACHE_FILE, cache)


def read_detail_cache(store: Path, rules: str) -> dict[str, DetailEntry]:
    """The per-record details by file name; empty when there is no trustworthy cache."""
    cache = read_checked(store / DETAILS_FILE, DetailCache, rules)
    return cache.details if cache is not None else {}


def write_detail_cache(store: Path, rules: str, details: dict[str, DetailEntry]) -> None:
    write_checked(store / DETAILS_FILE, DetailCache(rules, details))


def encode_detail(detail: msgspec.Struct) -> msgspec.Raw:
    return msgspec.Raw(_encoder.encode(detail))
