"""The command line: version, help, check, exit codes, languages, and no tracebacks."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smtrainer import __version__
from smtrainer.cli.main import build_parser, main
from smtrainer.i18n import set_language

FR_MODULE = "fr/tiny/01-bases.toml"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a fresh process, as a user would."""
    environment = {k: v for k, v in os.environ.items() if k not in {"LANG", "LANGUAGE", "LC_ALL"}}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "smtrainer", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"smtrainer {__version__}"


def test_help_lists_the_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: smtrainer")
    assert "check policy content and report every problem" in out


def test_help_in_french_has_no_english_of_ours(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation\u00a0: smtrainer check")
    for english in ("usage:", "show this help", "fail on warnings", "positional", "folder holding"):
        assert english not in out


def _actions(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple]:  # type: ignore[type-arg]
    """(command path, action) of every argument of every command, subcommands included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, (*path, name))
        else:
            yield path, action


UNIVERSAL = {"URL", "N", "ID", "DATE", "ACTION", "SOURCE"}
"""Argument names written the same in both languages."""


def test_every_argument_name_is_translated() -> None:
    """`--help` and usage errors name arguments by their metavar: in French, in French."""
    set_language("en")
    english = {(path, a.dest): a.metavar for path, a in _actions(build_parser())}
    set_language("fr")
    french = {(path, a.dest): a.metavar for path, a in _actions(build_parser())}
    set_language("en")
    named = {key: name for key, name in english.items() if isinstance(name, str)}
    assert len(named) > 20
    same = {
        key: name for key, name in named.items() if french[key] == name and name not in UNIVERSAL
    }
    assert not same


def test_french_from_the_environment() -> None:
    result = run("--help", env={"LANG": "fr_FR.UTF-8"})
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation\u00a0:")


def test_check_of_shipped_content_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "kingsworth [fr]" in capsys.readouterr().out


def test_check_clean_tree(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tiny), "--strict"]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_check_json_shape(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tiny), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert report["errors"] == 0
    assert report["warnings"] == 0
    assert report["problems"] == []
    counts = {"modules": 1, "key_points": 1, "scenarios": 1, "steps": 2, "questions": 3}
    policy = report["policies"][0]
    assert policy["id"] == "tiny"
    for language in ("en", "fr"):
        assert {k: policy["languages"][language][k] for k in counts} == counts


def test_syntax_error_in_french_file_exits_1_with_file_and_line(tiny: Path) -> None:
    path = tiny / FR_MODULE
    path.write_text(path.read_text(encoding="utf-8").replace("minutes = 5", "minutes = = 5"))
    result = run("check", str(tiny))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{path.as_posix()}:5: error: TOML syntax error" in result.stdout


def test_json_problem_has_file_key_and_line(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tiny / FR_MODULE
    path.write_text(path.read_text(encoding="utf-8").replace("minutes = 5", 'minutes = "5"'))
    assert main(["check", str(tiny), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["errors"] == 1
    assert report["problems"] == [
        {
            "severity": "error",
            "file": path.as_posix(),
            "key": "minutes",
            "line": 5,
            "message": "'minutes' must be integer, not string",
        }
    ]


def test_strict_fails_on_warnings_only(tiny: Path) -> None:
    policy = tiny / "en/tiny/policy.toml"
    policy.write_text(
        policy.read_text(encoding="utf-8") + '\n[[sections]]\nid = "s9"\ntitle = "Nine"\n'
    )
    french = tiny / "fr/tiny/policy.toml"
    french.write_text(
        french.read_text(encoding="utf-8") + '\n[[sections]]\nid = "s9"\ntitle = "Neuf"\n'
    )
    assert main(["check", str(tiny)]) == 0
    assert main(["check", str(tiny), "--strict"]) == 1


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "content folder not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error_in_french() -> None:
    result = run("--lang", "fr", "check", "--bogus")
    assert result.returncode == 2
    assert "arguments non reconnus\u00a0: --bogus" in result.stderr


def test_french_check_messages(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tiny / FR_MODULE
    path.write_text(path.read_text(encoding="utf-8").replace("minutes = 5", 'minutes = "5"'))
    assert main(["--lang", "fr", "check", str(tiny)]) == 1
    out = capsys.readouterr().out
    assert "erreur" in out
    assert "must be" not in out


def test_rubbish_files_never_give_a_traceback(tiny: Path) -> None:
    (tiny / FR_MODULE).write_bytes(os.urandom(2048))
    (tiny / "en/tiny/02-empty.toml").write_bytes(b"")
    (tiny / "en/tiny/03-dir.toml").mkdir()
    (tiny / "fr/tiny/notes.txt").write_text("hello")
    result = run("check", str(tiny), "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] >= 2


def test_python_dash_m_works() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"smtrainer {__version__}"
