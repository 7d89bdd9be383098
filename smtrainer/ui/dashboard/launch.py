"""Start the dashboard on a store."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from smtrainer.i18n import _
from smtrainer.ui.dashboard.app import DashboardApp


def run_dashboard(store: Path, today: dt.date) -> int:
    if not store.is_dir():
        print(
            _("smtrainer dashboard: error: no such store folder: {path}").format(path=store),
            file=sys.stderr,
        )
        return 2
    app = DashboardApp(store, today)
    app.run()
    return 0
