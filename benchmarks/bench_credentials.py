"""Issuing and verifying Open Badges credentials, against bare Ed25519 in the same run.

    python benchmarks/bench_credentials.py [--count N]

- issue N credentials (build the JSON-LD, canonicalise it and the proof options with RDFC-1.0,
  hash, sign), against signing N bare messages of the same size with Ed25519;
- verify the N credentials (check the terms, canonicalise twice, verify the signature), against
  verifying the N bare signatures;
- and where the time goes: canonicalisation alone over the same credentials.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smtrainer.documents.data_integrity import (  # noqa: E402
    add_proof,
    canonical_nquads,
    relative_iris,
    verify_proof,
)
from smtrainer.documents.open_badge import BadgeFacts, build_credential  # noqa: E402
from smtrainer.domain.did_key import did_for, verification_method_for  # noqa: E402
from smtrainer.storage.issuer import raw_public_key  # noqa: E402

NAMES = {"en": "Kingsworth International School", "fr": "École internationale Kingsworth"}
TITLES = {"en": "Responsible Social Media Use for Staff"}


def record(number: int) -> dict[str, object]:
    return {
        "record_id": f"00000000-0000-4000-8000-{number:012d}",
        "policy_id": "kingsworth",
        "policy_version": "1.0",
        "language": "en" if number % 3 else "fr",
        "staff_name": f"Staff member {number}",
        "pass_mark": 80,
        "score_pct": 80 + number % 20,
        "completed_at": "2026-11-21T09:12:00Z",
        "refresher_due": "2027-11-21",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    count = parser.parse_args().count
    key = Ed25519PrivateKey.generate()
    public = raw_public_key(key)
    method = verification_method_for(public)
    facts = [
        BadgeFacts(
            record(n),
            hashlib.sha256(str(n).encode()).digest(),
            did_for(public),
            NAMES,
            "https://kingsworth.example",
            TITLES,
            "2026-11-22T10:00:00Z",
        )
        for n in range(count)
    ]
    documents = [build_credential(f) for f in facts]
    add_proof(documents[0], key, method, "2026-11-22T10:00:00Z")  # Warm the context cache.

    start = time.perf_counter()
    issued = [add_proof(d, key, method, "2026-11-22T10:00:00Z") for d in documents]
    issue_seconds = time.perf_counter() - start
    messages = [json.dumps(d).encode() for d in issued]
    start = time.perf_counter()
    signatures = [key.sign(m) for m in messages]
    bare_sign = time.perf_counter() - start

    start = time.perf_counter()
    for credential in issued:
        verify_proof(credential)
    verify_seconds = time.perf_counter() - start
    public_key = key.public_key()
    start = time.perf_counter()
    for message, signature in zip(messages, signatures, strict=True):
        public_key.verify(signature, message)
    bare_verify = time.perf_counter() - start

    start = time.perf_counter()
    for document in documents:
        canonical_nquads(document)
    canon = time.perf_counter() - start
    start = time.perf_counter()
    for document in documents:
        relative_iris(document)
    terms = time.perf_counter() - start

    print(f"credentials: {count}")
    print(
        f"issue   {issue_seconds:8.2f} s  bare Ed25519 sign   {bare_sign:8.4f} s  "
        f"ratio {issue_seconds / bare_sign:8.0f}x"
    )
    print(
        f"verify  {verify_seconds:8.2f} s  bare Ed25519 verify {bare_verify:8.4f} s  "
        f"ratio {verify_seconds / bare_verify:8.0f}x"
    )
    print(
        f"RDFC-1.0 canonicalisation of the documents alone: {canon:.2f} s "
        f"({canon / issue_seconds:.0%} of issuing, which canonicalises the document and the "
        "proof options; the Ed25519 signatures are "
        f"{bare_sign / issue_seconds:.2%} of it)"
    )
    print(
        f"JSON-LD expansion for the term check alone: {terms:.2f} s "
        f"({terms / issue_seconds:.0%} of issuing)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
