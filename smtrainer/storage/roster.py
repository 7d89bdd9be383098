"""Reading and writing the head teacher's roster file (`roster.toml` in the store)."""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path

import msgspec
import tomli as tomllib  # The compiled parser: much faster on big files.
import tomli_w

from smtrainer.domain.os_errors import os_reason
from smtrainer.domain.roster import ApprovedKey, Roster, StaffMember
from smtrainer.domain.toml_errors import describe as describe_toml_error
from smtrainer.i18n import _
from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.private import PRIVATE_FILE, private_folder
from smtrainer.storage.scan_cache import read_checked, write_checked

ROSTER_FILE = "roster.toml"


class RosterError(Exception):
    """The roster file exists but cannot be read; nothing is overwritten while this is so."""


class _Key(msgspec.Struct, frozen=True):
    fingerprint: str
    public_key: str
    approved_on: str
    revoked_on: str = ""


class _Member(msgspec.Struct, frozen=True):
    id: str
    name: str = ""
    role: str = ""
    email: str = ""
    left_on: str = ""
    keys: list[_Key] = []


class _RosterFile(msgspec.Struct, frozen=True):
    staff: list[_Member] = []


class _ParsedRoster(msgspec.Struct, frozen=True):
    """The roster file as last read and checked, kept in the store's cache by the digest of the
    file's bytes: a roster of thousands is read again only when it changed."""

    rules: str
    """The digest of the roster file's bytes this was read from."""
    roster: _RosterFile


PARSED_ROSTER = Path(".cache") / "roster-v1.bin"


def load_roster(store: Path) -> Roster:
    """The roster in `store` (empty if there is none); RosterError saying where it is damaged."""
    parsed = _parsed(store)
    return _roster(parsed) if parsed is not None else Roster()


def cache_roster(store: Path) -> None:
    """Parse the roster into the store's cache unless it is there already, so that the next
    `load_roster` only reads the cache: for another process to do while this one is busy. A
    roster that cannot be read is left for `load_roster` to report."""
    with contextlib.suppress(RosterError):
        _parsed(store)


def roster_digest(store: Path) -> str:
    """The digest of the roster file's bytes ("" when there is none): what `load_roster` reads
    the roster from, without reading it; RosterError when it cannot be read."""
    raw = _raw(store / ROSTER_FILE)
    return _digest(raw) if raw is not None else ""


def _raw(path: Path) -> bytes | None:
    if not path.exists():
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise _error(path, os_reason(error)) from error


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _parsed(store: Path) -> _RosterFile | None:
    path = store / ROSTER_FILE
    raw = _raw(path)
    if raw is None:
        return None
    digest = _digest(raw)
    cached = read_checked(store / PARSED_ROSTER, _ParsedRoster, digest)
    if cached is not None:
        return cached.roster
    parsed = _parse(path, raw)
    write_checked(store / PARSED_ROSTER, _ParsedRoster(digest, parsed))
    return parsed


def _parse(path: Path, raw: bytes) -> _RosterFile:
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise _error(path, _("not UTF-8 text")) from error
    except tomllib.TOMLDecodeError as error:
        syntax = describe_toml_error(error)
        where = f"{path}:{syntax.line}" if syntax.line else str(path)
        raise _error(where, syntax.detail) from error
    try:
        parsed = msgspec.convert(data, _RosterFile, strict=True)
    except msgspec.ValidationError as error:
        message, _sep, at = str(error).partition(" - at `$.")
        key = at.rstrip("`")
        line = _entry_line(text, key)
        where = f"{path}:{line}" if line else str(path)
        raise _error(where, f"{key}: {message}" if key else message) from error
    return parsed


def _roster(parsed: _RosterFile) -> Roster:
    roster = Roster()
    for entry in parsed.staff:
        roster.add(
            StaffMember(
                entry.id,
                entry.name,
                entry.role,
                entry.email,
                [
                    ApprovedKey(k.fingerprint, k.public_key, k.approved_on, k.revoked_on)
                    for k in entry.keys
                ],
                entry.left_on,
            )
        )
    return roster


def _entry_line(text: str, key: str) -> int | None:
    """The line of the `[[staff]]` entry a key path such as ``staff[3].keys[0]`` points into."""
    match = re.match(r"staff\[(\d+)\]", key)
    if match is None:
        return None
    headers = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().replace(" ", "") == "[[staff]]"
    ]
    index = int(match[1])
    return headers[index] if index < len(headers) else None


def _error(where: object, reason: str) -> RosterError:
    return RosterError(
        _("the roster {path} cannot be read: {reason}").format(path=where, reason=reason)
    )


def save_roster(store: Path, roster: Roster) -> None:
    """Write the roster, owner-only (it holds names and e-mail addresses)."""
    data = {
        "staff": [
            {
                "id": member.id,
                "name": member.name,
                "role": member.role,
                "email": member.email,
                **({"left_on": member.left_on} if member.left_on else {}),
                "keys": [
                    {
                        "fingerprint": key.fingerprint,
                        "public_key": key.public_key,
                        "approved_on": key.approved_on,
                        **({"revoked_on": key.revoked_on} if key.revoked_on else {}),
                    }
                    for key in member.keys
                ],
            }
            for member in sorted(roster.staff.values(), key=lambda m: m.id)
        ]
    }
    private_folder(store)
    atomic_write(store / ROSTER_FILE, tomli_w.dumps(data).encode("utf-8"), mode=PRIVATE_FILE)
