"""Start the dashboard on a store."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from smtrainer.domain.inert_text import shown_name
from smtrainer.i18n import _
from smtrainer.workflows.summary_prefetch import SummaryPrefetch

if TYPE_CHECKING:
    from smtrainer.ui.dashboard.app import DashboardApp


def make_dashboard(
    store: Path, today: dt.date, policies: Sequence[str] = (), *, remember_language: bool = False
) -> DashboardApp:
    """The dashboard app, its summary already being made in a second process, or for a store
    never scanned its worker processes started (both before the app's own modules are even
    imported, so that they take their time at once)."""
    prefetch = SummaryPrefetch(store, today, policies)
    from smtrainer.workflows.record_scan import prepare_parallel_scan, workers_ahead

    prepare_parallel_scan()
    # A first run verifies every record: its worker processes get ready while the app starts.
    workers = workers_ahead(store)
    from smtrainer.ui.dashboard.app import DashboardApp

    app = DashboardApp(store, today, policy_ids=policies, prefetch=prefetch, workers=workers)
    app.remember_language = remember_language
    return app


def run_dashboard(
    store: Path, today: dt.date, policies: Sequence[str] = (), *, remember_language: bool = False
) -> int:
    """Run the dashboard; the exit status is 0 only when it ends normally (a crash gives 1).
    `remember_language`: a language switch is saved for the next start (no `--lang` given)."""
    if not store.is_dir():
        print(
            _("smtrainer dashboard: error: no such store folder: {path}").format(
                path=shown_name(store)
            ),
            file=sys.stderr,
        )
        return 2
    app = make_dashboard(store, today, policies, remember_language=remember_language)
    app.run()
    return app.return_code or 0
