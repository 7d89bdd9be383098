"""Garbage collected while the learner reads, not while they wait for a key's answer.

Python's full collection walks every object the app holds; with the content, the screens kept
for the journey and Textual's own, it takes 30 to 50 ms, and it starts whenever enough objects
were made: often in the middle of answering a key. Here the objects of the started app are set
aside for good (they live as long as it does), full collections are made rare, and one is made
when no key has come for a second, after which what survived it is set aside too; the young
generations are collected as before.

What is set aside is still freed when nothing refers to it any more; only a cycle of objects set
aside (a widget replaced since, with its parent and its styles) waits until the app ends, when
everything set aside is put back for Python's own collections: under 10 MB over a whole
induction with a collection after every key, for idle collections of a few milliseconds instead
of 30 to 50 (the whole app walked each time).

A learner who never stops for a second (keys at a steady pace through a whole induction) would
leave all the journey's garbage to one collection at the end: 66,000 objects, 135 to 150 ms in
which a key would wait. So after `KEYS_BETWEEN` keys without one, the collection is made as soon
as the keys leave `SOON_SECONDS` free: a key's garbage is a few hundred objects, and a collection
of a few dozen keys' takes milliseconds.
"""

from __future__ import annotations

import gc
from typing import Any

from textual.timer import Timer

IDLE_SECONDS = 1.0
"""Time without a key after which garbage is collected."""
KEYS_BETWEEN = 30
"""Keys after which a collection is not left waiting for a second without one."""
SOON_SECONDS = 0.05
"""Time without a key after which that collection is made."""
RARE_FULL = 100
"""Collections of the middle generation between two full ones Python makes by itself (10 by
default): those still happen, should no second without a key ever come."""


class IdleCollector:
    """Full garbage collections for one app, made while it waits for the learner."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.timer: Timer | None = None
        self.thresholds = gc.get_threshold()
        self.started = False
        self.keys_since = 0
        """Keys since the last collection."""

    def start(self) -> None:
        """Set aside what the started app holds, and make full collections rare."""
        gc.freeze()
        self.started = True
        young, middle, _full = self.thresholds
        gc.set_threshold(young, middle, RARE_FULL)

    def set_aside(self) -> None:
        """Set aside, too, what the app has made since it started and keeps for good (modules
        imported in the background, screens built ahead)."""
        if self.started:
            gc.freeze()

    def key_pressed(self) -> None:
        """A key: collect only after the next second without one (or, after many keys without
        a collection, the next short pause)."""
        if self.timer is not None:
            self.timer.stop()
        self.keys_since += 1
        delay = SOON_SECONDS if self.keys_since >= KEYS_BETWEEN else IDLE_SECONDS
        self.timer = self.app.set_timer(delay, self._collect, name="idle-collect")

    def stop(self) -> None:
        """The app ends: Python's own thresholds again, and what was set aside back in."""
        if self.timer is not None:
            self.timer.stop()
        gc.set_threshold(*self.thresholds)
        gc.unfreeze()
        self.started = False

    def _collect(self) -> None:
        self.timer = None
        self.keys_since = 0
        if gc.get_count()[2]:  # Something reached the oldest generation since the last one.
            gc.collect()
            # What survived is set aside too: the next collection walks only what is made
            # after it (walking all the app holds took 50 ms and more late in a journey).
            self.set_aside()
