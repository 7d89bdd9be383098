"""Pilot tests: the picker with two packs and not with one, `--policy`, the saved choice, a
broken pack left out, and the "who to tell" view."""

from __future__ import annotations

from pathlib import Path

from smtrainer.i18n import set_language
from smtrainer.storage.settings import load_settings
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.content_problems import ContentProblemsScreen
from smtrainer.ui.screens.policy_picker import PolicyPickerScreen
from smtrainer.ui.screens.welcome import WelcomeScreen
from smtrainer.ui.screens.who_to_tell import WhoToTellScreen
from smtrainer.ui.widgets import Plain


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Plain).render())  # type: ignore[attr-defined]


async def test_picker_with_two_packs_remembers_the_choice(two_schools: Path) -> None:
    app = make_app(two_schools)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PolicyPickerScreen)
        await pilot.press("down", "enter")  # the second in the list: tiny (Test School)
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert text_of(app.screen, "#school") == "Test School"
    assert load_settings().policy == "tiny"
    again = make_app(two_schools)
    assert again is not None
    async with again.run_test(size=(80, 24)) as pilot:
        assert isinstance(again.screen, WelcomeScreen), "the saved choice opens at once"
        assert text_of(again.screen, "#school") == "Test School"
        await pilot.press("2")  # "Another school's policy"
        await pilot.pause()
        assert isinstance(again.screen, PolicyPickerScreen)
        await pilot.press("1")
        await pilot.pause()
        assert text_of(again.screen, "#school") == "Second School"
    assert load_settings().policy == "second"


async def test_picker_in_french_at_the_smallest_size(two_schools: Path) -> None:
    set_language("fr")
    app = make_app(two_schools)
    assert app is not None
    async with app.run_test(size=(60, 18)) as pilot:
        screen = app.screen
        assert isinstance(screen, PolicyPickerScreen)
        assert text_of(screen, "#picker-heading") == "Quelle est la politique de votre école\u00a0?"
        menu = str(screen.query_one("#policies").render())
        assert "École de test\u00a0: Petite politique" in menu
        await pilot.press("2")
        await pilot.pause()
        assert text_of(app.screen, "#school") == "École de test"


async def test_no_picker_with_one_pack(tiny: Path) -> None:
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, WelcomeScreen)
        assert "Another school" not in str(app.screen.query_one("#actions").render())


async def test_policy_option_opens_that_school(two_schools: Path) -> None:
    app = make_app(two_schools, policy="second")
    assert app is not None
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, WelcomeScreen)
        assert text_of(app.screen, "#school") == "Second School"
    assert make_app(two_schools, policy="not-installed") is None


async def test_a_broken_pack_beside_a_good_one(good_and_broken: Path) -> None:
    app = make_app(good_and_broken)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen), "the good pack still runs"
        assert text_of(app.screen, "#school") == "Test School"
        await pilot.press("1")  # and can be started
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
    broken = make_app(good_and_broken, policy="wrecked")
    assert broken is not None
    async with broken.run_test(size=(80, 24)):
        assert isinstance(broken.screen, ContentProblemsScreen)


async def test_who_to_tell_from_any_screen_in_both_languages(tiny: Path) -> None:
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # the form about you
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, WhoToTellScreen)
        assert "• Head teacher" in text_of(app.screen, "#who-to-tell")
        await pilot.press("f2")
        await pilot.pause()
        assert text_of(app.screen, "#who-to-tell").startswith("• Chef d'établissement")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WhoToTellScreen)
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Qui prévenir" in footer


async def test_who_to_tell_waits_for_a_school_to_be_chosen(two_schools: Path) -> None:
    app = make_app(two_schools)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PolicyPickerScreen)
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Who to tell" not in footer
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, PolicyPickerScreen)
        await pilot.press("1")
        await pilot.pause()
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Who to tell" in footer


async def test_the_form_about_you_is_the_chosen_schools_after_a_change_of_school(
    two_schools: Path,
) -> None:
    from smtrainer.ui.screens.identity import IdentityScreen
    from tests.ui.driver import settled

    app = make_app(two_schools)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")  # Test School
        await pilot.pause()
        await settled(pilot)  # Its form about you is built ahead meanwhile.
        await pilot.press("2")  # "Another school's policy"
        await pilot.pause()
        await pilot.press("1")  # Second School
        await pilot.pause()
        await settled(pilot)
        await pilot.press("1")  # The form about you
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        assert app.screen.title == "Second School"
