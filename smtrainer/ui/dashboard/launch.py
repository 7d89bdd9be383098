"""Start the dashboard on a store."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from smtrainer.i18n import _
from smtrainer.workflows.summary_prefetch import SummaryPrefetch

if TYPE_CHECKING:
    from smtrainer.ui.dashboard.app import DashboardApp


def make_dashboard(store: Path, today: dt.date, policies: Sequence[str] = ()) -> DashboardApp:
    """The dashboard app, its summary already being made in a second process (started before
    the app's own modules are even imported, so that both take their time at once)."""
    prefetch = SummaryPrefetch(store, today, policies)
    from smtrainer.ui.dashboard.app import DashboardApp
    from smtrainer.workflows.record_scan import prepare_parallel_scan

    prepare_parallel_scan()
    return DashboardApp(store, today, policy_ids=policies, prefetch=prefetch)


def run_dashboard(store: Path, today: dt.date, policies: Sequence[str] = ()) -> int:
    """Run the dashboard; the exit status is 0 only when it ends normally (a crash gives 1)."""
    if not store.is_dir():
        print(
            _("smtrainer dashboard: error: no such store folder: {path}").format(path=store),
            file=sys.stderr,
        )
        return 2
    app = make_dashboard(store, today, policies)
    app.run()
    return app.return_code or 0
