"""`smtrainer key`, `verify` and `demo` as a user runs them."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from tests.cli.test_cli import run

VECTORS = Path(__file__).resolve().parents[1] / "data" / "records"
FINGERPRINT_LINE = re.compile(r"^256 SHA256:[A-Za-z0-9+/]{43} smtrainer \(ED25519\)$")


def test_key_is_created_once_owner_only_and_shown_like_ssh_keygen(
    isolated: Path, tmp_path: Path
) -> None:
    first = run("key", "show", env={"SMTRAINER_HOME": str(isolated)})
    assert first.returncode == 0, first.stderr
    assert FINGERPRINT_LINE.match(first.stdout.strip())
    key_file = isolated / "data" / "keys" / "id_ed25519"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = run("key", "show", env={"SMTRAINER_HOME": str(isolated)})
    assert again.stdout == first.stdout
    exported = run("key", "export", env={"SMTRAINER_HOME": str(isolated)})
    assert exported.stdout.startswith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI")
    if shutil.which("ssh-keygen"):
        public = tmp_path / "key.pub"
        public.write_text(exported.stdout)
        listed = subprocess.run(
            ["ssh-keygen", "-l", "-f", str(public)], capture_output=True, text=True, check=True
        )
        assert listed.stdout.strip() == first.stdout.strip()


def test_passphrase_protected_key(isolated: Path) -> None:
    env = {"SMTRAINER_HOME": str(isolated), "SMTRAINER_KEY_PASSPHRASE": "correct horse"}
    created = run("key", "show", "--passphrase", env=env)
    assert created.returncode == 0, created.stderr
    key_text = (isolated / "data" / "keys" / "id_ed25519").read_text()
    assert "BEGIN OPENSSH PRIVATE KEY" in key_text
    wrong = run("key", "show", env={**env, "SMTRAINER_KEY_PASSPHRASE": "wrong"})
    assert wrong.returncode == 1
    assert "passphrase" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    missing = run("key", "show", env={"SMTRAINER_HOME": str(isolated)})
    assert missing.returncode == 1
    again = run("key", "show", env=env)
    assert again.stdout == created.stdout
    assert "only protects a new one" not in again.stderr
    protect_again = run("key", "show", "--passphrase", env=env)
    assert protect_again.returncode == 0
    assert protect_again.stdout == created.stdout
    assert "--passphrase only protects a new one" in protect_again.stderr


def test_damaged_key_file_is_a_clear_error(isolated: Path) -> None:
    key_file = isolated / "data" / "keys" / "id_ed25519"
    key_file.parent.mkdir(parents=True)
    key_file.write_text("not a key")
    result = run("key", "show", env={"SMTRAINER_HOME": str(isolated)})
    assert result.returncode == 1
    assert "damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_verify_exit_codes_and_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(VECTORS / "valid.toml"), str(VECTORS / "reformatted.toml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("valid ") for line in lines)
    assert main(["verify", str(VECTORS)]) == 1
    out = capsys.readouterr().out
    for word in ("tampered", "unsigned", "unreadable", "unsupported version"):
        assert re.search(rf"^{word} ", out, re.MULTILINE), word


def test_verify_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--json", str(VECTORS)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["counts"] == {
        "valid": 3,
        "tampered": 6,
        "unsigned": 2,
        "unreadable": 1,
        "invalid": 1,
        "unsupported": 1,
    }
    valid = next(r for r in report["records"] if r["file"].endswith("/valid.toml"))
    assert valid["staff_id"] == "S-0042"
    assert valid["fingerprint"].startswith("SHA256:")


def test_verify_usage_errors(tmp_path: Path) -> None:
    missing = run("verify", str(tmp_path / "nothing-here"))
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    none = run("verify")
    assert none.returncode == 2
    assert "Traceback" not in none.stderr
    for extra in (["--json"], [str(tmp_path)]):
        mixed = run("verify", "--message", str(tmp_path / "r.toml"), *extra)
        assert mixed.returncode == 2
        assert "give no PATH or --json" in mixed.stderr


def test_verify_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "verify", str(VECTORS / "tampered-score.toml")]) == 1
    out = capsys.readouterr().out
    assert out.startswith("falsifié ")
    assert "signature" in out
    assert "does not match" not in out


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.slow
def test_demo_is_deterministic_and_verifies(tmp_path: Path) -> None:
    args = ["--staff", "25", "--years", "3", "--today", "2026-11-21"]
    assert main(["demo", "--out", str(tmp_path / "a"), "--seed", "3", *args]) == 0
    assert main(["demo", "--out", str(tmp_path / "b"), "--seed", "3", *args]) == 0
    assert main(["demo", "--out", str(tmp_path / "c"), "--seed", "4", *args]) == 0
    assert _tree_digest(tmp_path / "a") == _tree_digest(tmp_path / "b")
    assert _tree_digest(tmp_path / "a") != _tree_digest(tmp_path / "c")
    assert main(["verify", str(tmp_path / "a" / "records")]) == 0
    staff = (tmp_path / "a" / "staff.csv").read_text(encoding="utf-8").splitlines()
    assert staff[0] == "Staff ID,Full Name,Role,Email"
    assert len(staff) == 26


def test_verify_on_a_store_checks_its_records_not_its_roster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert main(["demo", "--out", str(store), "--staff", "3", "--years", "1"]) == 0
    (store / "notes.toml").write_text("not a record", encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", str(store)]) == 0
    said = capsys.readouterr().out
    assert "roster.toml" not in said and "notes.toml" not in said
    assert said.count("valid") == len(list((store / "records").rglob("*.toml")))
    (store / "records" / "stray.toml").write_text("not a record", encoding="utf-8")
    assert main(["verify", str(store)]) == 1


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "something").write_text("keep me")
    assert main(["demo", "--out", str(tmp_path)]) == 2
    assert (tmp_path / "something").read_text() == "keep me"


def test_demo_rejects_bad_numbers() -> None:
    result = run("demo", "--out", "x", "--staff", "0")
    assert result.returncode == 2
    assert "--staff" in result.stderr
