"""A folder that cannot be made, or a day out of range: a clear error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.keys import create_key


def test_a_key_whose_folder_cannot_be_made_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StorageError) as raised:
        create_key(blocker / "keys" / "id_ed25519")
    assert raised.value.path == blocker / "keys"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["summary", "--store", ".", "--today", "9999-12-31"], "2000-01-01 to 2999-12-31"),
        (["demo", "--out", "d", "--today", "0001-01-01"], "2000-01-01 to 2999-12-31"),
        (["demo", "--out", "d", "--years", "100000"], "from 1 to 50"),
        (["summary", "--due-soon-days", "99999999999999999999"], "from 1 to 3650"),
    ],
)
def test_days_and_years_out_of_range_are_refused_with_the_range(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        main([*args, "--lang", "en"])
    assert ended.value.code == 2
    error = capsys.readouterr().err
    assert said in error and "Traceback" not in error


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--html", "r.html"],
        ["export", "xapi"],
        ["credential", "issue"],
        ["roster", "pending"],
        ["roster", "leave", "S-0001"],
        ["roster", "allowed-signers", "--out", "r.html"],
    ],
)
def test_evidence_from_a_store_that_is_not_there_is_refused(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped store path is said, not taken for an empty store (an empty log, exit 0)."""
    missing = tmp_path / "typo"
    args = [str(tmp_path / arg) if arg == "r.html" else arg for arg in args]
    assert main([*args, "--store", str(missing), "--lang", "en"]) == 2
    error = capsys.readouterr().err
    assert f"error: no such store folder: {missing}" in error
    assert not (tmp_path / "r.html").exists() and not missing.exists()
