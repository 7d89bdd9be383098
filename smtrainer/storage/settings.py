"""The learner's saved preferences (language, policy pack, shared folder, colours)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.paths import config_dir

SETTINGS_FILE = "settings.toml"


@dataclass
class Settings:
    """Preferences kept between runs."""

    language: str | None = None
    """The language chosen in the app, used when no `--lang` is given."""
    shared_folder: str | None = None
    """Where finished records are handed in (a network share or USB stick); None: keep locally."""
    high_contrast: bool = False
    """Use the high-contrast colours."""
    policy: str | None = None
    """The policy pack chosen in the app, used when no `--policy` is given."""


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """Saved settings; a missing or unreadable file gives the defaults (it is only a preference)."""
    target = path or settings_path()
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings()
    language = data.get("language")
    shared = data.get("shared_folder")
    policy = data.get("policy")
    return Settings(
        language=language if isinstance(language, str) else None,
        shared_folder=shared if isinstance(shared, str) and shared else None,
        high_contrast=data.get("high_contrast") is True,
        policy=policy if isinstance(policy, str) and policy else None,
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    data = {key: value for key, value in vars(settings).items() if value}
    atomic_write(path or settings_path(), tomli_w.dumps(data).encode("utf-8"))
