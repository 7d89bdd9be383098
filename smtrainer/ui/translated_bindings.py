"""Key bindings whose footer labels follow the active language.

Bindings are declared with English descriptions and tooltips marked by `N_`; each node keeps its
own copy of its bindings, and `retranslate` rewrites that copy from the originals.
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.dom import DOMNode

from smtrainer.i18n import _


def retranslate(node: DOMNode) -> None:
    """Give `node`'s bindings descriptions in the active language."""
    originals = type(node)._merged_bindings
    if originals is None:
        return
    bindings = node._bindings
    for key, key_bindings in bindings.key_to_bindings.items():
        source = originals.key_to_bindings.get(key, [])
        translated = []
        for binding in key_bindings:
            original = next((b for b in source if b.action == binding.action), binding)
            translated.append(
                replace(
                    binding,
                    description=_(original.description) if original.description else "",
                    tooltip=_(original.tooltip) if original.tooltip else "",
                )
            )
        bindings.key_to_bindings[key] = translated


async def show_in_active_language(app: App[Any]) -> None:
    """Redraw everything after a language switch: bindings, and each screen in its place."""
    retranslate(app)
    for screen in app.screen_stack:
        refresh = getattr(screen, "refresh_language", None)
        if refresh is not None:
            redrawn = refresh()
            if inspect.isawaitable(redrawn):
                await redrawn
        else:
            retranslate(screen)
    app.refresh_bindings()
