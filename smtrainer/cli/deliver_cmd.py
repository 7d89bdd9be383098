"""`smtrainer deliver [--to FOLDER]`: hand in records waiting in the outbox."""

from __future__ import annotations

import sys
from pathlib import Path

from smtrainer.domain.inert_text import shown_name
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError
from smtrainer.storage.records import deliver_outbox, outbox_dir
from smtrainer.storage.settings import load_settings, save_settings


def run_deliver(to: Path | None) -> int:
    settings = load_settings()
    if to is not None:
        settings.shared_folder = str(to)
        try:
            save_settings(settings)
        except StorageError as error:
            print(_("smtrainer deliver: error: {message}").format(message=error), file=sys.stderr)
            return 1
    if settings.shared_folder is None:
        print(
            _("smtrainer deliver: error: no shared folder is set; give one with --to FOLDER"),
            file=sys.stderr,
        )
        return 2
    shared = Path(settings.shared_folder)
    if not shared.is_dir():
        print(
            _("The shared folder {path} is not reachable; records stay in {outbox}.").format(
                path=shared, outbox=outbox_dir()
            ),
            file=sys.stderr,
        )
        return 1
    delivered, problems = deliver_outbox(shared)
    print(
        ngettext(
            "{count} record handed in to {path}.",
            "{count} records handed in to {path}.",
            len(delivered),
        ).format(count=len(delivered), path=shown_name(shared))
    )
    for problem in problems:
        print(_("not delivered: {problem}").format(problem=problem), file=sys.stderr)
    return 1 if problems else 0
