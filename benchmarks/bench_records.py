"""Signing and writing one record, and verifying 1,000, against baselines in the same run.

    python benchmarks/bench_records.py [--runs N]

- sign + write one record (SSHSIG over canonical JSON, create-only atomic write with fsync),
  against writing the same bytes with a plain open()/write() and no fsync;
- verify 1,000 record files (read, parse, canonicalise, check signature and fields), against
  only reading and parsing the same files with tomli, the parser verification itself uses.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
import tomllib
import uuid
from pathlib import Path

import tomli
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smtrainer.domain.record_signing import sign_record  # noqa: E402
from smtrainer.domain.record_status import Status  # noqa: E402
from smtrainer.storage.records import record_file_name, record_text, write_record_file  # noqa: E402
from smtrainer.workflows.verify import verify_file  # noqa: E402

TEMPLATE = tomllib.loads(
    (ROOT / "tests" / "data" / "records" / "valid.toml").read_text(encoding="utf-8")
)["record"]


def new_record() -> dict[str, object]:
    record = copy.deepcopy(TEMPLATE)
    record["record_id"] = str(uuid.uuid4())
    return record


def bench_sign_and_write(folder: Path, runs: int) -> tuple[float, float]:
    key = Ed25519PrivateKey.generate()
    ours, plain = [], []
    for number in range(runs):
        record = new_record()
        start = time.perf_counter()
        text = record_text(record, sign_record(record, key))
        write_record_file(folder, record_file_name(record), text)
        ours.append(time.perf_counter() - start)
        data = text.encode("utf-8")
        start = time.perf_counter()
        with (folder / f"plain-{number}.txt").open("wb") as handle:
            handle.write(data)
        plain.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(plain)


def bench_verify(folder: Path, count: int) -> tuple[float, float]:
    key = Ed25519PrivateKey.generate()
    for _ in range(count):
        record = new_record()
        text = record_text(record, sign_record(record, key))
        write_record_file(folder, record_file_name(record), text, sync=False)
    files = sorted(folder.glob("*.toml"))
    start = time.perf_counter()
    for path in files:
        tomli.loads(path.read_bytes().decode("utf-8"))
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    results = [verify_file(path) for path in files]
    ours = time.perf_counter() - start
    assert all(r.result.status is Status.VALID for r in results)
    return ours, baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--verify", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as many:
        sign, plain = bench_sign_and_write(Path(one), args.runs)
        verify, parse = bench_verify(Path(many), args.verify)
    print(
        f"sign + write one record      {sign * 1000:8.2f} ms  (plain write {plain * 1000:.2f} ms,"
        f" {sign / plain:.1f}×)"
    )
    print(
        f"verify {args.verify} records        {verify * 1000:8.1f} ms  (parse only "
        f"{parse * 1000:.1f} ms, {verify / parse:.2f}×; {verify / args.verify * 1000:.2f} ms each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
