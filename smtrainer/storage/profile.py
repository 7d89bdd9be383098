"""The learner's remembered identity (name, staff id, role), offered again next time."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from smtrainer.domain.progress import Identity
from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.paths import config_dir


def profile_path() -> Path:
    return config_dir() / "profile.toml"


def load_identity(path: Path | None = None) -> Identity | None:
    try:
        data = tomllib.loads((path or profile_path()).read_text(encoding="utf-8"))
        return Identity(str(data["name"]), str(data["role"]), str(data.get("staff_id", "")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError):
        return None


def save_identity(identity: Identity, path: Path | None = None) -> None:
    data = {"name": identity.name, "role": identity.role, "staff_id": identity.staff_id}
    atomic_write(path or profile_path(), tomli_w.dumps(data).encode("utf-8"), mode=0o600)
