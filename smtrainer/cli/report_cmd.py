"""`smtrainer report --html FILE`: the printable inspection log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from smtrainer.cli.text import print_error
from smtrainer.domain.inert_text import inert
from smtrainer.i18n import _
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.roster import RosterError
from smtrainer.workflows.inspection import inspection_log


def run_report(store: Path, today: dt.date, target: Path) -> int:
    from smtrainer.documents.inspection_log import render_log

    try:
        log = inspection_log(store, today)
        atomic_write(target, render_log(log).encode("utf-8"))
    except (RosterError, StorageError) as error:
        return print_error("report", error)
    print(_("Inspection log written to {file}").format(file=inert(target)))
    return 0
