"""The journey's modules are imported in the background once the first screen is drawn, and
the interface's Textual settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smtrainer.ui.warm_up import WarmUp

ROOT = Path(__file__).resolve().parents[2]

WHOLE_JOURNEY = """
import asyncio, json, sys
from pathlib import Path
from smtrainer.ui.launch import make_app

app = make_app(Path(sys.argv[1]))

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.warm_up.done.is_set():
            await asyncio.sleep(0.01)
        before = set(sys.modules)
        from tests.ui.driver import run_to_done
        driver = set(sys.modules) - before
        await run_to_done(pilot)
        late = set(sys.modules) - before - driver
        print(json.dumps({"driver": sorted(driver), "late": sorted(late),
                          "failed": app.warm_up.failed}))

asyncio.run(main())
"""


@pytest.mark.slow
def test_a_whole_induction_imports_nothing_of_ours_after_the_warm_up(tiny: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", WHOLE_JOURNEY, str(tiny)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["failed"] == []
    # The test's own driver imports nothing of the app's that the warm-up had not.
    assert [m for m in found["driver"] if not m.startswith(("tests", "textual.pilot"))] == []
    late = [m for m in found["late"] if m.split(".")[0] in ("smtrainer", "markdown_it", "rich")]
    assert late == [], "imported by the journey after the warm-up; add them to JOURNEY_MODULES"


def test_a_module_that_fails_is_noted_and_the_others_still_imported() -> None:
    warm_up = WarmUp(["smtrainer.no_such_module", "smtrainer.ui.words"])
    warm_up.start()
    assert warm_up.done.wait(30)
    assert warm_up.failed == ["smtrainer.no_such_module"]
    assert "smtrainer.ui.words" in sys.modules


SETTINGS = (
    "import smtrainer.ui.launch, textual.constants as c; print(c.MAX_FPS, c.TEXTUAL_ANIMATIONS)"
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [({}, "120 none"), ({"TEXTUAL_FPS": "30", "TEXTUAL_ANIMATIONS": "full"}, "30 full")],
)
def test_the_interface_draws_120_frames_without_animations_unless_told_otherwise(
    given: dict[str, str], expected: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_FPS", "TEXTUAL_ANIMATIONS")}
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS],
        capture_output=True,
        text=True,
        env={**env, **given},
        check=True,
    )
    assert result.stdout.strip() == expected
