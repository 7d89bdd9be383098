"""Saving the user's settings from an app: a failure is said, never fatal (a preference)."""

from __future__ import annotations

from typing import Any

from textual.app import App

from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.settings import Settings, save_settings


def save_or_say(app: App[Any], settings: Settings) -> None:
    """Save `settings`; if they cannot be saved, say why in a notification."""
    try:
        save_settings(settings)
    except StorageError as error:
        app.notify(
            _("Could not save your settings: {reason}").format(reason=error.reason),
            severity="warning",
            markup=False,
        )
