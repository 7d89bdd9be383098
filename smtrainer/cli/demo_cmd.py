"""`smtrainer demo --out DIR`: a demo school for trying the head teacher's side."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from smtrainer.content.catalog import load_catalog
from smtrainer.content.errors import ContentFolderError
from smtrainer.content.location import bundled_content_dir
from smtrainer.content.policies import policy_set_of
from smtrainer.domain.inert_text import shown_name
from smtrainer.i18n import _, ngettext
from smtrainer.storage.atomic import StorageError
from smtrainer.workflows.demo import build_demo
from smtrainer.workflows.demo_writer import DemoWorkerError


def run_demo(
    out: Path,
    *,
    staff: int,
    years: int,
    seed: int,
    today: dt.date,
    content: Path | None,
    policies: Sequence[str] = (),
) -> int:
    """A demo school whose staff train on `policies`; by default on one pack, the first
    installed by id (the same every run)."""
    if out.exists() and any(out.iterdir()):
        print(
            _("smtrainer demo: error: {path} is not empty; choose a new folder").format(
                path=shown_name(out)
            ),
            file=sys.stderr,
        )
        return 2
    try:
        catalog = load_catalog([content or bundled_content_dir()])
    except ContentFolderError as error:
        print(_("smtrainer demo: error: {message}").format(message=error), file=sys.stderr)
        return 2
    wanted = list(policies) or ([min(catalog.packs)] if catalog.packs else [])
    packs = []
    for policy_id in wanted:
        loaded = policy_set_of(catalog, policy_id)
        if loaded.errors or not loaded.policies:
            print(
                _(
                    "smtrainer demo: error: the policy pack '{policy}' cannot be used; "
                    "run `smtrainer check`"
                ).format(policy=policy_id),
                file=sys.stderr,
            )
            return 1
        packs.append(loaded.policies)
    if not packs:
        print(
            _("smtrainer demo: error: the content has problems; run `smtrainer check`"),
            file=sys.stderr,
        )
        return 1
    try:
        summary = build_demo(
            out, packs[0], staff=staff, years=years, seed=seed, today=today, also=packs[1:]
        )
    except (StorageError, DemoWorkerError) as error:
        print(_("smtrainer demo: error: {message}").format(message=error), file=sys.stderr)
        return 1
    print(
        ngettext(
            "Demo school written to {folder}: {staff} staff, {records} signed record.",
            "Demo school written to {folder}: {staff} staff, {records} signed records.",
            summary.records,
        ).format(folder=shown_name(summary.folder), staff=summary.staff, records=summary.records)
    )
    return 0
