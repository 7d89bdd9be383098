"""Reading and writing the head teacher's roster file (`roster.toml` in the store)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from smtrainer.domain.roster import ApprovedKey, Roster, StaffMember
from smtrainer.i18n import _
from smtrainer.storage.atomic import atomic_write

ROSTER_FILE = "roster.toml"


class RosterError(Exception):
    """The roster file exists but cannot be read; nothing is overwritten while this is so."""


def load_roster(store: Path) -> Roster:
    path = store / ROSTER_FILE
    if not path.exists():
        return Roster()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        staff = {}
        for entry in data.get("staff", []):
            member = StaffMember(
                id=str(entry["id"]),
                name=str(entry.get("name", "")),
                role=str(entry.get("role", "")),
                email=str(entry.get("email", "")),
                keys=[
                    ApprovedKey(str(k["fingerprint"]), str(k["public_key"]), str(k["approved_on"]))
                    for k in entry.get("keys", [])
                ],
            )
            staff[member.id] = member
        return Roster(staff)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise RosterError(
            _("the roster {path} cannot be read: {reason}").format(path=path, reason=error)
        ) from error


def save_roster(store: Path, roster: Roster) -> None:
    data = {
        "staff": [
            {
                "id": member.id,
                "name": member.name,
                "role": member.role,
                "email": member.email,
                "keys": [
                    {
                        "fingerprint": key.fingerprint,
                        "public_key": key.public_key,
                        "approved_on": key.approved_on,
                    }
                    for key in member.keys
                ],
            }
            for member in sorted(roster.staff.values(), key=lambda m: m.id)
        ]
    }
    atomic_write(store / ROSTER_FILE, tomli_w.dumps(data).encode("utf-8"))
