"""Signing with a protected key in plain mode: the passphrase is asked, never echoed, retried."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtrainer.storage.keys import load_or_create_key
from smtrainer.storage.records import local_records_dir
from smtrainer.workflows.journey_controller import SEED_VARIABLE
from tests.plain.transcripts import SEED, answers, run

SECRET = "correct horse battery"


def test_a_protected_key_is_unlocked_by_the_passphrase_typed(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    load_or_create_key(passphrase=SECRET)
    lines = answers("induction-en").splitlines()
    signed = lines.index("Zoé Lefèvre", lines.index("Zoé Martin"))
    lines[signed + 1 : signed + 1] = ["not it", SECRET]
    code, transcript = run("\n".join(lines) + "\n", "en")
    assert code == 0
    assert transcript.count("Passphrase of your signing key") == 2
    said = " ".join(transcript.split())  # As one line: a long path wraps the messages.
    assert said.count("is protected: a correct passphrase is needed") == 1  # Asked first,
    assert said.count("the passphrase typed does not open the key") == 1  # then "not it".
    assert SECRET not in transcript and "not it" not in transcript
    assert "Certificate of completion" in transcript
    assert len(list(local_records_dir().glob("*.toml"))) == 1


def test_enter_alone_at_the_passphrase_goes_back_and_keeps_the_progress(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEED_VARIABLE, SEED)
    load_or_create_key(passphrase=SECRET)
    lines = answers("induction-en").splitlines()
    signed = lines.index("Zoé Lefèvre", lines.index("Zoé Martin"))
    code, transcript = run("\n".join([*lines[: signed + 1], ""]) + "\n", "en")
    assert code == 0
    assert transcript.rstrip().endswith("Your progress is saved: run smtrainer again to resume.")
    assert "Acknowledgement: Type your full name" in transcript.split("Passphrase")[-1]
    assert not list(local_records_dir().glob("*.toml"))
