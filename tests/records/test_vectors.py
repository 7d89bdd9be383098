"""The published test vectors of docs/record-format.md, checked against the code."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from smtrainer.domain.record import NAMESPACE, check_record, signed_message
from smtrainer.domain.record_signing import sign_record, verify_record_bytes
from smtrainer.domain.record_status import Status
from smtrainer.storage.records import record_text

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "data" / "records"

EXPECTED = {
    "valid.toml": Status.VALID,
    "reformatted.toml": Status.VALID,
    "tampered-score.toml": Status.TAMPERED,
    "tampered-name.toml": Status.TAMPERED,
    "tampered-added-key.toml": Status.TAMPERED,
    "wrong-key.toml": Status.TAMPERED,
    "unsigned.toml": Status.UNSIGNED,
    "unsupported.toml": Status.UNSUPPORTED,
    "random-bytes.toml": Status.UNREADABLE,
    "v2-valid.toml": Status.VALID,
    "v2-tampered-outcome.toml": Status.TAMPERED,
    "v2-tampered-added-key.toml": Status.TAMPERED,
    "v2-unsigned.toml": Status.UNSIGNED,
    "v2-signed-inconsistent.toml": Status.INVALID,
}


def _vector_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_record_vectors", ROOT / "scripts" / "make_record_vectors.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "status"), EXPECTED.items())
def test_vector_status(name: str, status: Status) -> None:
    assert verify_record_bytes((VECTORS / name).read_bytes()).status is status


def test_every_vector_file_is_listed() -> None:
    assert {p.name for p in VECTORS.glob("*.toml")} == set(EXPECTED)


def test_valid_vector_is_reproduced_by_the_code() -> None:
    script = _vector_script()
    text = record_text(script.RECORD, sign_record(script.RECORD, script.test_key()))
    assert text == (VECTORS / "valid.toml").read_text(encoding="utf-8")
    assert check_record(script.RECORD) == []


def test_valid_v2_vector_is_reproduced_by_the_code() -> None:
    script = _vector_script()
    text = record_text(script.RECORD_V2, sign_record(script.RECORD_V2, script.test_key()))
    assert text == (VECTORS / "v2-valid.toml").read_text(encoding="utf-8")
    assert check_record(script.RECORD_V2) == []


def test_inconsistent_v2_vector_names_the_broken_rule() -> None:
    result = verify_record_bytes((VECTORS / "v2-signed-inconsistent.toml").read_bytes())
    assert "attempts" in result.reason or "score_pct" in result.reason


@pytest.mark.parametrize("prefix", ["", "v2-"])
def test_signed_message_vector(prefix: str) -> None:
    text = (VECTORS / f"{prefix}valid.toml").read_text(encoding="utf-8")
    record = tomllib.loads(text)["record"]
    assert signed_message(record) == (VECTORS / f"{prefix}valid.message.json").read_bytes()


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs OpenSSH's ssh-keygen")
@pytest.mark.parametrize(
    ("name", "good"),
    [
        ("valid.toml", True),
        ("reformatted.toml", True),
        ("tampered-score.toml", False),
        ("v2-valid.toml", True),
        ("v2-tampered-outcome.toml", False),
    ],
)
def test_stock_openssh_verifies_the_record(tmp_path: Path, name: str, good: bool) -> None:
    document = tomllib.loads((VECTORS / name).read_text(encoding="utf-8"))
    public_key = (VECTORS / "test-key.pub").read_text(encoding="utf-8").strip()
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'S-0042 namespaces="{NAMESPACE}" {public_key}\n', encoding="utf-8")
    signature = tmp_path / "record.sig"
    signature.write_text(document["signature"]["value"], encoding="utf-8")
    message = subprocess.run(
        [sys.executable, "-m", "smtrainer", "verify", "--message", str(VECTORS / name)],
        capture_output=True,
        check=True,
    ).stdout
    assert message == signed_message(document["record"])
    result = subprocess.run(
        [
            "ssh-keygen",
            "-Y",
            "verify",
            "-f",
            str(allowed),
            "-I",
            "S-0042",
            "-n",
            NAMESPACE,
            "-s",
            str(signature),
        ],
        input=message,
        capture_output=True,
    )
    assert (result.returncode == 0) is good, result.stderr
    if good:
        assert b"Good" in result.stdout


def test_documented_python_equivalent_of_the_canonical_form() -> None:
    import json

    record = tomllib.loads((VECTORS / "valid.toml").read_text(encoding="utf-8"))["record"]
    plain = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert plain.encode("utf-8") == signed_message(record)


def test_documented_verification_code() -> None:
    from smtrainer.domain.record import verification_code

    record = tomllib.loads((VECTORS / "valid.toml").read_text(encoding="utf-8"))["record"]
    assert verification_code(record) == "FFAB-AGC2-O2CV"
