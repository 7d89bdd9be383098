"""xAPI statements exported from the store: stable ids, cmi5's required results, actors."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smtrainer.cli.main import main
from smtrainer.workflows.xapi_export import (
    LrsError,
    PushReport,
    ledger_path,
    legacy_ledger_path,
    push,
)

HOME = "https://kingsworth.example"


def export(store: Path, out: Path, *extra: str) -> list[dict[str, Any]]:
    assert main(["export", "xapi", "--store", str(store), "--out", str(out), *extra]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_a_second_export_is_identical(store: Path, tmp_path: Path) -> None:
    export(store, tmp_path / "a.jsonl", "--home-page", HOME)
    export(store, tmp_path / "b.jsonl", "--home-page", HOME)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_statements_carry_what_cmi5_requires(store: Path, tmp_path: Path) -> None:
    statements = export(store, tmp_path / "s.jsonl", "--home-page", HOME)
    assert len({s["id"] for s in statements}) == len(statements)
    verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in statements}
    assert {"completed", "passed"} <= verbs
    for statement in statements:
        assert re.fullmatch(r"PT\d+H\d+M\d+S", statement["result"]["duration"])
        assert statement["context"]["language"] in {"en-GB", "fr-FR"}
        assert statement["actor"]["mbox"].startswith("mailto:")
        if statement["verb"]["id"].endswith(("passed", "failed")):
            score = statement["result"]["score"]
            assert 0 <= score["scaled"] <= 1 and score["raw"] <= score["max"]
            assert statement["result"]["success"] is statement["verb"]["id"].endswith("passed")
        record = statement["context"]["extensions"]["urn:smtrainer:xapi:extension:signed-record"]
        assert len(record["sha256"]) == 64


def test_detail_adds_one_statement_per_question(store: Path, tmp_path: Path) -> None:
    plain = export(store, tmp_path / "a.jsonl", "--home-page", HOME)
    detailed = export(store, tmp_path / "b.jsonl", "--home-page", HOME, "--detail")
    answered = [s for s in detailed if s["verb"]["id"].endswith("answered")]
    assert len(detailed) == len(plain) + len(answered) and answered
    assert all(isinstance(s["result"]["success"], bool) for s in answered)


def test_staff_without_email_need_a_home_page(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = store / "roster.toml"
    roster.write_text(re.sub(r'email = "[^"]*"', 'email = ""', roster.read_text()))
    out = tmp_path / "s.jsonl"
    assert main(["export", "xapi", "--store", str(store), "--out", str(out)]) == 1
    assert "--home-page" in capsys.readouterr().err
    statements = export(store, out, "--home-page", HOME)
    assert all(s["actor"]["account"]["homePage"] == HOME for s in statements)


def test_push_sends_nothing_twice_and_keeps_going_after_an_outage(tmp_path: Path) -> None:
    statements = [{"id": f"id-{n}", "n": n} for n in range(250)]
    received: list[str] = []
    down = {"now": True}

    def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        batch = json.loads(body)
        if down["now"] and received:
            raise LrsError("cannot reach")
        received.extend(s["id"] for s in batch)
        return 200, json.dumps([s["id"] for s in batch]).encode()

    ledger = tmp_path / "ledger.json"
    with pytest.raises(LrsError):
        push(statements, "http://127.0.0.1:9/xAPI", None, ledger, post=post, batch=100)
    assert len(received) == 100  # The first batch arrived and is remembered; nothing half-way.
    down["now"] = False
    report = push(statements, "http://127.0.0.1:9/xAPI", None, ledger, post=post, batch=100)
    assert report == PushReport(sent=150, already=0, skipped=100, conflicts=[])
    assert sorted(received) == sorted(s["id"] for s in statements)
    again = push(statements, "http://127.0.0.1:9/xAPI", None, ledger, post=post, batch=100)
    assert again.sent == 0 and again.skipped == 250


def test_an_lrs_address_that_is_not_a_url_is_a_clear_error(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["push", "--store", str(store), "--lrs", "notaurl", "--auth", "a:b"]) == 2
    assert "http://" in capsys.readouterr().err


@pytest.mark.parametrize("home", ["kingsworth.example", "ftp://kingsworth.example", "https://"])
def test_a_home_page_that_is_not_a_web_address_is_refused(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], home: str
) -> None:
    out = tmp_path / "s.jsonl"
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "xapi", "--store", str(store), "--out", str(out), "--home-page", home])
    assert exit_info.value.code == 2
    assert "https://" in capsys.readouterr().err
    assert not out.exists()


def recording_lrs(received: list[str]) -> Callable[[str, bytes, dict[str, str]], tuple[int, bytes]]:
    """A poster that stores every statement it is sent (their ids in `received`)."""

    def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        batch = json.loads(body)
        received.extend(s["id"] for s in batch)
        return 200, json.dumps([s["id"] for s in batch]).encode()

    return post


def test_one_ledger_however_the_endpoint_is_written(tmp_path: Path) -> None:
    written = [
        "http://lrs.example/xAPI",
        "http://lrs.example/xAPI/",
        "http://lrs.example/xAPI/statements",
    ]
    assert len({ledger_path(tmp_path, endpoint) for endpoint in written}) == 1
    statements = [{"id": f"id-{n}", "n": n} for n in range(5)]
    received: list[str] = []
    post = recording_lrs(received)
    for endpoint in written:
        push(statements, endpoint, None, ledger_path(tmp_path, endpoint), post=post)
    assert len(received) == 5


def test_an_earlier_versions_ledger_is_read(tmp_path: Path) -> None:
    """Ledgers were once named after the endpoint as typed: what they note is not sent again."""
    endpoint = "http://lrs.example/xAPI/"
    statements = [{"id": f"id-{n}", "n": n} for n in range(5)]
    received: list[str] = []
    post = recording_lrs(received)
    old = legacy_ledger_path(tmp_path, endpoint)
    push(statements[:3], endpoint, None, old, post=post)
    received.clear()
    new = ledger_path(tmp_path, endpoint)
    report = push(statements, endpoint, None, new, post=post, earlier=old)
    assert sorted(received) == ["id-3", "id-4"] and report.skipped == 3
    assert new.exists()


def test_a_web_page_answering_200_is_not_a_delivery(tmp_path: Path) -> None:
    statements = [{"id": f"id-{n}", "n": n} for n in range(3)]

    def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        return 200, b"<!doctype html><html><body>Welcome to our site</body></html>"

    ledger = tmp_path / "ledger.json"
    with pytest.raises(LrsError, match="not as a learning record store"):
        push(statements, "https://www.kingsworth.example", None, ledger, post=post)
    assert not ledger.exists()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_lrs_that_cannot_be_reached_is_said_without_raw_error_codes(
    store: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    with socket.socket() as listener:  # A port that was free a moment ago: nobody listens.
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
    lrs = f"http://127.0.0.1:{port}/xAPI"
    args = ["--lang", language, "push", "--store", str(store), "--lrs", lrs, "--auth", "a:b"]
    assert main([*args, "--home-page", HOME]) == 1
    error = capsys.readouterr().err
    assert "[Errno" not in error
    assert (
        "the connection was refused" if language == "en" else "connexion a été refusée"
    ) in error


@pytest.mark.parametrize(
    "args", [["--lrs", "nope"], ["--lrs", "http://127.0.0.1:9/xAPI", "--auth", "no-colon"]]
)
def test_a_push_command_that_is_wrong_is_a_usage_error_and_sends_nothing(
    store: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main(["push", "--store", str(store), *args]) == 2
    error = capsys.readouterr().err
    assert "Nothing is lost" not in error
    assert not (store / ".cache" / "xapi").exists()
