"""The dashboard: Pilot tests and snapshots, in English and French."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TabbedContent

from smtrainer.i18n import current_language, set_language
from smtrainer.ui.dashboard.app import DashboardApp, PersonScreen
from tests.headteacher.conftest import TODAY


async def ready(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_arrows_and_enter_work_at_once(store: Path, language: str) -> None:
    """No Tab needed first: the staff table has the focus once drawn; / still searches."""
    set_language(language)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#staff", DataTable)
        assert app.focused is table
        await pilot.press("down", "down")
        await pilot.pause()
        assert table.cursor_row == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.row is app.screen_stack[0].shown_rows[2]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#search", Input)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_f1_shows_the_dashboards_keys_and_the_footer_names_keys_as_keyboards_do(
    store: Path, language: str
) -> None:
    from smtrainer.ui.dialogs import HelpScreen

    set_language(language)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        footer = " ".join(str(k.render()) for k in app.screen.query("FooterKey"))
        assert "^q" not in footer and "Ctrl+Q" in footer
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(p.render()) for p in app.screen.query(".dialog-text"))
        assert ("export the staff table" if language == "en" else "exporter le tableau") in text
        assert "✓" not in text  # The training app's note is not the dashboard's.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", "question_mark")  # Typed into the search, not the help.
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#search", Input).value == "?"


@pytest.fixture
def fixed_store(demo_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo store in this test's own folder, named by a relative path from there, so the
    pictures do not depend on the temporary folder's name and runs at once do not collide."""
    shutil.copytree(demo_master, tmp_path / "store")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SMTRAINER_HOME", "home")
    return Path("store")


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_dashboard_filters_search_and_history(store: Path, language: str) -> None:
    set_language(language)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#staff", DataTable)
        assert table.row_count == 40
        totals = str(app.screen.query_one("#totals", Static).render())
        assert ("records" if language == "en" else "attestations") in totals
        search = app.screen.query_one("#search", Input)
        search.value = "S-0001"
        await pilot.pause()
        assert table.row_count == 1
        search.value = ""
        await pilot.pause()
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    exports = list((store / "exports").glob("staff-*.csv"))
    assert len(exports) == 1


async def test_status_filter(store: Path) -> None:
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        from textual.widgets import Select

        screen.query_one("#status-filter", Select).value = "never"
        await pilot.pause()
        table = screen.query_one("#staff", DataTable)
        summary = app.summary
        assert summary is not None
        never = sum(1 for row in summary.staff if row.status.value == "never")
        assert table.row_count == never


async def test_language_switch_keeps_the_filters(store: Path) -> None:
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one("#search", Input).value = "S-000"
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert current_language() == "fr"
        assert app.screen.query_one("#search", Input).value == "S-000"
        assert app.screen.query_one("#staff", DataTable).row_count == 9


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("tab", ["tab-staff", "tab-roles", "tab-questions", "tab-scenarios"])
def test_dashboard_snapshots(snap_compare, fixed_store: Path, language: str, tab: str) -> None:  # type: ignore[no-untyped-def]
    """The dashboard at 120×40 on the 40-person demo store.

    tab-staff: totals line, status counts with symbols, filters, the sortable staff table;
    tab-roles: a bar per role with the share current or due soon;
    tab-questions: assessment questions, worst answered first, with % right;
    tab-scenarios: the most common wrong turns with their verdict in words.
    """
    set_language(language)

    async def before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        from textual.widgets import TabbedContent

        pilot.app.screen.query_one("#tabs", TabbedContent).active = tab
        await pilot.pause()

    assert snap_compare(
        DashboardApp(fixed_store, TODAY), terminal_size=(120, 40), run_before=before
    )


async def test_unreadable_roster_is_shown_not_raised(store: Path) -> None:
    (store / "roster.toml").write_text("[[staff]\nbroken", encoding="utf-8")
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        text = str(app.screen.query_one("#loading-text", Static).render())
        assert "roster" in text
        assert "cannot be read" in text
    assert (store / "roster.toml").read_text(encoding="utf-8") == "[[staff]\nbroken"


async def test_a_store_that_fails_after_the_tabs_are_drawn_shows_why(store: Path) -> None:
    """The tabs are drawn before the summary comes: a failure then replaces them cleanly."""
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.screen.query_one("#tabs", TabbedContent).active == "tab-staff"
        app._failed("the roster cannot be read: a test")
        await pilot.pause()
        await pilot.pause()
        text = str(app.screen.query_one("#loading-text", Static).render())
        assert "a test" in text
        assert not app.screen.query("#tabs")


async def test_names_with_brackets_are_shown_as_written(store: Path) -> None:
    """A staff list is user data: "[/b]" or "[Supply]" must neither vanish nor crash the table."""
    roster = store / "roster.toml"
    text = roster.read_text(encoding="utf-8")
    name = text.split('name = "', 1)[1].split('"', 1)[0]
    roster.write_text(text.replace(name, "Ann [Supply] [/b] Lee", 1), encoding="utf-8")
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#staff", DataTable)
        names = [str(table.get_row_at(index)[1]) for index in range(table.row_count)]
        assert "Ann [Supply] [/b] Lee" in names


