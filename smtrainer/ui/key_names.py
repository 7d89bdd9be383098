"""Key names as the learner reads them, in the active language (footer and help alike)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smtrainer.i18n import N_, _

if TYPE_CHECKING:
    from textual.binding import Binding

NAMES = {
    # TRANSLATORS: the Enter key, as printed on keyboards ("Entrée" in French).
    "enter": N_("Enter"),
    # TRANSLATORS: the Escape key, as printed on keyboards ("Échap" in French).
    "escape": N_("Esc"),
    # TRANSLATORS: the Space bar ("Espace" in French).
    "space": N_("Space"),
    # TRANSLATORS: the Tab key ("Tab" in French too).
    "tab": N_("Tab"),
}
SYMBOLS = {"question_mark": "?", "up": "↑", "down": "↓", "left": "←", "right": "→"}

# TRANSLATORS: the Control key's prefix in key names such as Ctrl+Q (also "Ctrl" in French).
CONTROL = N_("Ctrl")


def binding_key_name(binding: Binding) -> str:
    """A binding's key as the footer shows it: as the help names it, in the active language
    (Ctrl+Q, Échap…), unless the binding says how."""
    return binding.key_display or key_name(binding.key.split(",")[0])


def key_name(key: str) -> str:
    """`key` as Textual names it ("ctrl+q", "escape", "f2", "s") for people: Ctrl+Q, Esc, F2, S."""
    modifiers, _plus, base = key.rpartition("+")
    if base in NAMES:
        name = _(NAMES[base])
    else:
        name = SYMBOLS.get(base, base.upper() if len(base) <= 3 else base)
    if modifiers == "ctrl":
        return f"{_(CONTROL)}+{name}"
    if modifiers:
        return f"{modifiers.title()}+{name}"
    return name
