"""The roles on the form about you: one widget, chosen with the keys or the mouse, kept across a
language switch, never chosen by moving over it."""

from __future__ import annotations

from pathlib import Path

from smtrainer.domain.progress import Stage
from smtrainer.ui.screens.identity import IdentityScreen
from smtrainer.ui.widgets import RoleChoices
from tests.ui.driver import on_identity_screen


def lines(roles: RoleChoices) -> list[str]:
    return roles.render().plain.splitlines()


async def test_arrows_move_space_chooses_and_stays(tiny: Path) -> None:
    async with on_identity_screen(tiny) as (app, pilot, screen):
        await pilot.press(*"Zoé Lefèvre", "tab", "tab")
        roles = screen.query_one("#role", RoleChoices)
        assert roles.has_focus and roles.chosen is None
        assert lines(roles)[0].startswith("▶ ( ) ")
        await pilot.press("down", "down")
        assert roles.chosen is None  # Moving over a role does not choose it.
        await pilot.press("space")
        await pilot.pause()
        assert roles.chosen == roles.options[2][0]
        assert lines(roles)[2].startswith("▶ (●) ")
        assert app.screen is screen and app.progress is None  # Space only chooses.
        await pilot.press("end", "space")
        assert roles.chosen == roles.options[-1][0]
        assert [line[2:5] for line in lines(roles)].count("(●)") == 1
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.progress is not None
        assert app.progress.identity.role == roles.options[0][0]
        assert app.progress.position.stage is Stage.MAP


async def test_a_click_chooses_without_going_on(tiny: Path) -> None:
    async with on_identity_screen(tiny) as (app, pilot, screen):
        roles = screen.query_one("#role", RoleChoices)
        await pilot.click("#role", offset=(4, 3))  # The border's line, then the third role.
        await pilot.pause()
        assert roles.chosen == roles.options[2][0]
        assert app.screen is screen and app.progress is None


async def test_the_chosen_role_is_kept_across_f2_and_shown_without_the_focus(tiny: Path) -> None:
    async with on_identity_screen(tiny) as (app, pilot, screen):
        await pilot.press("tab", "tab", "down", "space", "shift+tab")
        await pilot.pause()
        roles = screen.query_one("#role", RoleChoices)
        chosen = roles.options[1][0]
        assert roles.chosen == chosen and not roles.has_focus
        assert "▶" not in roles.render().plain  # The place shows only with the focus.
        assert lines(roles)[1].startswith("  (●) ")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        again = app.screen.query_one("#role", RoleChoices)
        assert again.chosen == chosen
        assert again.highlighted == 1
