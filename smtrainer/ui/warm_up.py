"""The journey's modules, imported in the background while the learner reads the first screen.

The welcome screen needs few modules, which keeps start-up short; the journey's screens, its
dialogs, the Markdown parser behind readings and the code that signs and checks records are
imported where they are first used. Imported there, they made the key that first needed them
wait: 130 ms for the module map alone. Here they are imported in a thread once the first
screen is drawn, which takes a fraction of a second; a key that needs one of them sooner waits
only for that module (the import system makes a second importer wait for the first).

A module that fails to import here is left alone: the code that needs it imports it again and
reports the problem where it always did.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import importlib
import threading
from collections.abc import Callable, Iterable

JOURNEY_MODULES = (
    "smtrainer.ui.screens.identity",
    "smtrainer.ui.dialogs",
    "smtrainer.ui.key_names",
    "smtrainer.ui.screens.stages",
    "smtrainer.storage.profile",
    "smtrainer.storage.keys",
    "smtrainer.workflows.finish",
    "textual.widgets._data_table",
    "textual.widgets._header",
    "rich._emoji_codes",
    "_strptime",
)
"""What the learner's journey imports after the welcome screen, each with what it imports."""


class WarmUp:
    """Imports `modules` once, in a background thread."""

    def __init__(self, modules: Iterable[str] = JOURNEY_MODULES) -> None:
        self.modules = tuple(modules)
        self.done = threading.Event()
        self.failed: list[str] = []
        self._thread: threading.Thread | None = None

    def start(self, then: Callable[[], object] | None = None) -> None:
        """Begin (once); returns at once. `then`, if given, is called once the imports are
        done, on the event loop that called this and in its context (an app's, for one)."""
        if self._thread is not None:
            return
        scheduled: Callable[[], object] | None = None
        if then is not None:
            loop, context = asyncio.get_running_loop(), contextvars.copy_context()

            def scheduled() -> None:
                with contextlib.suppress(RuntimeError):  # The loop is closed: the app ended.
                    loop.call_soon_threadsafe(then, context=context)

        self._thread = threading.Thread(
            target=self._run, args=(scheduled,), name="warm-up", daemon=True
        )
        self._thread.start()

    def _run(self, then: Callable[[], object] | None) -> None:
        try:
            for name in self.modules:
                try:
                    importlib.import_module(name)
                except Exception:  # Reported by the code that needs it (see the docstring).
                    self.failed.append(name)
        finally:
            self.done.set()
            if then is not None:
                then()
