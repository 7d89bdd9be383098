"""The high-contrast theme, for people who need stronger colours."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

HIGH_CONTRAST = "smtrainer-high-contrast"


def register_themes(app: App[Any]) -> None:
    app.register_theme(
        Theme(
            name=HIGH_CONTRAST,
            primary="#ffff00",
            secondary="#00ffff",
            accent="#ffff00",
            foreground="#ffffff",
            background="#000000",
            surface="#000000",
            panel="#1a1a1a",
            success="#00ff00",
            warning="#ffff00",
            error="#ff5555",
            dark=True,
        )
    )
