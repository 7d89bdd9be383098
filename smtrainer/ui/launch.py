"""Load the content and start the app."""

from __future__ import annotations

import sys
from pathlib import Path

from smtrainer.content.errors import ContentFolderError
from smtrainer.i18n import _
from smtrainer.ui.app import TrainerApp
from smtrainer.workflows.content import load_for_app


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
    try:
        loaded = load_for_app(content_dir)
    except ContentFolderError as error:
        print(_("smtrainer: error: {message}").format(message=error), file=sys.stderr)
        return None
    return TrainerApp(
        policies=loaded.policies, problems=loaded.errors, remember_language=not language_forced
    )
