"""Start the dashboard on a store."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from smtrainer.i18n import _
from smtrainer.ui.dashboard.app import DashboardApp
from smtrainer.workflows.record_scan import prepare_parallel_scan


def run_dashboard(store: Path, today: dt.date, policies: Sequence[str] = ()) -> int:
    """Run the dashboard; the exit status is 0 only when it ends normally (a crash gives 1)."""
    if not store.is_dir():
        print(
            _("smtrainer dashboard: error: no such store folder: {path}").format(path=store),
            file=sys.stderr,
        )
        return 2
    prepare_parallel_scan()
    app = DashboardApp(store, today, policy_ids=policies)
    app.run()
    return app.return_code or 0
