"""Property test: validly signed records with arbitrary values and file names never make the
head teacher's tools raise, and an out-of-domain record is never counted as verified.

Each example signs, with the school's approved key, one good record and a few records each
broken in one way the rules forbid (the oracle below is written independently of the gate), under
arbitrary file names; then collects them and runs every view.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtrainer.cli.main import main
from smtrainer.workflows.collect import collect
from smtrainer.workflows.record_context import RecordContext
from smtrainer.workflows.summary import summarize
from tests.headteacher.hostile import NOW, TEMPLATE, TODAY, School, record, signed_text

CONTEXT = RecordContext.load(now=NOW)
SAFE_STAFF_ID = re.compile(r"[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*")

leaves = (
    st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False)
)
any_value = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
"""Any value TOML can hold."""


def other_type(key: str) -> st.SearchStrategy[Any]:
    """A value whose type differs from the template's value for `key`, or None: the key removed."""
    kind = type(TEMPLATE[key])
    return st.none() | any_value.filter(lambda v: type(v) is not kind)


def text_except(*allowed: str) -> st.SearchStrategy[str]:
    return st.text(max_size=30).filter(lambda t: t not in allowed)


BROKEN: list[st.SearchStrategy[tuple[str, Any]]] = [
    st.tuples(st.just("refresher_due"), text_except(TEMPLATE["refresher_due"])),
    st.tuples(
        st.just("completed_at"),
        st.text(max_size=25).filter(lambda t: not t.startswith("2026-11-21")),
    ),
    st.tuples(st.just("language"), text_except("en", "fr")),
    st.tuples(st.just("policy_id"), text_except("kingsworth")),
    st.tuples(st.just("kind"), text_except("induction", "refresher")),
    st.tuples(st.just("passed"), st.just(False)),
    st.tuples(st.just("score_pct"), st.integers(-(2**60), 2**60).filter(lambda n: n != 80)),
    st.tuples(st.just("correct"), st.integers(-(2**60), 2**60).filter(lambda n: n != 4)),
    st.tuples(
        st.just("pass_mark"), st.integers(-(2**60), 2**60).filter(lambda n: n not in range(1, 81))
    ),
    st.tuples(
        st.just("staff_id"),
        st.text(min_size=1, max_size=20).filter(lambda t: not SAFE_STAFF_ID.fullmatch(t)),
    ),
    st.tuples(
        st.just("staff_name"),
        st.tuples(st.text(max_size=10), st.sampled_from("\x00\x1b\n\r\x07\u202e\x85")).map("".join),
    ),
    st.tuples(st.just("verdict"), text_except("best", "acceptable", "unsafe")),
    st.tuples(st.just("outcome"), text_except("correct", "wrong")),
    st.tuples(
        st.just("module"),
        st.text(max_size=20).filter(lambda t: not re.fullmatch(r"[a-z0-9]+([.-][a-z0-9]+)*", t)),
    ),
    st.tuples(st.just("extra"), any_value),
    st.sampled_from(sorted(TEMPLATE)).flatmap(lambda key: st.tuples(st.just(key), other_type(key))),
]


def broken_record(change: tuple[str, Any]) -> dict[str, Any]:
    key, value = change
    made = record()
    if key == "verdict":
        made["scenario_choices"] = [
            {
                "module": "use-at-school",
                "scenario": "s",
                "step": "t",
                "choice": "c",
                "verdict": value,
            }
        ]
    elif key == "outcome":
        made["assessment"]["questions"][0]["outcome"] = value
    elif key == "module":
        made["modules"][0]["id"] = value
    elif key == "extra":
        made["extra"] = value
    elif value is None:
        del made[key]
    else:
        made[key] = value
    return made


file_names = st.one_of(
    st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=30,
    ),
    st.binary(min_size=1, max_size=30)
    .filter(lambda b: b"/" not in b and b"\x00" not in b)
    .map(os.fsdecode),
).map(lambda name: name + ".toml")


def write(folder: Path, name: str, text: str) -> None:
    with contextlib.suppress(OSError):  # Names the file system itself refuses (too long, "." …).
        (folder / name).write_bytes(text.encode("utf-8"))


async def open_dashboard(store: Path) -> None:
    from smtrainer.ui.dashboard.app import DashboardApp

    app = DashboardApp(store, TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for tab in ("tab-roles", "tab-problems", "tab-staff"):
            await pilot.click(f"#tabs #--content-tab-{tab}")
    assert app.return_code in (None, 0)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.lists(st.one_of(BROKEN), min_size=1, max_size=4),
    names=st.lists(file_names, min_size=5, max_size=5, unique=True),
    tmp=st.just(None),
)
def test_arbitrary_signed_records_never_raise_and_never_count(
    changes: list[tuple[str, Any]], names: list[str], tmp: None, tmp_path_factory: Any
) -> None:
    root = tmp_path_factory.mktemp("hostile")
    school = School(root)
    write(school.share, "good.toml", signed_text(record(), school.key))
    for change, name in zip(changes, names, strict=False):
        write(school.share, name, signed_text(broken_record(change), school.key))
    collect(school.share, school.store, school.roster, CONTEXT)
    for folder in (school.share,):  # Hand-copied into the store as well: still never counted.
        target = school.store / "records" / "by-hand"
        target.mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(folder):
            if entry.name != "good.toml" and not entry.is_symlink():
                with contextlib.suppress(OSError):
                    shutil.copy(entry.path, target / entry.name)
    summary = summarize(school.store, TODAY, context=CONTEXT)
    assert summary.verified == 1, [p.detail for p in summary.problems]
    store = str(school.store)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["summary", "--store", store, "--json"]) == 0
    assert json.loads(out.getvalue())["totals"]["verified"] == 1
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["summary", "--store", store, "--csv", str(root / "staff.csv")]) == 0
        assert main(["roster", "pending", "--store", store]) == 0
    asyncio.run(open_dashboard(school.store))
