"""xAPI statements pushed to a real learning record store (Ralph, started on 127.0.0.1)."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smtrainer.cli.main import main
from smtrainer.workflows.xapi_export import ledger_path

from .tools import ToolUnavailable, ralph

pytestmark = pytest.mark.slow
USER, PASSWORD = "smtrainer", "a-test-password"
IFI = ("-M", "mailto:lrs@school.example")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Lrs:
    """One Ralph LRS with its file backend, on loopback only."""

    def __init__(self, command: Path, folder: Path) -> None:
        self.command, self.folder = command, folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI/"
        self.env = {
            **os.environ,
            "HOME": str(folder),
            "RALPH_APP_DIR": str(folder / "app"),
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
        }
        self.process: subprocess.Popen[bytes] | None = None
        subprocess.run(
            [str(command), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-w", *IFI],
            env=self.env,
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [
                str(self.command),
                "runserver",
                "-b",
                "fs",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "--fs-default-directory-path",
                str(self.folder / "data"),
            ],
            env=self.env,
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                self.get("statements?limit=1")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        raise AssertionError((self.folder / "server.log").read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=30)
            self.process = None

    def get(self, path: str) -> Any:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(
            self.url + path,
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def statements(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        page = self.get("statements?limit=500")
        while True:
            found.update((s["id"], s) for s in page["statements"])
            more = page.get("more")
            if not more:
                return found
            page = self.get(more.split("/xAPI/", 1)[1])


@pytest.fixture
def lrs(tmp_path: Path) -> Iterator[Lrs]:
    try:
        command = ralph()
    except ToolUnavailable as error:
        pytest.skip(f"Ralph LRS cannot be installed here: {error}")
    (tmp_path / "lrs").mkdir()
    server = Lrs(command, tmp_path / "lrs")
    server.start()
    yield server
    server.stop()


def push(store: Path, lrs: Lrs, *extra: str) -> int:
    return main(
        ["push", "--store", str(store), "--lrs", lrs.url, "--auth", f"{USER}:{PASSWORD}", *extra]
    )


def exported(store: Path, tmp_path: Path, *extra: str) -> list[dict[str, Any]]:
    out = tmp_path / "statements.jsonl"
    assert main(["export", "xapi", "--store", str(store), "--out", str(out), *extra]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_push_read_back_push_again_conflict_and_outage(
    store: Path, lrs: Lrs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = exported(store, tmp_path, "--home-page", "https://kingsworth.example")
    assert expected
    assert push(store, lrs, "--home-page", "https://kingsworth.example") == 0
    stored = lrs.statements()
    assert set(stored) == {s["id"] for s in expected}
    one = stored[expected[1]["id"]]
    assert one["verb"]["id"] in {
        "http://adlnet.gov/expapi/verbs/passed",
        "http://adlnet.gov/expapi/verbs/failed",
    }
    assert 0 <= one["result"]["score"]["scaled"] <= 1
    assert one["result"]["duration"].startswith("PT")
    capsys.readouterr()

    # Again: nothing new is sent.
    assert push(store, lrs, "--home-page", "https://kingsworth.example") == 0
    assert "New statements sent: 0." in capsys.readouterr().out
    assert len(lrs.statements()) == len(expected)

    # A statement whose content changed (here a staff e-mail address corrected in the roster)
    # keeps its id: the LRS keeps the first version, and the push says which.
    roster = store / "roster.toml"
    text = roster.read_text(encoding="utf-8")
    email = next(line for line in text.splitlines() if line.startswith("email = "))
    roster.write_text(text.replace(email, 'email = "corrected@school.example"', 1))
    assert push(store, lrs, "--home-page", "https://kingsworth.example") == 1
    said = capsys.readouterr().out
    assert "other content" in said
    assert len(lrs.statements()) == len(expected)
    roster.write_text(text)

    # The LRS down: a clear error, nothing recorded as delivered; then it catches up.
    ledger_path(store, lrs.url).unlink()
    lrs.stop()
    assert push(store, lrs, "--home-page", "https://kingsworth.example") == 1
    err = capsys.readouterr().err
    assert "cannot reach" in err and "Nothing is lost" in err
    assert not ledger_path(store, lrs.url).exists()
    lrs.start()
    assert push(store, lrs, "--home-page", "https://kingsworth.example") == 0
    out = capsys.readouterr().out
    assert "Already in the LRS: " in out
    assert len(lrs.statements()) == len(expected)


def test_wrong_credentials_are_refused(
    store: Path, lrs: Lrs, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["push", "--store", str(store), "--lrs", lrs.url, "--auth", f"{USER}:wrong"])
    assert code == 1
    assert "refused the credentials" in capsys.readouterr().err
