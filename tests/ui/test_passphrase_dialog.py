"""Signing with a protected key in the app: the passphrase is asked, a wrong one is said to be
wrong, Escape goes back with the progress kept, the right one signs."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from smtrainer.domain.progress import Stage
from smtrainer.storage.keys import load_or_create_key
from smtrainer.storage.records import local_records_dir
from smtrainer.ui.dialogs import PassphraseDialog
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.closing import DoneScreen
from tests.ui.driver import step

SECRET = "correct horse battery"


async def test_wrong_then_cancelled_then_right_passphrase(tiny: Path) -> None:
    load_or_create_key(passphrase=SECRET)
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:

        async def until_asked() -> PassphraseDialog:
            for _ in range(400):
                if isinstance(app.screen, PassphraseDialog):
                    return app.screen
                await step(pilot)  # It waits while the record is being signed.
            raise AssertionError(f"never asked; at {app.screen!r}")

        def said(dialog: PassphraseDialog) -> str:
            return str(dialog.query_one(".dialog-text", Static).content)

        dialog = await until_asked()
        assert "is protected" in said(dialog)
        await pilot.press(*"not it", "enter")
        dialog = await until_asked()
        assert "does not open the key" in said(dialog)
        assert dialog.query_one("#passphrase", Input).value == ""  # Never kept.
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PassphraseDialog)
        assert app.progress is not None
        assert app.progress.position.stage is Stage.ACKNOWLEDGE
        assert not list(local_records_dir().glob("*.toml"))
        await pilot.press("enter")  # The name is still signed in the field: sign again.
        dialog = await until_asked()
        await pilot.press(*SECRET, "enter")
        for _ in range(200):
            if isinstance(app.screen, DoneScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, DoneScreen)
        assert len(list(local_records_dir().glob("*.toml"))) == 1
