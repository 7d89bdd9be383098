"""Open Badges 3.0 credentials issued from the store, and verified offline."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from smtrainer.cli.main import main
from smtrainer.i18n import set_language
from smtrainer.storage.issuer import IssuerError, IssuerProfile, init_issuer, issuer_dir
from smtrainer.workflows.credentials import record_hashes, trusted_records, verify_credential

from .conftest import NAMES, TODAY

NOW = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)


def issue(store: Path, out: Path, *extra: str, today: dt.date = TODAY) -> int:
    where = ["--store", str(store), "--out", str(out), "--today", str(today)]
    return main(["credential", "issue", *where, *extra])


def leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in leaf_paths(value, (*prefix, key))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in leaf_paths(value, (*prefix, i))]
    return [prefix]


def test_issuer_key_is_owner_only_and_never_replaced(issuer: IssuerProfile) -> None:
    key = issuer_dir() / "issuer_ed25519"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert issuer.did.startswith("did:key:z6Mk")
    with pytest.raises(IssuerError):
        init_issuer(NAMES)


def test_every_issued_credential_verifies_with_its_record(
    store: Path, issuer: IssuerProfile, tmp_path: Path
) -> None:
    out = tmp_path / "credentials"
    assert issue(store, out) == 0
    files = sorted(out.glob("*.json"))
    assert files, "the demo store has passed records"
    records = record_hashes([store / "records"])
    for path in files:
        credential = json.loads(path.read_text(encoding="utf-8"))
        moment = dt.datetime.fromisoformat(credential["validFrom"]) + dt.timedelta(days=1)
        check = verify_credential(path, moment, records)
        assert check.valid, (path.name, check.problems)
        assert check.evidence == "checked"
        assert credential["issuer"]["id"] == issuer.did
        subject = credential["credentialSubject"]
        assert subject["achievement"]["achievementType"] == "CertificateOfCompletion"
        required = subject["achievement"]["resultDescription"][0]["requiredValue"]
        assert int(subject["result"][0]["value"]) >= int(required)


def test_a_second_issue_gives_the_same_ids(
    store: Path, issuer: IssuerProfile, tmp_path: Path
) -> None:
    assert issue(store, tmp_path / "a") == 0
    assert issue(store, tmp_path / "b") == 0
    first = {p.name: json.loads(p.read_text())["id"] for p in (tmp_path / "a").glob("*.json")}
    second = {p.name: json.loads(p.read_text())["id"] for p in (tmp_path / "b").glob("*.json")}
    assert first == second


def test_changing_any_value_is_detected(store: Path, issuer: IssuerProfile, tmp_path: Path) -> None:
    out = tmp_path / "credentials"
    assert issue(store, out) == 0
    path = sorted(out.glob("*.json"))[0]
    original = json.loads(path.read_text(encoding="utf-8"))
    moment = dt.datetime.fromisoformat(original["validFrom"]) + dt.timedelta(days=1)
    paths = [p for p in leaf_paths(original) if p[0] not in ("@context", "proof")]
    assert len(paths) > 30
    for leaf in paths:
        changed = json.loads(json.dumps(original))
        target = changed
        for key in leaf[:-1]:
            target = target[key]
        value = target[leaf[-1]]
        target[leaf[-1]] = (value + "x") if isinstance(value, str) else not value
        tampered = tmp_path / "tampered.json"
        tampered.write_text(json.dumps(changed), encoding="utf-8")
        assert not verify_credential(tampered, moment).valid, leaf


def test_a_changed_record_no_longer_matches_the_evidence(
    store: Path, issuer: IssuerProfile, tmp_path: Path
) -> None:
    out = tmp_path / "credentials"
    assert issue(store, out) == 0
    path = sorted(out.glob("*.json"))[0]
    credential = json.loads(path.read_text(encoding="utf-8"))
    record = next((store / "records").rglob(f"*{path.stem}.toml"))
    record.write_bytes(record.read_bytes() + b"\n# a comment changes the file's hash\n")
    moment = dt.datetime.fromisoformat(credential["validFrom"]) + dt.timedelta(days=1)
    check = verify_credential(path, moment, record_hashes([store / "records"]))
    assert not check.valid
    assert check.evidence == "mismatch"


def test_dates_are_checked(store: Path, issuer: IssuerProfile, tmp_path: Path) -> None:
    out = tmp_path / "credentials"
    assert issue(store, out) == 0
    path = sorted(out.glob("*.json"))[0]
    credential = json.loads(path.read_text(encoding="utf-8"))
    start = dt.datetime.fromisoformat(credential["validFrom"])
    end = dt.datetime.fromisoformat(credential["validUntil"])
    early = verify_credential(path, start - dt.timedelta(days=3))
    late = verify_credential(path, end + dt.timedelta(days=1))
    assert any("not valid yet" in p for p in early.problems)
    assert any("expired" in p for p in late.problems)


def test_one_persons_latest_only(store: Path, issuer: IssuerProfile, tmp_path: Path) -> None:
    everyone, one = tmp_path / "all", tmp_path / "one"
    assert issue(store, everyone) == 0
    subjects = {
        json.loads(p.read_text())["credentialSubject"]["identifier"][0]["identityHash"]
        for p in everyone.glob("*.json")
    }
    assert len(subjects) > 1
    staff_id = "s-0001"  # Ids match whatever their case.
    assert issue(store, one, "--staff", staff_id) in (0, 1)
    assert len(list(one.glob("*.json"))) <= 1


def test_records_already_expired_get_no_credential(
    store: Path, issuer: IssuerProfile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passed = trusted_records(store, TODAY)
    expired = [r for r in passed if str(r.record["refresher_due"]) < TODAY.isoformat()]
    assert expired and len(expired) < len(passed), "the demo has both kinds"
    out = tmp_path / "credentials"
    capsys.readouterr()
    assert issue(store, out) == 0
    said = capsys.readouterr().out
    written = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    assert len(written) == len(passed) - len(expired)
    assert all(c["validUntil"] >= TODAY.isoformat() for c in written)
    assert f"{len(passed) - len(expired)} credentials written" in said
    assert f"{len(expired)} passed records left out" in said

    person = str(passed[-1].record["staff_id"])
    later = dt.date(2040, 1, 1)
    assert issue(store, tmp_path / "one", "--staff", person, today=later) == 1
    error = capsys.readouterr().err
    assert "expired on" in error and person in error
    assert not list((tmp_path / "one").glob("*.json"))


def test_verify_command_words_in_french(
    store: Path, issuer: IssuerProfile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "credentials"
    assert issue(store, out) == 0
    path = sorted(out.glob("*.json"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace('"value": "', '"value": "1'))
    capsys.readouterr()
    assert main(["--lang", "fr", "credential", "verify", str(path)]) == 1
    said = capsys.readouterr().out
    assert "invalide" in said and "signature" in said
    set_language("en")


def test_no_issuer_is_a_clear_error(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert issue(store, tmp_path / "out") == 1
    assert "issuer init" in capsys.readouterr().err


def test_unreadable_and_hostile_files_are_reported(tmp_path: Path) -> None:
    cases = {
        "empty.json": b"",
        "binary.json": os.urandom(64),
        "list.json": b"[1, 2]",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "other.json": json.dumps({"@context": ["https://example.org/x"], "type": ["X"]}).encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        check = verify_credential(tmp_path / name, NOW)
        assert not check.valid, name
        assert check.issuer == "", name  # Never "None", nor the text of an odd value.
    assert TODAY


def test_issuer_init_from_the_command_line_with_or_without_a_web_site(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["issuer", "init", "--name", "École", "--url", "www.example"])
    assert refused.value.code == 2
    assert main(["issuer", "init", "--name", "École Kingsworth"]) == 0
    assert "did:key:" in capsys.readouterr().out
    assert main(["issuer", "show"]) == 0
    assert "Web site" not in capsys.readouterr().out
