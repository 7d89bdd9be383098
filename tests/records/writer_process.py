"""A separate process that signs and writes records, for the concurrency and crash tests.

python writer_process.py FOLDER COUNT TAG
"""

from __future__ import annotations

import copy
import sys
import tomllib
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.domain.record_signing import sign_record
from smtrainer.storage.records import record_file_name, record_text, save_record

VALID = Path(__file__).resolve().parents[1] / "data" / "records" / "valid.toml"


def main() -> int:
    folder, count, tag = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    template = tomllib.loads(VALID.read_text(encoding="utf-8"))["record"]
    key = Ed25519PrivateKey.generate()
    for number in range(count):
        record = copy.deepcopy(template)
        record["record_id"] = str(uuid.uuid4())
        record["staff_id"] = f"{tag}-{number}"
        # Large enough that writing takes a moment, so kills land mid-write.
        record["assessment"]["questions"] *= 8
        for table in (record, *record["modules"]):  # The scores still agree with the questions.
            table["correct"] *= 8
            table["total"] *= 8
        text = record_text(record, sign_record(record, key))
        save_record(record_file_name(record), text, local=folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
