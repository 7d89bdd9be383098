"""Keys handled one at a time, each by the screen that is ready for it.

A real terminal sends keys without waiting for the app. Textual hands a key to the focused
widget's own queue and goes on to the next one at once, so a key could be handled by a screen
that a previous key was replacing, by a new screen not yet built, or before the key typed just
before it (a digit then Enter, sent together, lost the digit). The app gives every key from the
terminal to `KeyQueue.arrived`: a key goes on only when the screen on top is mounted and settled
and the previous key has been handled all the way up; until then it waits, in order.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen

HOP_TIMEOUT = 0.5
"""Seconds to wait for one widget to handle a key before going on (a widget whose message loop
has ended is not waited for at all)."""


class KeyQueue:
    """The app's keys from the terminal, in order, one in flight at a time."""

    def __init__(self, app: App[Any], handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.handle = handle
        self.waiting: deque[events.Key] = deque()
        self.in_flight: events.Key | None = None
        self.retry_scheduled = False
        self.tasks: set[asyncio.Task[None]] = set()

    def ready(self) -> bool:
        """No key in flight, and the screen on top is mounted and not busy."""
        screen = self.app.screen
        return (
            self.in_flight is None
            and screen.is_mounted
            and bool(getattr(screen, "is_settled", True))
        )

    async def arrived(self, key: events.Key) -> None:
        self.waiting.append(key)
        await self.release()

    async def release(self) -> None:
        """Hand on waiting keys while the app is ready for them."""
        while self.waiting and self.ready():
            key = self.waiting.popleft()
            self.in_flight = key
            target: DOMNode = self.app.focused or self.app.screen
            await self.handle(key)
            self._follow(key, target)
        if self.waiting and not self.retry_scheduled:
            self.retry_scheduled = True
            self.app.set_timer(0.01, self._retry)

    async def _retry(self) -> None:
        self.retry_scheduled = False
        await self.release()

    def _follow(self, key: events.Key, target: DOMNode) -> None:
        task = asyncio.get_running_loop().create_task(self._until_handled(key, target))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _until_handled(self, key: events.Key, target: DOMNode) -> None:
        """Wait until each node the key bubbles through has handled it, up to the screen; a
        key that reaches the app is handled there before `_landed` runs (same queue)."""
        node: DOMNode | None = target
        while node is not None and node is not self.app:
            if not await _handled_by(node):
                break
            if isinstance(node, Screen):
                break
            node = node.parent
        self.app.call_later(self._landed, key)

    async def _landed(self, key: events.Key) -> None:
        if self.in_flight is key:
            self.in_flight = None
        await self.release()


async def _handled_by(node: DOMNode) -> bool:
    """Wait until `node` has handled what was sent to it before now; False if it stopped (it was
    removed, as the screen a key replaced is) or did not get there in time."""
    handled = asyncio.Event()
    if not node.call_later(handled.set):
        return False
    waiting = asyncio.ensure_future(handled.wait())
    watched: set[asyncio.Future[Any]] = {waiting}
    message_loop = getattr(node, "_task", None)
    if isinstance(message_loop, asyncio.Task):
        watched.add(message_loop)  # Ends when the node is removed; never cancelled here.
    await asyncio.wait(watched, timeout=HOP_TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    return handled.is_set()
