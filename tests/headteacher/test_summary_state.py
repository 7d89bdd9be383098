"""The kept evidence and the kept roster: a summary from them equals a summary from scratch,
whatever changed in between, and they are used only when nothing they depend on changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from smtrainer.cli.summary_cmd import summary_json
from smtrainer.domain.roster import ApprovedKey
from smtrainer.i18n import set_language
from smtrainer.storage import roster as roster_storage
from smtrainer.storage.roster import load_roster, save_roster
from smtrainer.workflows import evidence_state, record_scan
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.summary import summarize
from tests.headteacher.conftest import TODAY

NOON = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def _shown(store: Path, today: dt.date = TODAY, now: dt.datetime = NOON) -> dict[str, Any]:
    context = RecordContext.load(now=now)
    return summary_json(summarize(store, today, context=context))


def _from_scratch(store: Path, tmp_path: Path, **kwargs: Any) -> dict[str, Any]:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(store, fresh, ignore=shutil.ignore_patterns(".cache"))
    return _shown(fresh, **kwargs)


class Sorts:
    """Counts how often the evidence is sorted from scratch."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = evidence_state.sort_evidence

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(evidence_state, "sort_evidence", counted)


def test_nothing_changed_uses_the_kept_evidence(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sorts = Sorts(monkeypatch)
    first = _shown(store)
    again = _shown(store, now=NOON + dt.timedelta(hours=3))
    assert sorts.count == 1
    assert again == first == _from_scratch(store, tmp_path)


def test_a_changed_record_sorts_again(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sorts = Sorts(monkeypatch)
    first = _shown(store)
    victim = sorted((store / "records").glob("*.toml"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("score_pct = ", "score_pct = 1", 1), encoding="utf-8")
    again = _shown(store)
    assert sorts.count == 2
    assert again == _from_scratch(store, tmp_path)
    assert again["totals"]["invalid"] == first["totals"]["invalid"] + 1


def test_a_changed_roster_sorts_again(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sorts = Sorts(monkeypatch)
    first = _shown(store)
    roster = load_roster(store)
    member = next(m for m in roster.staff.values() if m.keys)
    member.keys = [ApprovedKey("SHA256:another", "ssh-ed25519 AAAA another", "2026-11-21")]
    save_roster(store, roster)
    again = _shown(store)
    assert sorts.count == 2
    assert again == _from_scratch(store, tmp_path)
    assert again["totals"]["key_changed"] > first["totals"]["key_changed"]


@pytest.mark.parametrize("days_back", [0, 30, 200, 400, 800])
def test_a_record_on_the_other_side_of_today_sorts_again(
    store: Path, tmp_path: Path, days_back: int
) -> None:
    """The kept evidence is made at one date, then asked for at earlier and later ones: each
    answer equals a summary from scratch at that date."""
    _shown(store)
    today = TODAY - dt.timedelta(days=days_back)
    now = NOON - dt.timedelta(days=days_back)
    assert _shown(store, today, now) == _from_scratch(store, tmp_path, today=today, now=now)
    assert _shown(store) == _from_scratch(store, tmp_path)


def test_a_damaged_state_or_roster_cache_is_not_trusted(store: Path, tmp_path: Path) -> None:
    first = _shown(store)
    (store / evidence_state.STATE_FILE).write_bytes(b"SMTSCAN2" + b"\0" * 40)
    (store / roster_storage.PARSED_ROSTER).write_bytes(b"rubbish")
    assert _shown(store) == first == _from_scratch(store, tmp_path)


def test_the_kept_roster_follows_the_file(store: Path) -> None:
    load_roster(store)
    assert (store / roster_storage.PARSED_ROSTER).is_file()
    text = (store / "roster.toml").read_text(encoding="utf-8")
    (store / "roster.toml").write_text(text.replace('role = "', 'role = "head-', 1))
    assert any(m.role.startswith("head-") for m in load_roster(store).staff.values())
    (store / "roster.toml").write_text("[[staff]]\nid = 3\n", encoding="utf-8")
    with pytest.raises(roster_storage.RosterError):
        load_roster(store)


def _tamper(store: Path) -> None:
    victim = sorted((store / "records").glob("*.toml"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("score_pct = ", "score_pct = 1", 1), encoding="utf-8")


@pytest.mark.parametrize("first_language", ["en", "fr"])
def test_problems_are_said_in_the_session_language_whatever_the_caches_hold(
    store: Path, tmp_path: Path, first_language: str
) -> None:
    """A file's reason is kept in the scan cache and a problem's detail in the kept evidence:
    a session in the other language says them again in its own (only those files are read
    again)."""
    _tamper(store)
    shutil.copy(sorted((store / "records").glob("*.toml"))[-1], store / "records" / "zz-copy.toml")
    shown: dict[str, dict[str, Any]] = {}
    for language in (first_language, "fr" if first_language == "en" else "en", first_language):
        set_language(language)
        shown[language] = _shown(store)
        assert shown[language] == _from_scratch(store, tmp_path)
    set_language("en")
    details = {language: [p["detail"] for p in s["problems"]] for language, s in shown.items()}
    assert "signature does not match the content" in details["en"]
    assert "la signature ne correspond pas au contenu" in details["fr"]
    assert any(d.startswith("an identical copy of") for d in details["en"])
    assert any(d.startswith("une copie identique de") for d in details["fr"])


def test_only_the_files_with_a_reason_are_read_again_in_another_language(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tamper(store)
    _shown(store)
    read: list[str] = []
    real = record_scan._verify_chunk

    def counted(items: list[tuple[str, str]]) -> bytes:
        read.extend(name for name, _path in items)
        return real(items)

    monkeypatch.setattr(record_scan, "_verify_chunk", counted)
    set_language("fr")
    _shown(store)
    set_language("en")
    tampered = sorted((store / "records").glob("*.toml"))[0].name
    assert read == [f"records/{tampered}"]
