"""A small school whose shared folder anybody can write to: helpers for the hostile-share tests.

Records are made from the v1 test vector, changed as a test needs, and signed by a real key: the
school's approved key, or any fresh key ("a key somebody made at home").
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import tomllib
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain import sshsig
from smtrainer.domain.record_signing import NAMESPACE, sign_record
from smtrainer.domain.roster import ApprovedKey, Roster, StaffMember
from smtrainer.storage.records import record_text
from smtrainer.storage.roster import save_roster

VALID = Path(__file__).resolve().parents[1] / "data" / "records" / "valid.toml"
TEMPLATE: dict[str, Any] = tomllib.loads(VALID.read_text(encoding="utf-8"))["record"]
TODAY = dt.date(2026, 11, 22)
"""The day after the template record was made."""
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def record(**changes: Any) -> dict[str, Any]:
    """The template record with a fresh id and `changes` applied."""
    made = copy.deepcopy(TEMPLATE)
    made["record_id"] = str(uuid.uuid4())
    made.update(changes)
    return made


def failed(**changes: Any) -> dict[str, Any]:
    """A consistent failed attempt: only the first two questions right (2 of 5)."""
    made = record(**changes)
    for number, question in enumerate(made["assessment"]["questions"]):
        question["outcome"] = "correct" if number < 2 else "wrong"
    return rescored(made)


def rescored(made: dict[str, Any]) -> dict[str, Any]:
    """Scores, pass and module scores worked out again from the questions."""
    questions = made["assessment"]["questions"]
    for table, asked in [
        (made, questions),
        *((m, [q for q in questions if q["module"] == m["id"]]) for m in made["modules"]),
    ]:
        table["total"] = len(asked)
        table["correct"] = sum(q["outcome"] == "correct" for q in asked)
        table["score_pct"] = table["correct"] * 100 // table["total"] if table["total"] else 0
    made["passed"] = made["correct"] * 100 >= made["pass_mark"] * made["total"]
    return made


def signed_text(values: dict[str, Any], key: Ed25519PrivateKey) -> str:
    """`values` signed with `key`. A record with no RFC 8785 form (an integer beyond 2^53)
    cannot be signed by smtrainer; an attacker signs its sorted-key JSON instead, which the
    verifier can never rebuild, so it must be refused."""
    try:
        signature = sign_record(values, key)
    except ValueError:
        message = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        signature = sign_record({}, key)
        signature["value"] = sshsig.sign(key, NAMESPACE, message.encode("utf-8"))
    return record_text(values, signature)


class School:
    """A store with a roster of three people, S-0042 (Zoé) with an approved key, and a share."""

    def __init__(self, root: Path) -> None:
        self.store = root / "store"
        self.share = root / "share"
        self.share.mkdir(parents=True)
        self.key = Ed25519PrivateKey.generate()
        self.fingerprint = sshsig.fingerprint(self.key.public_key())
        approved = ApprovedKey(
            self.fingerprint, sshsig.public_key_line(self.key.public_key()), "2026-01-01"
        )
        self.roster = Roster(
            {
                "S-0042": StaffMember("S-0042", "Zoé Lefèvre", "teacher", keys=[approved]),
                "S-0006": StaffMember("S-0006", "Sam Reid", "office"),
                "S-0007": StaffMember("S-0007", "Ann Lee", "volunteer"),
            }
        )
        save_roster(self.store, self.roster)

    def put(
        self, name: str | bytes, values: dict[str, Any], key: Ed25519PrivateKey | None = None
    ) -> Path:
        """Write a signed record into the share as `name` (bytes: a name that is not UTF-8)."""
        text = signed_text(values, key or self.key)
        path = self.share / (os.fsdecode(name) if isinstance(name, bytes) else name)
        path.write_bytes(text.encode("utf-8"))
        return path
