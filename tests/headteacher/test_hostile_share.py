"""The head teacher's tools against whatever lands on the shared folder: one case per attack."""

from __future__ import annotations

import contextlib
import faulthandler
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.cli.main import main
from smtrainer.domain import sshsig
from smtrainer.domain.record import NAMESPACE
from smtrainer.domain.record_status import Status
from smtrainer.domain.roster import Roster, StaffMember
from smtrainer.domain.status import StaffStatus
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.listing import MAX_DEPTH
from smtrainer.storage.roster import RosterError, load_roster, save_roster
from smtrainer.workflows.collect import collect
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.roster_import import import_staff
from smtrainer.workflows.summary import StaffRow, Summary, summarize
from smtrainer.workflows.verify import verify_file
from tests.headteacher.hostile import NOW, TODAY, School, failed, record
from tests.headteacher.test_dashboard import ready

CONTEXT = RecordContext.load(now=NOW)


@pytest.fixture
def school(tmp_path: Path) -> School:
    return School(tmp_path)


def collected(school: School) -> None:
    collect(school.share, school.store, school.roster, CONTEXT)


def row(school: School, staff_id: str = "S-0042", today=TODAY):  # type: ignore[no-untyped-def]
    summary = summarize(school.store, today, context=CONTEXT)
    return summary, next(r for r in summary.staff if r.id == staff_id)


# Crashes from the share


def test_file_name_that_is_not_utf8_is_refused_and_named(
    school: School, capsys: pytest.CaptureFixture[str]
) -> None:
    school.put(b"caf\xe9.toml", record())
    assert main(["collect", str(school.share), "--store", str(school.store)]) == 1
    out = capsys.readouterr().out
    assert 'invalid: "' in out and "caf\\xe9.toml" in out and "UTF-8" in out
    assert not (school.store / "records").exists() or not any((school.store / "records").iterdir())
    assert main(["summary", "--store", str(school.store)]) == 0


