"""Where smtrainer keeps its files on this computer."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "smtrainer"
HOME_VARIABLE = "SMTRAINER_HOME"
"""Set to a folder to keep all of smtrainer's own files there (tests, portable use)."""


def data_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_store() -> Path:
    """The head teacher's store of collected records."""
    return data_dir() / "store"