def tamper_with_one_record(store: Path) -> dict[str, str]:
    """Change a value of the store's first record; what each language says of it."""
    victim = sorted((store / "records").glob("*.toml"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("score_pct = ", "score_pct = 1", 1), encoding="utf-8")
    return {
        "en": "signature does not match the content",
        "fr": "la signature ne correspond pas au contenu",
    }


@pytest.mark.parametrize("first", ["en", "fr"])
async def test_a_language_switch_says_the_problems_again(store: Path, first: str) -> None:
    """Why a file cannot be trusted is said in the language switched to, not the one the
    scan was made in."""
    reasons = tamper_with_one_record(store)
    second = "fr" if first == "en" else "en"
    set_language(first)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        problems = app.screen.query_one("#problems-text", Static)
        assert reasons[first] in str(problems.render())
        await pilot.press("f2")
        await ready(pilot)
        assert current_language() == second
        shown = str(app.screen.query_one("#problems-text", Static).render())
        assert reasons[second] in shown and reasons[first] not in shown


@pytest.mark.parametrize("first", ["en", "fr"])
async def test_a_language_switch_during_the_load_says_the_problems_again(
    store: Path, first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A switch made while the store is still being read: the problems found in the first
    language are said again in the second once the reading ends."""
    import threading

    from smtrainer.ui.dashboard import app as dashboard_app

    reasons = tamper_with_one_record(store)
    second = "fr" if first == "en" else "en"
    made, go_on = threading.Event(), threading.Event()
    keep = dashboard_app.keep_summary

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not made.is_set():  # The last summary was made, in the first language: it waits.
            made.set()
            assert go_on.wait(30)
        keep(*args, **kwargs)

    monkeypatch.setattr(dashboard_app, "keep_summary", held)
    set_language(first)
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):  # The screen goes on being drawn meanwhile.
            if made.is_set():
                break
            await pilot.pause(0.05)
        assert made.is_set()
        await pilot.press("f2")
        assert current_language() == second
        go_on.set()
        for _ in range(200):
            await ready(pilot)
            shown = str(app.screen.query_one("#problems-text", Static).render())
            if reasons[second] in shown and not app.loading():
                break
        assert reasons[second] in shown and reasons[first] not in shown


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_staff_table_is_exported_only_once_every_record_is_verified(
    store: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table still being filled in is not exported as if it were the whole truth."""
    import threading

    from smtrainer.ui.dashboard import app as dashboard_app

    started, go_on = threading.Event(), threading.Event()
    scan = dashboard_app.run_scan

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        assert go_on.wait(30)
        return scan(*args, **kwargs)

    monkeypatch.setattr(dashboard_app, "run_scan", held)
    set_language(language)
    said = {
        "en": ("still being verified", "Exported 40 members of staff (the whole table) to"),
        "fr": ("encore en cours de vérification", "40 membres du personnel (tout le tableau)"),
    }[language]
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):
            if started.is_set() and app.scan_progress is not None:
                break
            await pilot.pause(0.05)
        app.screen.query_one("#staff", DataTable).focus()
        await pilot.press("e")
        await pilot.pause()
        assert not (store / "exports").exists()
        assert any(said[0] in str(n.message) for n in app._notifications)
        go_on.set()
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert any(said[1] in str(n.message) for n in app._notifications)
    assert len(list((store / "exports").glob("staff-*.csv"))) == 1


async def test_an_open_drop_down_list_s_key_is_named_in_french(store: Path) -> None:
    """Textual's own key label for a drop-down list (Escape) is shown in the session's language."""
    from textual.widgets import Select

    from smtrainer.ui.widgets import KeyFooter

    set_language("fr")
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one("#status-filter", Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        labels = [str(key.description) for key in app.screen.query_one(KeyFooter).children]
        assert "Fermer la liste" in labels and "Dismiss menu" not in labels


async def test_an_attempt_not_passed_shows_no_refresher_date(store: Path) -> None:
    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.summary is not None
        row = next(r for r in app.summary.staff if any(not f.passed for f in r.history))
        app.push_screen(PersonScreen(row))
        await pilot.pause()
        table = app.screen.query_one("#history", DataTable)
        lines = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        failed = [line for line in lines if "Not passed" in line[2]]
        passed = [line for line in lines if "Passed" in line[2] and "Not" not in line[2]]
        assert failed and all(line[3] == "—" for line in failed)
        assert all(line[3] != "—" for line in passed)


@pytest.mark.parametrize("remember", [True, False])
async def test_a_language_switch_is_kept_for_the_next_start_unless_one_was_asked_for(
    store: Path, remember: bool
) -> None:
    from smtrainer.storage.settings import load_settings

    set_language("en")
    app = DashboardApp(store, TODAY)
    app.remember_language = remember  # As `smtrainer dashboard` sets it without --lang.
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        await ready(pilot)
    assert load_settings().language == ("fr" if remember else None)
