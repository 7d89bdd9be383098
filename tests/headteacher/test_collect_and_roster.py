"""Collecting records, importing staff lists, approving keys, allowed_signers."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.cli.main import main
from smtrainer.domain import sshsig
from smtrainer.domain.record_signing import sign_record
from smtrainer.domain.roster import Roster, Trust
from smtrainer.storage.records import record_file_name, record_text
from smtrainer.storage.roster import load_roster, save_roster
from smtrainer.workflows.collect import collect
from smtrainer.workflows.roster_import import import_staff
from smtrainer.workflows.summary import pending_keys, summarize
from tests.headteacher.conftest import TODAY


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_collect_new_then_already_then_conflict(store: Path, tmp_path: Path) -> None:
    share = store / "records"
    before = tree_digest(share)
    mine = tmp_path / "mine"
    first = collect(share, mine)
    count = len(list(share.glob("*.toml")))
    assert len(first.new) == count
    assert first.invalid == first.conflicts == []
    again = collect(share, mine)
    assert len(again.already) == count and again.new == []
    assert tree_digest(share) == before, "collect never changes the source"
    altered = tmp_path / "usb"
    altered.mkdir()
    victim = sorted(share.glob("*.toml"))[0]
    # Same record id, different (validly signed?) content: here a tampered copy is invalid,
    shutil.copy(victim, altered / "copy.toml")
    (altered / "bad.toml").write_bytes(b"\x00rubbish")
    third = collect(altered, mine)
    assert len(third.already) == 1
    assert len(third.invalid) == 1


def test_conflicting_record_id_is_flagged(store: Path, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from smtrainer.domain.record_signing import sign_record
    from smtrainer.storage.records import record_text

    mine = tmp_path / "mine"
    collect(store / "records", mine)
    import tomllib

    victim = sorted((store / "records").glob("*.toml"))[0]
    record = tomllib.loads(victim.read_text(encoding="utf-8"))["record"]
    record["app_version"] = "9.9.9"  # Still a well-formed record, with other content.
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / "f.toml").write_text(
        record_text(record, sign_record(record, Ed25519PrivateKey.generate()))
    )
    report = collect(forged, mine)
    assert len(report.conflicts) == 1
    summary = summarize(mine, TODAY, roster=load_roster(store))
    reused = [p for p in summary.problems if p.reason == "reused"]
    assert len(reused) == 1 and reused[0].file.endswith(".toml")
    assert victim.name not in reused[0].file, "the copy signed by the approved key counts"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"Staff ID,Full Name,Role,Email\r\nS-1,Ann Lee,Teacher,a@x\r\n",
            ("S-1", "Ann Lee", "teacher"),
        ),
        (
            "\ufeffIdentifiant;Nom complet;Fonction\nS-2;Zoé Lefèvre;Enseignante\n".encode(),
            ("S-2", "Zoé Lefèvre", "teacher"),
        ),
        (
            b"UPN\tForename\tSurname\tJob Title\nS-3\tBo\tChan\tTeaching Assistant\n",
            ("S-3", "Bo Chan", "teaching-assistant"),
        ),
    ],
)
def test_staff_lists_as_systems_export_them(data: bytes, expected: tuple[str, str, str]) -> None:
    roster = Roster()
    result = import_staff(data, roster)
    assert result.problems == []
    member = roster.member(expected[0])
    assert member is not None
    assert (member.id, member.name, member.role) == expected


def test_staff_list_without_ids_is_refused() -> None:
    result = import_staff(b"Name,Role\nAnn,Teacher\n", Roster())
    assert result.problems and "no staff id" in result.problems[0]


def test_unapproved_then_approved_then_changed_key(
    store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    roster = load_roster(store)
    member = next(iter(roster.staff.values()))
    approved = member.keys[0]
    for person in roster.staff.values():
        person.keys = []
    save_roster(store, roster)
    summary = summarize(store, TODAY)
    assert summary.verified == 0 and summary.unverified == summary.records
    waiting = [k for k in pending_keys(summary) if k.staff_id == member.id]
    assert waiting and waiting[0].trust is Trust.UNVERIFIED
    assert main(["roster", "--store", str(store), "pending"]) == 0
    assert approved.fingerprint in capsys.readouterr().out
    assert main(["roster", "--store", str(store), "approve", member.id, approved.fingerprint]) == 0
    capsys.readouterr()
    again = ["roster", "--store", str(store), "approve", member.id, approved.fingerprint]
    assert main(again) == 0  # Approved already: said so, nothing changes.
    assert "already approved" in capsys.readouterr().out
    assert any(
        f.staff_id == member.id
        for row in summarize(store, TODAY).staff
        if row.id == member.id
        for f in row.history
    )
    # A different key approved for this person makes their records "key changed".
    roster = load_roster(store)
    roster.member(member.id).keys[0] = type(approved)(  # type: ignore[union-attr]
        "SHA256:other", "ssh-ed25519 AAAA", "2026-01-01"
    )
    save_roster(store, roster)
    changed = [k for k in pending_keys(summarize(store, TODAY)) if k.staff_id == member.id]
    assert changed and changed[0].trust is Trust.KEY_CHANGED


def test_allowed_signers_works_with_ssh_keygen(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "allowed_signers"
    assert main(["roster", "--store", str(store), "allowed-signers", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 40
    assert all('namespaces="smtrainer-record-v1" ssh-ed25519 ' in line for line in lines)
    if shutil.which("ssh-keygen") is None:
        return
    import tomllib

    record_file = sorted((store / "records").glob("*.toml"))[0]
    document = tomllib.loads(record_file.read_text(encoding="utf-8"))
    (tmp_path / "sig").write_text(document["signature"]["value"])
    message = subprocess.run(
        [sys.executable, "-m", "smtrainer", "verify", "--message", str(record_file)],
        capture_output=True,
        check=True,
    ).stdout
    result = subprocess.run(
        [
            "ssh-keygen",
            "-Y",
            "verify",
            "-f",
            str(out),
            "-I",
            document["record"]["staff_id"],
            "-n",
            "smtrainer-record-v1",
            "-s",
            str(tmp_path / "sig"),
        ],
        input=message,
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr


def test_record_without_staff_id_is_verified_once_its_key_is_approved(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Staff ids can be optional: the approved key then says whose record it is."""
    roster = load_roster(store)
    member = sorted(roster.staff.values(), key=lambda m: m.id)[-1]
    template = tomllib.loads(next((store / "records").glob("*.toml")).read_text(encoding="utf-8"))
    record = {
        **template["record"],
        "staff_id": "",
        "staff_name": member.name,
        "record_id": str(uuid.uuid4()),
        "completed_at": "2026-11-20T09:00:00Z",
        "refresher_due": "2027-11-20",
        "passed": True,
    }
    key = Ed25519PrivateKey.generate()
    signature = sign_record(record, key)
    path = store / "records" / record_file_name(record)
    path.write_text(record_text(record, signature), encoding="utf-8")

    before = summarize(store, TODAY)
    waiting = [p for p in before.pending if p.file == path.name or p.file.endswith(path.name)]
    assert waiting and waiting[0].staff_id == "" and waiting[0].trust is Trust.UNVERIFIED
    assert main(["roster", "--store", str(store), "pending"]) == 0
    assert "no staff id in the record" in capsys.readouterr().out

    fingerprint = sshsig.fingerprint(key.public_key())
    command = ["roster", "--store", str(store), "approve", member.id, fingerprint, "--add"]
    assert main(command) == 0
    after = summarize(store, TODAY)
    assert after.verified == before.verified + 1
    row = next(r for r in after.staff if r.id == member.id)
    assert any(f.fingerprint == fingerprint for f in row.history)
    assert row.last_completed == "2026-11-20"


