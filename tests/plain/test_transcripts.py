"""Golden transcripts of `smtrainer --plain` driven by answer files, each ending in a valid record.

Set SMTRAINER_UPDATE_GOLDEN=1 to write the transcripts again after an intended change, then read
the difference before committing it.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.domain.record_status import Status
from smtrainer.i18n import set_language
from smtrainer.plain.launch import run_plain
from smtrainer.storage.records import local_records_dir
from smtrainer.workflows.journey_controller import SEED_VARIABLE
from smtrainer.workflows.verify import record_files, verify_file
from tests.plain.transcripts import CONTENT, GOLDEN, NOW, SEED, answers, comparable, run

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


class BreaksTheProgressFolder(io.StringIO):
    """Answers that put a file where the progress folder was once `after` lines are read."""

    def __init__(self, text: str, after: int, home: Path) -> None:
        super().__init__(text)
        self.left = after
        self.home = home

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.left -= 1
        if self.left == 0:
            folder = self.home / "data" / "progress"
            shutil.rmtree(folder)
            folder.write_text("a file where the folder should be", encoding="utf-8")
        return super().readline(size)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_stopping_after_a_failed_save_does_not_claim_the_progress_is_saved(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    lines = answers(f"induction-{language}").splitlines(keepends=True)
    set_language(language)
    out = io.StringIO()
    code = run_plain(
        CONTENT,
        language_forced=True,
        stdin=BreaksTheProgressFolder("".join(lines[:12]), 10, isolated),
        stdout=out,
        clock=lambda: NOW,
    )
    assert code == 0
    ending = " ".join(out.getvalue().rstrip().split("\n\n")[-1].split())
    saved, not_saved = {
        "en": ("Your progress is saved", "Your latest progress could not be saved"),
        "fr": ("Votre progression est enregistrée", "Votre dernière progression n'a pas pu"),
    }[language]
    assert saved not in ending
    assert not_saved in ending


def test_answers_are_echoed_inert(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers from a file are echoed: never with the terminal controls they may hold."""
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    code, transcript = run("1\nZo\x1b[31mRed\x07\n", "en")
    assert code == 0
    assert "\x1b" not in transcript and "\x07" not in transcript
    assert "> Zo\\x1b[31mRed\\x07" in transcript
