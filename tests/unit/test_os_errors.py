"""Operating-system errors said in the session's language, never as "[Errno …]"."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.domain.os_errors import REASONS, os_reason
from smtrainer.i18n import set_language


@pytest.mark.parametrize("code", sorted(REASONS))
def test_each_common_reason_is_said_in_french(code: int) -> None:
    error = OSError(code, "English words of the system")
    assert os_reason(error) == REASONS[code]
    set_language("fr")
    french = os_reason(error)
    set_language("en")
    assert french != REASONS[code] and "English" not in french


def test_rare_reasons_and_timeouts() -> None:
    assert os_reason(OSError(errno.EBADF, "Bad file descriptor")) == "Bad file descriptor"
    assert os_reason(TimeoutError("timed out")) == "no answer in time"
    assert "Errno" not in os_reason(ConnectionRefusedError(errno.ECONNREFUSED, "refused"))
    assert os_reason("already words") == "already words"


def test_a_french_session_says_why_a_file_cannot_be_read_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "fr", "credential", "verify", str(tmp_path / "none.json")]) == 1
    said = capsys.readouterr().out
    assert "fichier ou dossier introuvable" in said and "No such file" not in said
    out = tmp_path / "here"
    out.mkdir()
    assert main(["--lang", "fr", "summary", "--store", str(tmp_path), "--csv", str(out)]) == 1
    error = capsys.readouterr().err
    assert "c'est un dossier" in error and "Is a directory" not in error
