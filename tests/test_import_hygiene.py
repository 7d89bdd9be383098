"""The domain and content layers never pull in the user interface libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "modules",
    [
        "smtrainer.domain.model, smtrainer.domain.scenario_walk, smtrainer.domain.problems",
        "smtrainer.content.loader, smtrainer.content.build",
        "smtrainer.storage.settings",
        "smtrainer.cli.check_cmd",
    ],
)
def test_no_textual_or_rich_is_imported(modules: str) -> None:
    code = (
        f"import sys; import {modules}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