def test_approving_a_key_whose_records_name_someone_else_warns(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = load_roster(store)
    first, second = list(roster.staff.values())[:2]
    fingerprint = first.keys[0].fingerprint
    first.keys = []
    save_roster(store, roster)
    # Second's records would be signed by first's key: approving it for second is suspect.
    approve = ["roster", "--store", str(store), "approve"]
    assert main([*approve, second.id, fingerprint]) == 1  # Not one of second's records.
    capsys.readouterr()
    roster = load_roster(store)
    roster.member(second.id).name = "Someone Else"  # type: ignore[union-attr]
    roster.member(second.id).keys = []  # type: ignore[union-attr]
    save_roster(store, roster)
    second_fingerprint = second.keys[0].fingerprint
    assert main([*approve, second.id, second_fingerprint]) == 0
    said = capsys.readouterr()
    assert f"name {second.name}, not Someone Else" in said.err
    assert main([*approve, first.id, fingerprint]) == 0
    assert "make sure the key is theirs" not in capsys.readouterr().err  # Their own name.


def test_leaving_is_never_after_today_and_a_changed_day_is_said(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    member = next(iter(load_roster(store).staff.values()))
    leave = ["roster", "--store", str(store), "leave", member.id]
    assert main([*leave, "--on", "2999-01-01"]) == 2
    assert "after today" in capsys.readouterr().err
    assert load_roster(store).member(member.id).left_on == ""  # type: ignore[union-attr]
    assert main([*leave, "--on", "2026-01-05"]) == 0
    assert main([*leave, "--on", "2026-02-01"]) == 0
    assert "was recorded as leaving on 2026-01-05; now on 2026-02-01" in capsys.readouterr().out
