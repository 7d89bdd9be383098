"""Golden transcripts of `smtrainer --plain` driven by answer files, each ending in a valid record.

Set SMTRAINER_UPDATE_GOLDEN=1 to write the transcripts again after an intended change, then read
the difference before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.domain.record_status import Status
from smtrainer.storage.records import local_records_dir
from smtrainer.workflows.journey_controller import SEED_VARIABLE
from smtrainer.workflows.verify import record_files, verify_file
from tests.plain.transcripts import CONTENT, GOLDEN, SEED, answers, comparable, run

CASES = {
    "induction-en": ("en", None, "induction"),
    "induction-fr": ("fr", None, "induction"),
    "refresher-en": ("en", "induction-en", "refresher"),
    "refresher-fr": ("fr", "induction-fr", "refresher"),
}


def newest_record() -> Path:
    paths = sorted(record_files([local_records_dir()]), key=lambda p: p.stat().st_mtime_ns)
    assert paths, "no record was written"
    return paths[-1]


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_transcript(
    case: str, isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    language, before, kind = CASES[case]
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    if before is not None:
        code, _text = run(answers(before), language)
        assert code == 0
    code, transcript = run(answers(case), language)
    assert code == 0
    text = comparable(transcript, isolated)
    golden = GOLDEN / f"{case}.txt"
    if os.environ.get("SMTRAINER_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")

    record = newest_record()
    capsys.readouterr()
    assert main(["verify", "--content", str(CONTENT), str(record)]) == 0, capsys.readouterr().out
    result = verify_file(record).result
    assert result.status is Status.VALID and result.record is not None
    assert result.record["kind"] == kind
    assert result.record["language"] == language
    assert result.record["passed"] is True
    assert record.with_suffix(".html").exists() == (case == "induction-en")


def test_end_of_input_keeps_the_progress_and_resumes(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    lines = answers("induction-en").splitlines(keepends=True)
    code, first = run("".join(lines[:12]), "en")
    assert code == 0
    assert first.rstrip().endswith("Your progress is saved: run smtrainer again to resume.")
    code, second = run("1\n", "en")
    assert code == 0
    assert "1. Resume where you stopped (The basics)" in second
    assert "Module 1 of 1, scenario 1 of 1, step 2" in second.split("> 1")[-1]
