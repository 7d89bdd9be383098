"""Saving the user's settings from an app: a failure is said, never fatal (a preference)."""

from __future__ import annotations

from typing import Any

from textual.app import App

from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.settings import load_settings, save_settings


def update_settings(app: App[Any], **changes: object) -> None:
    """Save the settings with these fields changed; if they cannot be saved, say why in a
    notification."""
    settings = load_settings()
    for name, value in changes.items():
        setattr(settings, name, value)
    try:
        save_settings(settings)
    except StorageError as error:
        app.notify(
            _("Could not save your settings: {reason}").format(reason=error.reason),
            severity="warning",
            markup=False,
        )
