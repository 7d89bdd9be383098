"""Load the content and start the app."""

from __future__ import annotations

import sys
from pathlib import Path

from smtrainer.content.build import build_policy
from smtrainer.content.loader import ContentFolderError, bundled_content_dir, load_tree
from smtrainer.i18n import _
from smtrainer.ui.app import TrainerApp

DEFAULT_POLICY = "kingsworth"


def run_app(content_dir: Path | None = None, *, language_forced: bool = False) -> int:
    app = make_app(content_dir, language_forced=language_forced)
    if app is None:
        return 2
    app.run()
    return app.return_code or 0


def make_app(
    content_dir: Path | None = None, *, language_forced: bool = False
) -> TrainerApp | None:
    """The app on `content_dir` (bundled content by default), or None if the folder is unusable."""
    root = content_dir or bundled_content_dir()
    try:
        tree = load_tree(root)
    except ContentFolderError as error:
        print(_("smtrainer: error: {message}").format(message=error), file=sys.stderr)
        return None
    policy_id = DEFAULT_POLICY if DEFAULT_POLICY in tree.packs else next(iter(tree.packs), None)
    packs = tree.packs.get(policy_id, {}) if policy_id else {}
    errors = [p for p in tree.problems.sorted() if p.is_error]
    policies = {}
    if not errors:
        policies = {lang: build_policy(pack) for lang, pack in packs.items() if pack.is_valid}
    return TrainerApp(policies=policies, problems=errors, remember_language=not language_forced)
