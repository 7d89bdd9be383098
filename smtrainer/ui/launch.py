"""Load the content and start the app."""

from __future__ import annotations

import sys
from pathlib import Path

from smtrainer.content.errors import ContentFolderError
from smtrainer.i18n import _
from smtrainer.storage.settings import load_settings
from smtrainer.ui.app import TrainerApp
from smtrainer.workflows.content import UnknownPolicyError, load_and_choose


def run_app(
    content_dir: Path | None = None,
    *,
    language_forced: bool = False,
    policy: str | None = None,
    add_to_bundled: bool = False,
) -> int:
    app = make_app(
        content_dir, language_forced=language_forced, policy=policy, add_to_bundled=add_to_bundled
    )
    if app is None:
        return 2
    app.run()
    return app.return_code or 0


def make_app(
    content_dir: Path | None = None,
    *,
    language_forced: bool = False,
    policy: str | None = None,
    add_to_bundled: bool = False,
) -> TrainerApp | None:
    """The app on the packs in `content_dir` (the bundled ones by default; with
    `add_to_bundled`, both) with the pack `policy` or the one chosen as `choose_policy` says;
    None (after saying why) if a folder is unusable or `policy` is not installed."""
    only = content_dir is not None and not add_to_bundled
    try:
        chosen = load_and_choose(
            content_dir, content_only=only, requested=policy, saved=load_settings().policy
        )
    except (ContentFolderError, UnknownPolicyError) as error:
        print(_("smtrainer: error: {message}").format(message=error), file=sys.stderr)
        return None
    return TrainerApp(
        policies=chosen.policies,
        problems=chosen.problems,
        remember_language=not language_forced,
        choices=chosen.choices,
        skipped=chosen.skipped,
    )
