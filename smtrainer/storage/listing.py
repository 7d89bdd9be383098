"""Finding record files in a folder that anyone may have written to.

One rule everywhere (collect, the store's scan, verify on a folder): links are never followed,
hidden files and folders (names starting with ".") are left alone, and a name that cannot be
stored or shown safely (bytes that are not UTF-8, control characters) is refused, not read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from smtrainer.i18n import N_, _

RECORD_SUFFIX = ".toml"
MAX_DEPTH = 8
"""Folders deeper than this below the starting folder are not entered."""

_UNSAFE_CHARACTERS = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


class Skipped(StrEnum):
    """Why a file found in a folder was not read."""

    LINK = "link"
    HIDDEN = "hidden"
    UNSAFE_NAME = "unsafe_name"
    NOT_REGULAR = "not_regular"
    TOO_DEEP = "too_deep"


RECORDS = "records"
"""The folder of a head teacher's store that holds the records."""

SKIP_REASONS = {
    Skipped.LINK: N_("a link: links are never followed"),
    Skipped.HIDDEN: N_("a hidden file: hidden files are never collected"),
    Skipped.UNSAFE_NAME: N_(
        "the file name holds bytes that are not UTF-8 or control characters: rename it"
    ),
    Skipped.NOT_REGULAR: N_("not a regular file"),
    Skipped.TOO_DEEP: N_("too deep in sub-folders"),
}
"""Why each kind of file left alone is not read, in words (translated when shown)."""


@dataclass(frozen=True)
class Found:
    """A file that looks like a record: its path, its name relative to the starting folder, and
    why it is left alone (None when it may be read)."""

    path: Path
    name: str
    skipped: Skipped | None = None


def unsafe_name(name: str) -> bool:
    """Whether a file name holds bytes that are not UTF-8 (decoded as surrogates) or characters
    a terminal or a cache file could misread."""
    if name.isascii() and name.isprintable():  # The common case, decided at once.
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return _UNSAFE_CHARACTERS.search(name) is not None


def record_entries(folder: Path) -> Iterator[Found]:
    """Every `*.toml` below `folder`, sorted by name; hidden ones, links, unsafe names and
    folders too deep to be read are reported with the reason they are skipped."""
    yield from _walk(folder, "", 0)


def _walk(folder: Path, prefix: str, depth: int) -> Iterator[Found]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = prefix + entry.name
        path = Path(entry.path)
        if entry.is_symlink():
            if entry.name.endswith(RECORD_SUFFIX):
                yield Found(path, name, Skipped.LINK)
        elif entry.name.startswith("."):
            if entry.name.endswith(RECORD_SUFFIX):
                yield Found(path, name, Skipped.HIDDEN)
        elif unsafe_name(entry.name):
            yield Found(path, name, Skipped.UNSAFE_NAME)
        elif entry.is_dir(follow_symlinks=False):
            if depth < MAX_DEPTH:
                yield from _walk(path, name + "/", depth + 1)
            else:  # Not read: said, as it may hold records.
                yield Found(path, name, Skipped.TOO_DEEP)
        elif entry.name.endswith(RECORD_SUFFIX):
            regular = entry.is_file(follow_symlinks=False)
            yield Found(path, name, None if regular else Skipped.NOT_REGULAR)


def open_no_follow(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of `path`, refusing to open it if it has become a link (or is
    not a regular file) since it was listed; OSError otherwise."""
    return read_no_follow(path, limit)[0]


def read_no_follow(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    """`open_no_follow`, with the file's status as it was just before it was read: a change
    made while it is read shows as a newer status, never as an older one."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    return read_regular(os.open(path, flags), limit)


def read_regular(fd: int, limit: int) -> tuple[bytes, os.stat_result]:
    """At most `limit` + 1 bytes of the open file `fd`, and its status; OSError if it is not a
    regular file (a named pipe or a device could block or never end). Closes `fd`."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, _("not a regular file"))
        # Only what the file holds is asked for (a bigger buffer costs), and one byte more: a
        # file that grew past `limit` since its status is still told apart.
        size = min(info.st_size, limit) + 1
        data = os.read(fd, size)
        expected = min(info.st_size, size)
        while len(data) < expected and (more := os.read(fd, size - len(data))):
            data += more  # A read cut short (a network folder): the rest is asked for.
        return data, info
    finally:
        os.close(fd)
