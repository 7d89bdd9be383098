"""Write the record-format test vectors into tests/data/records/ (see docs/record-format.md).

    python scripts/make_record_vectors.py

The key is derived from a published phrase: it is for test vectors only and proves nothing.
Ed25519 signatures are deterministic, so running this again reproduces the same files.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smtrainer.domain import sshsig  # noqa: E402
from smtrainer.domain.record import signed_message  # noqa: E402
from smtrainer.domain.record_signing import sign_record  # noqa: E402
from smtrainer.storage.records import record_text  # noqa: E402

OUT = ROOT / "tests" / "data" / "records"
KEY_PHRASE = b"smtrainer record format v1 test vector key - never use for anything else"

RECORD = {
    "schema": "smtrainer.record.v1",
    "record_id": "0b7c1f7e-3f0e-4c52-9a57-2d1e8f3b6a41",
    "kind": "induction",
    "policy_id": "kingsworth",
    "policy_version": "1.0",
    "language": "fr",
    "staff_id": "S-0042",
    "staff_name": "Zoé Lefèvre",
    "staff_role": "teacher",
    "started_at": "2026-11-21T09:12:00Z",
    "completed_at": "2026-11-21T10:31:00Z",
    "correct": 4,
    "total": 5,
    "score_pct": 80,
    "pass_mark": 80,
    "passed": True,
    "attempts": 1,
    "refresher_due": "2027-11-21",
    "app_version": "0.1.0",
    "modules": [
        {
            "id": "pupils-parents-and-family",
            "content_hash": "sha256:" + "ab" * 32,
            "correct": 2,
            "total": 3,
            "score_pct": 66,
        },
        {
            "id": "use-at-school",
            "content_hash": "sha256:" + "cd" * 32,
            "correct": 2,
            "total": 2,
            "score_pct": 100,
        },
    ],
    "assessment": {
        "seed": 20261121,
        "questions": [
            {
                "id": "q08-a",
                "module": "pupils-parents-and-family",
                "outcome": "correct",
                "answer": ["b"],
            },
            {
                "id": "q08-b",
                "module": "pupils-parents-and-family",
                "outcome": "wrong",
                "answer": ["a", "c"],
            },
            {
                "id": "q08-c",
                "module": "pupils-parents-and-family",
                "outcome": "correct",
                "answer": ["false"],
            },
            {"id": "q09-a", "module": "use-at-school", "outcome": "correct", "answer": ["d"]},
            {"id": "q09-b", "module": "use-at-school", "outcome": "correct", "answer": ["true"]},
        ],
    },
    "scenario_choices": [
        {
            "module": "pupils-parents-and-family",
            "scenario": "sc08-x",
            "step": "start",
            "choice": "b",
            "verdict": "best",
        },
        {
            "module": "use-at-school",
            "scenario": "sc09-y",
            "step": "start",
            "choice": "a",
            "verdict": "unsafe",
        },
    ],
}


RECORD_V2 = {
    "schema": "smtrainer.record.v2",
    "record_id": "5d0c6a0e-8f55-4b7e-b1c4-0a9e3f2d7c18",
    "kind": "induction",
    "policy_id": "kingsworth",
    "policy_version": "2.0",
    "language": "fr",
    "staff_id": "S-0042",
    "staff_name": "Zoé Lefèvre",
    "staff_role": "teacher",
    "started_at": "2027-11-20T09:12:00Z",
    "completed_at": "2027-11-20T10:40:00Z",
    "correct": 4,
    "total": 5,
    "score_pct": 80,
    "pass_mark": 80,
    "passed": True,
    "refresher_due": "2028-11-20",
    "app_version": "0.2.0",
    "modules": [
        ["pupils-parents-and-family", "sha256-" + "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s="],
        ["use-at-school", "sha256-" + "zc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc0="],
    ],
    "scenarios": [
        [0, "sc08-x", "start/b", "follow-up/a/acceptable"],
        [1, "sc09-y", "start/a/unsafe"],
    ],
    "attempts": [
        {
            "seed": 20271120,
            "correct": 2,
            "total": 5,
            "score_pct": 40,
            "questions": [
                [0, "q08-a", True, ["b"]],
                [0, "q08-b", False, ["a", "c"]],
                [0, "q08-c", False, ["true"]],
                [1, "q09-a", False, ["a"]],
                [1, "q09-b", True, ["true"]],
            ],
        },
        {
            "seed": 20271120,
            "correct": 4,
            "total": 5,
            "score_pct": 80,
            "questions": [
                [0, "q08-a", True, ["b"]],
                [0, "q08-b", False, ["a"]],
                [0, "q08-c", True, ["false"]],
                [1, "q09-a", True, ["d"]],
                [1, "q09-b", True, ["true"]],
            ],
        },
    ],
}
"""A v2 record: 40 % at the first attempt, then 80 % (passed)."""


def test_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(KEY_PHRASE).digest())


def other_key_fields() -> dict[str, str]:
    """The public key and fingerprint of a different key, as a forger might substitute."""
    other = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(KEY_PHRASE + b"!").digest())
    return {
        "public_key": sshsig.public_key_line(other.public_key()),
        "fingerprint": sshsig.fingerprint(other.public_key()),
    }


def v2_files(key: Ed25519PrivateKey) -> dict[str, str]:
    """The v2 vectors: valid, tampered, and signed but breaking the v2 rules."""
    valid = record_text(RECORD_V2, sign_record(RECORD_V2, key))
    inconsistent = {**RECORD_V2, "score_pct": 100, "correct": 5}
    return {
        "v2-valid.toml": valid,
        "v2-tampered-outcome.toml": valid.replace(
            '[1,"q09-a",false,["a"]]', '[1,"q09-a",true,["a"]]'
        ),
        "v2-tampered-added-key.toml": valid.replace(
            "[signature]", 'public_key = "x"\n\n[signature]'
        ),
        "v2-unsigned.toml": valid.split("[signature]")[0],
        "v2-signed-inconsistent.toml": record_text(inconsistent, sign_record(inconsistent, key)),
    }


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    key = test_key()
    signature = sign_record(RECORD, key)
    valid = record_text(RECORD, signature)
    files = {
        "valid.toml": valid,
        "reformatted.toml": "# Re-saved by hand: other layout, same values.\n"
        + valid.replace("score_pct = 80\n", "score_pct   =   80   # unchanged\n").replace(
            "[record]\n", "[record]\n\n"
        ),
        "tampered-score.toml": valid.replace("score_pct = 80\n", "score_pct = 100\n", 1),
        "tampered-name.toml": valid.replace("Zoé Lefèvre", "Zoe Lefevre"),
        "tampered-added-key.toml": valid.replace(
            "[[record.modules]]", 'note = "x"\n\n[[record.modules]]', 1
        ),
        "unsigned.toml": valid.split("[signature]")[0],
        "unsupported.toml": valid.replace("smtrainer.record.v1", "smtrainer.record.v9"),
        "wrong-key.toml": record_text(RECORD, {**signature, **other_key_fields()}),
        **v2_files(key),
    }
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    (OUT / "random-bytes.toml").write_bytes(hashlib.sha512(b"random").digest() * 4 + os.urandom(0))
    (OUT / "valid.message.json").write_bytes(signed_message(RECORD))
    (OUT / "v2-valid.message.json").write_bytes(signed_message(RECORD_V2))
    (OUT / "test-key.pub").write_text(signature["public_key"] + " test-vector\n")
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    (OUT / "test-key").write_bytes(private)
    print(f"wrote {len(files) + 5} files to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
