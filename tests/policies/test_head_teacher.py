"""The head teacher's side per policy: a school that requires two policies sees each person's
status for each, in the summary, its JSON and CSV, and the dashboard; --policy filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.domain.status import StaffStatus
from smtrainer.i18n import set_language
from smtrainer.workflows.summary import summarize

TODAY = dt.date(2026, 11, 21)
TWO = ["kingsworth", "ict-aup"]


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("school") / "store"
    arguments = ["demo", "--out", str(out), "--staff", "16", "--years", "2", "--seed", "4"]
    policies = [item for policy_id in TWO for item in ("--policy", policy_id)]
    assert main([*arguments, "--today", TODAY.isoformat(), *policies]) == 0
    return out


def test_each_person_has_a_status_per_policy(school: Path) -> None:
    summary = summarize(school, TODAY)
    assert summary.policies == sorted(TWO)
    urgency = [StaffStatus.NEVER, StaffStatus.OVERDUE, StaffStatus.FAILED, StaffStatus.DUE_SOON]
    differing = 0
    for row in summary.staff:
        assert [s.policy_id for s in row.policies] == sorted(TWO)
        statuses = [s.status for s in row.policies]
        differing += len(set(statuses)) > 1
        if row.status is not StaffStatus.LEFT:
            worst = min(statuses, key=lambda s: [*urgency, StaffStatus.CURRENT].index(s))
            assert row.status is worst, "the overall status is the most urgent policy's"
    assert differing, "the demo has people trained on one policy and not the other"


def test_policy_filter_judges_on_that_policy_only(school: Path) -> None:
    only = summarize(school, TODAY, policies=["ict-aup"])
    assert only.policies == ["ict-aup"]
    both = {row.id: row for row in summarize(school, TODAY).staff}
    for row in only.staff:
        assert all(f.policy_id == "ict-aup" for f in row.history)
        if row.status is not StaffStatus.LEFT:
            assert row.status is both[row.id].policies[0].status


def test_json_and_csv_name_each_policy(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["summary", "--store", str(school), "--today", TODAY.isoformat()]
    assert main([*base, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["policies"] == sorted(TWO)
    assert set(data["staff"][0]["policies"]) == set(TWO)
    assert main([*base, "--json", "--policy", "kingsworth"]) == 0
    filtered = json.loads(capsys.readouterr().out)
    assert filtered["policies"] == ["kingsworth"]
    csv_path = tmp_path / "staff.csv"
    assert main([*base, "--csv", str(csv_path)]) == 0
    header = csv_path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith(",ict-aup,kingsworth")
    assert main([*base]) == 0
    assert "ict-aup" in capsys.readouterr().out


async def test_dashboard_shows_a_column_per_policy(school: Path) -> None:
    from textual.widgets import DataTable

    from smtrainer.ui.dashboard.app import DashboardApp

    app = DashboardApp(school, TODAY)
    async with app.run_test(size=(160, 40)) as pilot:
        for _ in range(100):
            if app.summary is not None and app.scan_progress is None:
                break
            await pilot.pause(0.1)
        await pilot.pause()
        table = app.screen.query_one("#staff", DataTable)
        labels = [str(column.label) for column in table.columns.values()]
        assert labels[-2:] == sorted(TWO)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("command", ["summary", "dashboard"])
def test_a_policy_id_nobody_knows_is_refused_not_judged(
    school: Path, capsys: pytest.CaptureFixture[str], language: str, command: str
) -> None:
    """A mistyped --policy would show everyone as never started: it is said instead."""
    where = ["--store", str(school), "--today", TODAY.isoformat()]
    capsys.readouterr()
    assert main(["--lang", language, command, *where, "--policy", "kingsworht"]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert "'kingsworht'" in said.err and "kingsworth" in said.err
    assert ("installed" if language == "en" else "installé") in said.err
    if command == "dashboard":
        return
    base = ["--lang", language, "summary", *where]
    assert main([*base, "--policy", "magna-carta", "--json"]) == 0  # Installed, nobody trained.
    assert {row["status"] for row in json.loads(capsys.readouterr().out)["staff"]} <= {
        "never",
        "left",
    }
    set_language("en")