def test_file_name_that_is_not_utf8_in_the_store_does_not_stop_the_summary(
    school: School,
) -> None:
    folder = school.store / "records"
    folder.mkdir()
    school.put(b"caf\xe9.toml", record())
    name = os.fsdecode(b"caf\xe9.toml")
    (school.share / name).rename(folder / name)
    summary = summarize(school.store, TODAY, context=CONTEXT)
    assert summary.verified == 0
    assert summarize(school.store, TODAY, context=CONTEXT).records == summary.records


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 5000 + "]" * 5000,
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        "a" + ".a" * 2000 + " = 1",
        "[record]\nx = 1\n[" + ".".join(["t"] * 3000) + "]\ny = 2",
    ],
    ids=["arrays", "inline-tables", "dotted-keys", "table-header"],
)
def test_deeply_nested_toml_is_unreadable_not_a_crash(
    school: School, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (school.share / "deep.toml").write_text(text)
    school.put("fine.toml", record())
    result = verify_file(school.share / "deep.toml")
    assert result.result.status is Status.UNREADABLE
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert len(report.new) == 1 and len(report.invalid) == 1
    assert main(["verify", str(school.share)]) == 1
    assert "unreadable" in capsys.readouterr().out


def smtrainer(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, stopped (and failing the test) if it hangs."""
    return subprocess.run(
        [sys.executable, "-m", "smtrainer", *args],
        env={**os.environ, "SMTRAINER_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_named_pipe_in_the_folder_hangs_nothing(school: School, tmp_path: Path) -> None:
    folder = school.store / "records"
    folder.mkdir()
    school.put("fine.toml", record()).rename(folder / "fine.toml")
    os.mkfifo(folder / "pipe.toml")
    os.mkfifo(school.share / "pipe.toml")
    summary = smtrainer("summary", "--store", str(school.store), "--json", home=tmp_path)
    assert summary.returncode == 0, summary.stderr
    said = json.loads(summary.stdout)
    assert said["totals"]["records"] == 2 and said["totals"]["verified"] == 1
    assert said["problems"] == [
        {"file": "records/pipe.toml", "reason": "unreadable", "detail": "not a regular file"}
    ]
    verify = smtrainer("verify", str(folder / "pipe.toml"), home=tmp_path)
    assert verify.returncode == 1 and "not a regular file" in verify.stdout
    in_folder = smtrainer("verify", str(folder), home=tmp_path)  # Listed, never opened.
    assert in_folder.returncode == 1
    assert "pipe.toml  not a regular file" in in_folder.stdout and "valid" in in_folder.stdout
    collected = smtrainer("collect", str(school.share), "--store", str(school.store), home=tmp_path)
    assert "Traceback" not in collected.stderr


@pytest.fixture
def hang_ends_the_test() -> Iterator[None]:
    """A test that hangs ends its process, with every thread's stack, rather than the run."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.mark.usefixtures("hang_ends_the_test")
def test_record_turned_into_a_pipe_after_the_listing_is_unreadable_and_not_kept(
    school: School,
) -> None:
    from smtrainer.workflows.record_scan import plan_scan, run_scan
    from smtrainer.workflows.store import RecordFacts

    folder = school.store / "records"
    folder.mkdir()
    school.put("fine.toml", record()).rename(folder / "fine.toml")
    school.put("swapped.toml", record()).rename(folder / "swapped.toml")
    plan = plan_scan(school.store)
    (folder / "swapped.toml").unlink()
    os.mkfifo(folder / "swapped.toml")
    result = run_scan(plan)
    assert [(f.file, f.status) for f in result.facts] == [
        ("records/fine.toml", Status.VALID.value),
        ("records/swapped.toml", Status.UNREADABLE.value),
    ]
    assert "not a regular file" in result.facts[1].reason
    assert list(result.entries) == ["records/fine.toml"]  # Read again next time.
    again = run_scan(plan_scan(school.store))  # Listed now as what it is: never opened.
    assert again.facts == [
        result.facts[0],
        RecordFacts("records/swapped.toml", Status.UNREADABLE.value, "not a regular file"),
    ]
    assert list(again.entries) == ["records/fine.toml"]


LEVELS = 1100
"""More levels of folders than Python's recursion limit."""


def test_folders_nested_past_any_record_do_not_crash_the_summary(
    school: School, tmp_path: Path
) -> None:
    records = school.store / "records"
    records.mkdir()
    school.put("fine.toml", record()).rename(records / "fine.toml")
    deepest = f"{records}/{'a/' * LEVELS}"
    try:
        for level in range(1, LEVELS + 1):  # One at a time: making them all at once recurses.
            Path(f"{records}/{'a/' * level}").mkdir()
        school.put("deep.toml", record()).rename(f"{deepest}deep.toml")
        summary = summarize(school.store, TODAY, context=CONTEXT)
        assert [f.file for f in summary.scanned.facts] == ["records/fine.toml"]
        result = smtrainer("summary", "--store", str(school.store), home=tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stderr
    finally:  # Removed here: a recursive removal of the test's folders would fail on it.
        Path(f"{deepest}deep.toml").unlink(missing_ok=True)
        for level in range(LEVELS, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{records}/{'a/' * level}").rmdir()


OUT_OF_DOMAIN = {
    "impossible-date": {"refresher_due": "2027-02-30"},
    "newline-in-date": {"refresher_due": "2027-11-21\n"},
    "newline-in-time": {"completed_at": "2026-11-21T10:31:00Z\n"},
    "passed-at-2-of-20": {"correct": 2, "total": 20, "score_pct": 10, "passed": True},
    "refresher-four-years-on": {"refresher_due": "2030-11-21"},
    "2016-due-in-2099": {
        "started_at": "2016-03-01T09:00:00Z",
        "completed_at": "2016-03-01T10:00:00Z",
        "refresher_due": "2099-03-01",
    },
    "unknown-policy": {"policy_id": "made-up-school"},
    "unknown-language": {"language": "xx"},
    "score-not-the-questions": {"correct": 5, "score_pct": 100},
    "staff-id-pattern": {"staff_id": "S-00*"},
    "name-with-escape": {"staff_name": "Zoé\x1b[2J"},
}


@pytest.mark.parametrize("changes", OUT_OF_DOMAIN.values(), ids=OUT_OF_DOMAIN.keys())
def test_validly_signed_record_with_out_of_domain_values_is_invalid(
    school: School, changes: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    path = school.put("odd.toml", record(**changes))
    assert verify_file(path, CONTEXT).result.status is Status.INVALID
    assert main(["verify", str(path)]) == 1
    assert capsys.readouterr().out.startswith("invalid")
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert report.new == [] and len(report.invalid) == 1
    summary, person = copied_into_store(school, path)  # By hand: it still never counts.
    assert summary.verified == 0 and person.status is StaffStatus.NEVER
    assert [p.reason for p in summary.problems] == ["invalid"]


def copied_into_store(school: School, path: Path) -> tuple[Summary, StaffRow]:
    """The summary and the person's row once `path` is copied into the store by hand."""
    (school.store / "records").mkdir(exist_ok=True)
    shutil.copy(path, school.store / "records" / path.name)
    return row(school)


def test_integer_beyond_json_range_signed_by_an_attacker_never_counts(school: School) -> None:
    # smtrainer cannot sign it (RFC 8785 has no form for it); an attacker signs some other bytes.
    path = school.put("huge.toml", record(score_pct=2**60))
    assert verify_file(path, CONTEXT).result.status is Status.TAMPERED
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert report.new == [] and len(report.invalid) == 1
    summary, person = copied_into_store(school, path)
    assert summary.verified == 0 and person.status is StaffStatus.NEVER


@pytest.mark.parametrize(
    ("where", "value"),
    [("scenario", "a/b"), ("verdict", "evil"), ("choice", "x\ny")],
)
def test_scenario_choice_out_of_domain_is_invalid_and_the_dashboard_opens(
    school: School, where: str, value: str
) -> None:
    values = record()
    values["scenario_choices"] = [
        {"module": "use-at-school", "scenario": "s1", "step": "start", "choice": "c1"}
        | {"verdict": "best", where: value}
    ]
    path = school.put("odd.toml", values)
    assert verify_file(path).result.status is Status.INVALID
    (school.store / "records").mkdir()
    shutil.copy(path, school.store / "records" / "odd.toml")
    assert summarize(school.store, TODAY, context=CONTEXT).verified == 0


async def test_dashboard_opens_on_a_hostile_store(school: School) -> None:
    from textual.widgets import DataTable

    from smtrainer.ui.dashboard.app import DashboardApp

    folder = school.store / "records"
    folder.mkdir()
    for name, values in [
        (
            "verdict.toml",
            record(
                scenario_choices=[
                    {"module": "m", "scenario": "s", "step": "t", "choice": "c", "verdict": "evil"}
                ]
            ),
        ),
        ("date.toml", record(refresher_due="2027-02-30")),
        ("ok.toml", record()),
    ]:
        (folder / name).write_text(Path(school.put(name, values)).read_text())
    (folder / "esc\x1b]0;pwned\x07.toml").write_text("x = 1")  # Never read.
    school.roster.member("S-0007").name = "Ann\x1b]0;pwned\x07 Lee"  # type: ignore[union-attr]
    save_roster(school.store, school.roster)
    (school.store / ".cache").mkdir()
    (school.store / ".cache" / "scan-v2.bin").write_bytes(b"\x00not a cache")
    app = DashboardApp(school.store, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        table = app.screen.query_one("#staff", DataTable)
        assert table.row_count == 3
        shown = " ".join(str(cell) for index in range(3) for cell in table.get_row_at(index))
        assert "\x1b" not in shown and "Ann\\x1b]0;pwned\\x07 Lee" in shown
        problems = str(app.screen.query_one("#problems-text").render())
        assert "verdict" in problems and "refresher_due" in problems
        assert '"records/esc\\x1b]0;pwned\\x07.toml"' in problems and "\x1b" not in problems
    assert app.return_code in (0, None)


def test_scan_cache_of_the_wrong_shape_is_ignored(school: School) -> None:
    school.put("ok.toml", record())
    collected(school)
    cache = school.store / ".cache"
    cache.mkdir(exist_ok=True)
    (cache / "scan-v2.bin").touch()
    for junk in (b"", b"\x00" * 40, json.dumps({"x": [1, 2]}).encode(), os.urandom(300)):
        for path in cache.iterdir():
            path.write_bytes(junk)
        assert summarize(school.store, TODAY, context=CONTEXT).verified == 1


# Misleading results


def test_record_dated_in_the_future_never_counts(school: School) -> None:
    school.put(
        "future.toml",
        record(
            started_at="2035-01-01T09:00:00Z",
            completed_at="2035-01-01T10:00:00Z",
            refresher_due="2036-01-01",
        ),
    )
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert report.new == [] and "future" in report.invalid[0][1]


def test_failed_record_dated_2099_does_not_hide_a_real_pass(school: School) -> None:
    school.put("real.toml", record())
    school.put(
        "later.toml",
        failed(
            started_at="2099-01-01T09:00:00Z",
            completed_at="2099-01-01T10:00:00Z",
            refresher_due="2100-01-01",
        ),
    )
    collected(school)
    (school.store / "records").mkdir(exist_ok=True)
    shutil.copy(school.share / "later.toml", school.store / "records" / "later.toml")
    summary, person = row(school)
    assert person.status is StaffStatus.CURRENT
    assert any("future" in p.detail for p in summary.problems)


def test_today_leaves_out_records_made_after_that_day(school: School) -> None:
    school.put("one.toml", record())
    collected(school)
    summary, person = row(school, today=TODAY.replace(day=20))
    assert person.status is StaffStatus.NEVER and summary.verified == 0 and summary.later == 1
    assert summary.problems == []
    _summary, person = row(school)
    assert person.status is StaffStatus.CURRENT


def test_reused_record_id_is_decided_by_trust_not_by_name(school: School) -> None:
    genuine = record()
    school.put("s-0042-real.toml", genuine)
    forged = dict(genuine, staff_name="Zoé Lefèvre", score_pct=100, correct=5)
    forged = record(**{k: v for k, v in genuine.items() if k != "record_id"})
    forged["record_id"] = genuine["record_id"]
    forged["attempts"] = 2
    school.put("000-first.toml", forged, key=Ed25519PrivateKey.generate())
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert len(report.new) == 1 and len(report.conflicts) == 1
    assert (
        "reused by another key" in report.conflicts[0][1]
        or "approved key" in (report.conflicts[0][1])
    )
    summary, person = row(school)
    assert summary.verified == 1 and len(person.history) == 1
    assert person.history[0].fingerprint == school.fingerprint
    reused = [p for p in summary.problems if p.reason == "reused"]
    assert len(reused) == 1 and reused[0].file.endswith("000-first.toml")
    assert person.history[0].file in reused[0].detail
    assert summary.pending == []


def test_hidden_files_follow_one_rule(school: School, capsys: pytest.CaptureFixture[str]) -> None:
    school.put(".hidden.toml", record())
    for _ in range(2):
        assert main(["collect", str(school.share), "--store", str(school.store)]) == 0
        out = capsys.readouterr().out
        assert "0 new" in out and "1 hidden" in out
    assert summarize(school.store, TODAY, context=CONTEXT).records == 0


def test_collect_never_follows_links(school: School, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    school.put("elsewhere.toml", record()).rename(outside / "elsewhere.toml")
    (school.share / "link.toml").symlink_to(outside / "elsewhere.toml")
    (school.share / "folder").symlink_to(outside, target_is_directory=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    (school.share / "shadow.toml").symlink_to(secret)
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert report.new == [] and len(report.invalid) == 2
    assert all("link" in reason for _path, reason in report.invalid)


def test_verify_names_what_it_leaves_alone_in_a_folder(
    school: School, capsys: pytest.CaptureFixture[str]
) -> None:
    """As collect does: links, unsafe names and folders too deep are said, never opened."""
    school.put("fine.toml", record())
    (school.share / "link.toml").symlink_to(school.share / "fine.toml")
    (school.share / "\x1b[31mred.toml").write_bytes(b"")
    (school.share / ".hidden.toml").write_bytes(b"")
    deep = school.share.joinpath(*[f"d{n}" for n in range(MAX_DEPTH + 1)])
    deep.mkdir(parents=True)
    school.put("fine.toml", record()).rename(deep / "deep.toml")
    assert main(["verify", str(school.share)]) == 1
    said = capsys.readouterr().out
    assert "link.toml  a link" in said
    assert "\\x1b[31mred.toml" in said and "\x1b" not in said
    assert "too deep in sub-folders" in said
    assert "hidden" not in said and "deep.toml" not in said
    report = collect(school.share, school.store, school.roster, CONTEXT)
    assert any("too deep" in reason for _path, reason in report.invalid)


def test_failed_attempt_after_an_in_date_pass_leaves_the_person_current(school: School) -> None:
    school.put("pass.toml", record())
    school.put(
        "fail.toml",
        failed(started_at="2026-11-21T11:00:00Z", completed_at="2026-11-21T11:30:00Z"),
    )
    collected(school)
    summary, person = row(school)
    assert person.status is StaffStatus.CURRENT and person.last_attempt_failed
    assert person.score_pct == 80 and len(person.history) == 2
    from smtrainer.workflows.summary_export import staff_rows

    shown = next(line for line in staff_rows(summary) if line[0] == "S-0042")
    assert "last attempt failed" in shown[3]


# Terminal injection


def test_file_names_cannot_write_to_the_terminal(
    school: School, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "\x1b]0;owned\x07\x1b[2K\rFAKE: all good.toml"
    (school.share / evil).write_text("not a record")
    fake = "x.toml\nvalid     y.toml"
    (school.share / fake).write_text("not a record")
    main(["collect", str(school.share), "--store", str(school.store)])
    main(["verify", str(school.share)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "\\x1b]0;owned" in out
    assert not any(line.startswith("valid") for line in out.splitlines())


# Trust and housekeeping


def test_allowed_signers_refuses_ids_openssh_reads_as_patterns(
    school: School, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    roster = load_roster(school.store)
    attacker = Ed25519PrivateKey.generate()
    from smtrainer.domain.roster import ApprovedKey

    roster.add(
        StaffMember(
            "S-00*",
            "Wildcard",
            "office",
            keys=[ApprovedKey("SHA256:x", sshsig.public_key_line(attacker.public_key()), "2026")],
        )
    )
    save_roster(school.store, roster)
    assert main(["roster", "allowed-signers", "--store", str(school.store)]) == 1
    captured = capsys.readouterr()
    assert "S-00*" not in captured.out and "S-0042 " in captured.out
    assert "S-00*" in captured.err
    if shutil.which("ssh-keygen") is None:
        return
    # Stock OpenSSH with the exported file: the wildcard's key cannot sign for S-0006.
    signers = tmp_path / "allowed_signers"
    signers.write_text(captured.out)
    message = b"a forged record for S-0006"
    signature = tmp_path / "forged.sig"
    signature.write_text(sshsig.sign(attacker, NAMESPACE, message))
    command = ["ssh-keygen", "-Y", "verify", "-f", str(signers), "-I", "S-0006", "-n", NAMESPACE]
    forged = subprocess.run(
        [*command, "-s", str(signature)], input=message, capture_output=True, check=False
    )
    assert forged.returncode != 0


def test_store_is_private_whatever_the_umask(school: School) -> None:
    shutil.rmtree(school.store)
    old = os.umask(0)
    try:
        save_roster(school.store, school.roster)
        school.put("ok.toml", record())
        collected(school)
    finally:
        os.umask(old)
    assert stat.S_IMODE(school.store.stat().st_mode) == 0o700
    assert stat.S_IMODE((school.store / "records").stat().st_mode) == 0o700
    for path in [school.store / "roster.toml", *(school.store / "records").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_demo_store_its_caches_and_exports_are_private_whatever_the_umask(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    old = os.umask(0o022)
    try:
        assert main(["demo", "--out", str(store), "--staff", "3", "--years", "1"]) == 0
        assert main(["summary", "--store", str(store), "--json"]) == 0
        csv = store / "exports" / "staff.csv"
        assert main(["summary", "--store", str(store), "--csv", str(csv)]) == 0
    finally:
        os.umask(old)
    for path in [store, *store.rglob("*")]:
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_a_store_keeps_the_mode_its_owner_gave_it(school: School) -> None:
    """Made read-only (or shared with a group) on purpose, a store is not opened up again."""
    save_roster(school.store, school.roster)
    for mode in (0o500, 0o750):
        school.store.chmod(mode)
        try:
            save_roster(school.store, school.roster)
        except StorageError:
            assert os.geteuid() != 0 and mode == 0o500  # Only root may write into it.
        if os.geteuid() == 0 or mode & stat.S_IWUSR:
            school.put("ok.toml", record())
            collected(school)
        assert stat.S_IMODE(school.store.stat().st_mode) == mode
    school.store.chmod(0o700)


def test_passphrase_is_only_asked_on_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "SMTRAINER_HOME": str(tmp_path / "home")}
    env.pop("SMTRAINER_KEY_PASSPHRASE", None)
    result = subprocess.run(
        [sys.executable, "-m", "smtrainer", "key", "show", "--passphrase"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "terminal" in result.stderr
    assert not list((tmp_path / "home").rglob("id_ed25519"))


def test_changed_and_shared_keys_are_visible(
    school: School, capsys: pytest.CaptureFixture[str]
) -> None:
    other = Ed25519PrivateKey.generate()
    school.put("changed.toml", record(), key=other)
    school.put("own.toml", record(), key=school.key)
    school.put("shared.toml", record(staff_id="S-0006", staff_name="Sam Reid"), key=school.key)
    collected(school)
    assert main(["summary", "--store", str(school.store), "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "1 signed by a changed key" in out and "Changed key for S-0042" in out
    assert "(1 record)" in out and "(1 records)" not in out
    assert "Key used by several people" in out and "S-0006" in out
    assert main(["summary", "--store", str(school.store), "--json"]) == 0
    keys = json.loads(capsys.readouterr().out)["keys"]
    assert [k["staff_id"] for k in keys["changed"]] == ["S-0042"]
    assert keys["shared"][0]["staff_ids"] == ["S-0006", "S-0042"]


def test_approving_a_changed_key_needs_replace_and_keeps_the_old_one_revoked(
    school: School,
) -> None:
    other = Ed25519PrivateKey.generate()
    school.put("changed.toml", record(), key=other)
    collected(school)
    fingerprint = sshsig.fingerprint(other.public_key())
    command = ["roster", "approve", "S-0042", fingerprint, "--store", str(school.store)]
    assert main(command) == 1
    assert main([*command, "--replace"]) == 0
    keys = load_roster(school.store).member("S-0042").keys  # type: ignore[union-attr]
    assert [(k.fingerprint, bool(k.revoked_on)) for k in keys] == [
        (school.fingerprint, True),
        (fingerprint, False),
    ]


def test_staff_id_typed_in_another_case_is_credited(school: School) -> None:
    school.put("lower.toml", record(staff_id="s-0042"))
    collected(school)
    _summary, person = row(school)
    assert person.status is StaffStatus.CURRENT


ROSTER_CSV = "Matricule;Nom;Prénom;Fonction\nS-1;Lefèvre;Zoé;Enseignante\nS-2;Diallo;Awa;TA\n"


@pytest.mark.parametrize(
    "data",
    [
        ROSTER_CSV.encode("utf-8"),
        ROSTER_CSV.encode("utf-8-sig"),
        ROSTER_CSV.encode("utf-16"),
        ROSTER_CSV.replace(";", "\t").encode("utf-16"),
        ROSTER_CSV.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-tabs", "windows-1252"],
)
def test_roster_in_any_encoding_with_french_headers(data: bytes) -> None:
    roster = Roster()
    result = import_staff(data, roster)
    assert result.problems == [] and result.added == 2
    member = roster.member("s-1")
    assert member is not None and (member.name, member.role) == ("Zoé Lefèvre", "teacher")


def test_roster_from_an_excel_workbook() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in (["Staff ID", "First name", "Surname", "Role"], ["T-9", "Ann", "Lee", "Teacher"]):
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    roster = Roster()
    assert import_staff(buffer.getvalue(), roster).added == 1
    assert roster.member("T-9").name == "Ann Lee"  # type: ignore[union-attr]


def test_roster_duplicates_are_reported_with_their_lines() -> None:
    roster = Roster()
    result = import_staff(b"Staff ID,Name\nS-1,Ann\nS-2,Bo\ns-1,Another Ann\n", roster)
    assert roster.member("S-1").name == "Ann"  # type: ignore[union-attr]
    assert result.problems and "line 4" in result.problems[0] and "line 2" in result.problems[0]


def test_leavers_are_kept_in_history_and_not_counted_as_never(school: School) -> None:
    assert main(["roster", "leave", "S-0007", "--store", str(school.store)]) == 0
    summary, person = row(school, "S-0007")
    assert person.status is StaffStatus.LEFT
    assert "volunteer" not in summary.by_role()
    csv = school.share.parent / "staff.csv"
    csv.write_text("Staff ID,Name\nS-0042,Zoé Lefèvre\n")
    assert main(["roster", "import", str(csv), "--replace", "--store", str(school.store)]) == 0
    _summary, person = row(school, "S-0006")
    assert person.status is StaffStatus.LEFT


def test_damaged_roster_is_reported_with_file_and_line(school: School) -> None:
    path = school.store / "roster.toml"
    lines = path.read_text().splitlines()
    lines.insert(3, "broken = = 1")
    path.write_text("\n".join(lines))
    with pytest.raises(RosterError, match=r"roster\.toml:4"):
        load_roster(school.store)
    path.write_text('[[staff]]\nid = "A"\n\n[[staff]]\nid = 7\n')
    with pytest.raises(RosterError, match=r"roster\.toml:4.*staff\[1\]\.id"):
        load_roster(school.store)


def test_roster_options_in_any_position_and_help_everywhere(
    school: School, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["roster", "pending", "--store", str(school.store)]) == 0
    for command in (["roster", "import"], ["roster", "approve"], ["roster", "pending"]):
        with pytest.raises(SystemExit) as stop:
            main([*command, "--help"])
        assert stop.value.code == 0
    assert "usage" in capsys.readouterr().out


def test_collect_exits_1_when_anything_was_invalid(school: School) -> None:
    school.put("ok.toml", record())
    assert main(["collect", str(school.share), "--store", str(school.store)]) == 0
    (school.share / "bad.toml").write_text("nonsense")
    assert main(["collect", str(school.share), "--store", str(school.store)]) == 1


def test_new_passphrase_is_asked_twice_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from smtrainer.cli import key_cmd

    monkeypatch.delenv(key_cmd.PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setattr(key_cmd.sys.stdin, "isatty", lambda: True)
    typed = iter(["first", "second", "same", "same"])
    monkeypatch.setattr(key_cmd.getpass, "getpass", lambda prompt: next(typed))
    with pytest.raises(key_cmd.PassphraseError, match="differ"):
        key_cmd._passphrase(new=True, existing=False)
    assert key_cmd._passphrase(new=True, existing=False) == "same"


def test_the_store_scan_lists_record_files_only(school: School, tmp_path: Path) -> None:
    """Links (to a record or to a folder of records), hidden and unsafe names, folders too
    deep and files that are not `*.toml` are never read; records in sub-folders are."""
    from smtrainer.storage.listing import MAX_DEPTH
    from smtrainer.workflows.record_scan import plan_scan

    folder = school.store / "records"
    outside = tmp_path / "outside"
    outside.mkdir()
    school.put("elsewhere.toml", record()).rename(outside / "elsewhere.toml")
    deep = folder.joinpath(*[f"level{n}" for n in range(MAX_DEPTH + 1)])
    deep.mkdir(parents=True)
    school.put("fine.toml", record()).rename(folder / "fine.toml")
    school.put("nested.toml", record()).rename(folder / "level0" / "nested.toml")
    school.put("too-deep.toml", record()).rename(deep / "too-deep.toml")
    school.put("hidden.toml", record()).rename(folder / ".hidden.toml")
    school.put("escape.toml", record()).rename(folder / "esc\x1b[31m.toml")
    school.put("notes.txt", record()).rename(folder / "notes.txt")
    (folder / "link.toml").symlink_to(outside / "elsewhere.toml")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "folder.toml").mkdir()
    plan = plan_scan(school.store)
    assert plan.names == ["records/fine.toml", "records/level0/nested.toml"]
    # What is named as a record but left alone is said, not hidden (a hidden file is).
    assert [(fact.file, fact.status, fact.reason) for fact in plan.refused] == [
        (
            '"records/esc\\x1b[31m.toml"',
            "unreadable",
            "the file name holds bytes that are not UTF-8 or control characters: rename it",
        ),
        ("records/link.toml", "unreadable", "a link: links are never followed"),
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_files_left_alone_are_named_by_the_summary_and_noticed_when_added(
    school: School, tmp_path: Path, language: str
) -> None:
    """A link, or a name made to write to the terminal, in the store's records folder: the
    summary names it inertly with why it is not read, also when it comes after a summary was
    kept (nothing else changed)."""
    folder = school.store / "records"
    folder.mkdir()
    school.put("fine.toml", record()).rename(folder / "fine.toml")
    args = ["summary", "--store", str(school.store), "--lang", language]
    first = smtrainer(*args, home=tmp_path)
    assert first.returncode == 0 and "link.toml" not in first.stdout
    (folder / "link.toml").symlink_to(tmp_path / "elsewhere.toml")
    school.put("escape.toml", record()).rename(folder / "esc\x1b]0;owned\x07.toml")
    shown = smtrainer(*args, home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    said = {
        "en": ("a link: links are never followed", "not UTF-8 or control characters"),
        "fr": ("un lien\u00a0: les liens ne sont jamais suivis", "caractères de contrôle"),
    }[language]
    assert "records/link.toml" in shown.stdout and said[0] in shown.stdout
    assert '"records/esc\\x1b]0;owned\\x07.toml"' in shown.stdout and said[1] in shown.stdout
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    (folder / "link.toml").unlink()
    again = smtrainer(*args, home=tmp_path)
    assert "link.toml" not in again.stdout and "owned" in again.stdout


def test_a_file_nobody_may_read_is_tried_again_without_writing_the_cache_again(
    school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smtrainer.storage import listing, scan_cache
    from smtrainer.workflows.record_scan import scan_store

    folder = school.store / "records"
    folder.mkdir()
    school.put("fine.toml", record()).rename(folder / "fine.toml")
    school.put("locked.toml", record()).rename(folder / "locked.toml")
    real = listing.read_no_follow

    def refused(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
        if str(path).endswith("locked.toml"):  # As another user's file with mode 000 would.
            raise PermissionError(13, "Permission denied")
        return real(path, limit)

    monkeypatch.setattr(listing, "read_no_follow", refused)
    first = scan_store(school.store)
    assert [(f.file, f.status) for f in first.facts] == [
        ("records/fine.toml", Status.VALID.value),
        ("records/locked.toml", Status.UNREADABLE.value),
    ]
    assert "permission denied" in first.facts[1].reason
    written = (school.store / scan_cache.CACHE_FILE).stat().st_mtime_ns
    again = scan_store(school.store)
    assert again.facts == first.facts
    assert (school.store / scan_cache.CACHE_FILE).stat().st_mtime_ns == written
    monkeypatch.setattr(listing, "read_no_follow", real)
    assert [f.status for f in scan_store(school.store).facts] == [Status.VALID.value] * 2


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_totals_add_up_with_a_copy_set_aside(school: School, language: str) -> None:
    """An identical copy of a record counts once: the totals say the other is set aside."""
    from smtrainer.i18n import set_language
    from smtrainer.workflows.summary_export import totals_sentence

    folder = school.store / "records"
    folder.mkdir()
    text = school.put("fine.toml", record()).read_bytes()
    (folder / "fine.toml").write_bytes(text)
    (folder / "copy.toml").write_bytes(text)
    set_language(language)
    summary = summarize(school.store, TODAY, context=CONTEXT)
    assert (summary.records, summary.verified, summary.invalid) == (2, 1, 0)
    said = {
        "en": "1 copy of a record is set aside (its record id is in another file too).",
        "fr": "1 copie d'une attestation est mise de côté (son identifiant figure aussi dans un "
        "autre fichier).",
    }[language]
    assert totals_sentence(summary).endswith(said)
    assert [p.reason for p in summary.problems] == ["copy"]
