"""Summary: totals, statuses, damaged files, the scan cache, JSON and CSV output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.domain.status import StaffStatus
from smtrainer.storage import scan_cache
from smtrainer.workflows.summary import summarize
from tests.headteacher.conftest import TODAY


def damage(store: Path) -> dict[str, str]:
    """Damage five records the ways the issue names; returns file → expected reason."""
    files = sorted((store / "records").glob("*.toml"))
    changed_score, changed_name, rubbish, truncated, empty = files[:5]
    changed_score.write_text(changed_score.read_text().replace("score_pct = ", "score_pct = 1", 1))
    changed_name.write_text(
        changed_name.read_text().replace('staff_name = "', 'staff_name = "X', 1)
    )
    rubbish.write_bytes(os.urandom(3000))
    truncated.write_bytes(truncated.read_bytes()[:700])
    empty.write_bytes(b"")
    return {
        f"records/{changed_score.name}": "tampered",
        f"records/{changed_name.name}": "tampered",
        f"records/{rubbish.name}": "unreadable",
        f"records/{truncated.name}": "unreadable",
        f"records/{empty.name}": "unreadable",
    }


def test_damaged_files_are_exactly_the_invalid_ones(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    total = len(list((store / "records").glob("*.toml")))
    expected = damage(store)
    assert main(["summary", "--store", str(store), "--json", "--today", TODAY.isoformat()]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["records"] == total
    assert report["totals"]["invalid"] == 5
    assert report["totals"]["verified"] + report["totals"]["unverified"] == total - 5
    assert {p["file"]: p["reason"] for p in report["problems"]} == expected
    person = report["staff"][0]
    assert set(person) >= {
        "id",
        "name",
        "role",
        "status",
        "last_completed",
        "score_pct",
        "refresher_due",
    }


def test_every_status_appears_in_the_demo(store: Path) -> None:
    summary = summarize(store, TODAY)
    statuses = {row.status for row in summary.staff}
    assert statuses == set(StaffStatus), f"missing: {set(StaffStatus) - statuses}"
    assert len(summary.staff) == 40
    assert summary.question_results, "per-question results come from verified records"
    assert summary.choice_counts


def test_second_run_uses_the_cache_and_sees_changes(store: Path) -> None:
    first = summarize(store, TODAY)
    cache = store / scan_cache.CACHE_FILE
    assert cache.exists()
    again = summarize(store, TODAY)
    assert again.invalid == first.invalid == 0
    victim = sorted((store / "records").glob("*.toml"))[0]
    victim.write_bytes(victim.read_bytes().replace(b"passed = ", b"passed =  ", 1))
    assert summarize(store, TODAY).invalid == 0, "a layout change still verifies"
    victim.write_bytes(victim.read_bytes().replace(b"score_pct = ", b"score_pct = 9", 1))
    assert summarize(store, TODAY).invalid == 1


def test_corrupt_cache_is_ignored(store: Path) -> None:
    first = summarize(store, TODAY)
    for name in (scan_cache.CACHE_FILE, scan_cache.DETAILS_FILE):
        (store / name).write_text("{not a cache")
    again = summarize(store, TODAY)
    assert (again.records, again.verified) == (first.records, first.verified) != (0, 0)
    assert again.statistics == first.statistics
    assert (store / scan_cache.CACHE_FILE).read_bytes().startswith(scan_cache.MAGIC)


def test_damaged_cache_is_rebuilt_not_trusted(store: Path) -> None:
    """A cache whose bytes changed (even inside a value) is thrown away and made again."""
    first = summarize(store, TODAY)
    cache = store / scan_cache.CACHE_FILE
    data = bytearray(cache.read_bytes())
    at = data.find(b"valid")
    data[at : at + 5] = b"waxed"
    cache.write_bytes(bytes(data))
    again = summarize(store, TODAY)
    assert (again.records, again.invalid, again.verified) == (
        first.records,
        first.invalid,
        first.verified,
    )
    assert cache.read_bytes() != bytes(data), "the damaged cache was replaced"


def test_unchanged_store_reads_no_record(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summarize(store, TODAY)
    from smtrainer.workflows import record_scan

    def fail(*_args: object) -> bytes:
        raise AssertionError("a record was read although nothing changed")

    monkeypatch.setattr(record_scan, "_verify_chunk", fail)
    assert summarize(store, TODAY).records > 0


def test_csv_export_is_spreadsheet_safe(store: Path, tmp_path: Path) -> None:
    roster = (store / "roster.toml").read_text(encoding="utf-8")
    first_name = roster.split('name = "', 1)[1].split('"', 1)[0]
    (store / "roster.toml").write_text(
        roster.replace(first_name, "=HYPERLINK(1)", 1), encoding="utf-8"
    )
    out = tmp_path / "staff.csv"
    assert main(["summary", "--store", str(store), "--csv", str(out), "--today", "2026-11-21"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Staff id,Name,Role,Status")
    assert "'=HYPERLINK(1)" in text
    assert ",=HYPERLINK" not in text


def test_summary_in_french(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "summary", "--store", str(store), "--today", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "vérifiées" in out or "vérifiée" in out
    assert "verified" not in out
    counts = out.splitlines()[1]  # "à jour : 12  en retard : 3 …"
    assert counts.count("\u00a0: ") == 6 and " :" not in counts.replace("\u00a0:", "")


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["summary", "--store", str(tmp_path / "nope")]) == 2
