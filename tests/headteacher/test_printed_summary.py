"""The kept printed summary: with nothing changed a summary is read from it without reading any
record's facts, and whatever changed, the summary printed equals one made from scratch."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smtrainer.cli.summary_cmd import summary_json
from smtrainer.domain.roster import ApprovedKey
from smtrainer.i18n import set_language
from smtrainer.storage.roster import RosterError, load_roster, save_roster
from smtrainer.workflows import printed_summary as printed
from smtrainer.workflows import record_scan
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.summary import summarize
from tests.headteacher.conftest import TODAY

NOON = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _printed(store: Path, now: dt.datetime = NOON, **options: Any) -> dict[str, Any]:
    context = RecordContext.load(now=now)
    return summary_json(printed.printed_summary(store, context=context, **_options(options)))


def _options(options: dict[str, Any]) -> dict[str, Any]:
    return {"today": TODAY, **options}


def _from_scratch(store: Path, tmp_path: Path, now: dt.datetime = NOON, **options: Any) -> Any:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(store, fresh, ignore=shutil.ignore_patterns(".cache"))
    context = RecordContext.load(now=now)
    return summary_json(summarize(fresh, context=context, **_options(options)))


def _cannot_be_called(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("the records' facts were read")


def test_nothing_changed_reads_no_facts(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _printed(store)
    scratch = _from_scratch(store, tmp_path)
    assert (store / printed.MEMO_FILE).is_file()
    monkeypatch.setattr(printed, "summarize", _cannot_be_called)
    monkeypatch.setattr(record_scan, "read_scan_cache", _cannot_be_called)
    again = _printed(store, now=NOON + dt.timedelta(minutes=5))
    assert again == first == scratch
    assert first["staff"] and first["totals"]["verified"]


def test_the_rows_printed_hold_no_history(store: Path) -> None:
    """Made or kept, a printed summary's rows are the same (no history either way)."""
    context = RecordContext.load(now=NOON)
    made = printed.printed_summary(store, TODAY, context=context)
    kept = printed.printed_summary(store, TODAY, context=context)
    assert made.staff == kept.staff
    assert all(row.history == () for row in kept.staff)
    assert made.scanned is None and kept.statistics.question_results == {}


def _change_a_record(store: Path) -> None:
    victim = sorted((store / "records").glob("*.toml"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("score_pct = ", "score_pct = 1", 1), encoding="utf-8")


def _copy_a_record(store: Path) -> None:
    first = sorted((store / "records").glob("*.toml"))[0]
    shutil.copy(first, first.with_name("zz-copy.toml"))


def _remove_a_record(store: Path) -> None:
    sorted((store / "records").glob("*.toml"))[-1].unlink()


def _change_a_key(store: Path) -> None:
    roster = load_roster(store)
    member = next(m for m in roster.staff.values() if m.keys)
    member.keys = [ApprovedKey("SHA256:another", "ssh-ed25519 AAAA another", "2026-11-21")]
    save_roster(store, roster)


def _rename_someone(store: Path) -> None:
    roster = load_roster(store)
    member = next(iter(roster.staff.values()))
    member.name = "Someone Else"
    save_roster(store, roster)


@pytest.mark.parametrize(
    "change",
    [_change_a_record, _copy_a_record, _remove_a_record, _change_a_key, _rename_someone],
)
def test_a_change_in_the_store_makes_it_again(
    store: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    first = _printed(store)
    change(store)
    again = _printed(store)
    assert again != first
    assert again == _from_scratch(store, tmp_path)
    assert _printed(store) == again  # Kept again: the same once more.


@pytest.mark.parametrize(
    "options",
    [
        {"today": TODAY + dt.timedelta(days=200)},
        {"today": TODAY - dt.timedelta(days=400)},
        {"due_soon_days": 365},
        {"policies": ["kingsworth", "another-school"]},
        {"policies": ["another-school"]},
    ],
)
def test_other_options_make_it_again(store: Path, tmp_path: Path, options: dict[str, Any]) -> None:
    first = _printed(store)
    again = _printed(store, **options)
    assert again != first
    assert again == _from_scratch(store, tmp_path, **options)
    assert _printed(store) == first


@pytest.mark.parametrize("days_back", [1, 30, 200, 400, 800])
def test_the_clock_on_either_side_of_a_record(store: Path, tmp_path: Path, days_back: int) -> None:
    """Kept at one moment, asked for with the clock earlier (records after it are then dated in
    the future) and back again: each answer equals a summary from scratch at that moment."""
    _printed(store)
    earlier = NOON - dt.timedelta(days=days_back)
    assert _printed(store, now=earlier) == _from_scratch(store, tmp_path, now=earlier)
    assert _printed(store) == _from_scratch(store, tmp_path)


def test_another_language_makes_it_again(store: Path, tmp_path: Path) -> None:
    """A problem's detail is said in the session's language."""
    _copy_a_record(store)
    english = _printed(store)
    assert any("identical copy" in p["detail"] for p in english["problems"])
    set_language("fr")
    assert _printed(store) == _from_scratch(store, tmp_path)
    set_language("en")
    assert _printed(store) == english


def test_a_damaged_kept_summary_is_not_trusted(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _printed(store)
    path = store / printed.MEMO_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    assert _printed(store) == first == _from_scratch(store, tmp_path)
    monkeypatch.setattr(printed, "summarize", _cannot_be_called)
    assert _printed(store) == first  # Written again, whole.


def test_a_roster_that_cannot_be_read_is_said(store: Path) -> None:
    _printed(store)
    (store / "roster.toml").write_text("[[staff]]\nid = 3\n", encoding="utf-8")
    with pytest.raises(RosterError):
        _printed(store)
