"""The store's scan cache: each record file's verification, remembered by its file status.

A compact binary file (MessagePack through msgspec) behind a fixed header and a BLAKE2b
checksum of the rest. A cache that is missing, damaged, from another version of the rules, or
fails its checksum is ignored (and rewritten by the next scan): it is never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import msgspec

from smtrainer.domain.record_facts import RecordFacts, Tallies
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.private import PRIVATE_FILE

CACHE_FILE = Path(".cache") / "scan-v2.bin"
MAGIC = b"SMTSCAN2"
DIGEST_SIZE = 16


class Stamp(msgspec.Struct, frozen=True, array_like=True):
    """What `stat` says of a file; any change means it must be read again."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, info: os.stat_result) -> Stamp:
        return cls(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class CacheEntry(msgspec.Struct, frozen=True, array_like=True):
    name: str
    stamp: Stamp
    facts: RecordFacts
    detail: msgspec.Raw
    """The record's RecordDetail, still encoded: decoded only by what needs statistics."""


class ScanCache(msgspec.Struct, frozen=True):
    rules: str
    """The version of the verification rules the entries were made with."""
    entries: list[CacheEntry]
    tallies: Tallies
    """The details of every valid entry, added up."""


_decoder = msgspec.msgpack.Decoder(ScanCache)
_encoder = msgspec.msgpack.Encoder()


def read_scan_cache(store: Path, rules: str) -> ScanCache | None:
    """The cache, or None when there is no trustworthy one."""
    try:
        data = (store / CACHE_FILE).read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + DIGEST_SIZE
    if len(data) < header or not data.startswith(MAGIC):
        return None
    body = memoryview(data)[header:]
    if hashlib.blake2b(body, digest_size=DIGEST_SIZE).digest() != data[len(MAGIC) : header]:
        return None
    try:
        cache = _decoder.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    return cache if cache.rules == rules else None


def write_scan_cache(store: Path, cache: ScanCache) -> None:
    """Replace the cache; a cache that cannot be written only makes the next scan slower."""
    body = _encoder.encode(cache)
    digest = hashlib.blake2b(body, digest_size=DIGEST_SIZE).digest()
    with contextlib.suppress(StorageError):
        atomic_write(store / CACHE_FILE, MAGIC + digest + body, sync=False, mode=PRIVATE_FILE)


def encode_detail(detail: msgspec.Struct) -> msgspec.Raw:
    return msgspec.Raw(_encoder.encode(detail))
