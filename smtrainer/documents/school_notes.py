"""What the school's pack says about itself, worded for staff: whom to tell, where the full
policy is kept, and that a courtesy translation is not the reference."""

from __future__ import annotations

import re
from collections.abc import Iterable

from smtrainer.domain.model import Contact, Policy, Translation
from smtrainer.i18n import _


def contact_lines(contacts: Iterable[tuple[str, str]]) -> list[str]:
    """One bullet per contact: who, then when and how."""
    return [
        "• " + (_("{who}: {how}").format(who=who, how=how) if how else who) for who, how in contacts
    ]


def contact_pairs(contacts: Iterable[Contact]) -> tuple[tuple[str, str], ...]:
    return tuple((contact.title, contact.how) for contact in contacts)


def unofficial_notice() -> str:
    """Said once in a session whose pack is a courtesy translation."""
    return _(
        "This French version is our translation: the school's policy exists only in English, "
        "and the English policy is the reference."
    )


def policy_notes(policy: Policy) -> tuple[str, ...]:
    """Where the full policy is kept, and whether this language version is the reference."""
    notes = []
    if policy.full_policy:
        notes.append(_("The full policy: {where}").format(where=policy.full_policy))
    if policy.translation is Translation.UNOFFICIAL:
        notes.append(unofficial_notice())
    return tuple(notes)


def who_to_tell_text(policy: Policy) -> str:
    """The "who to tell" view: every contact of the school, then where the full policy is."""
    lines = contact_lines(contact_pairs(policy.contacts))
    if not lines:
        lines = [_("This school's policy names no contacts; ask your line manager.")]
    if policy.full_policy:
        lines += ["", _("The full policy: {where}").format(where=policy.full_policy)]
    return "\n".join(lines)


def introduction_text(policy: Policy) -> str:
    """The pack's short introduction as plain text: paragraphs reflowed, emphasis marks dropped
    (the first screen stays light; the modules render Markdown in full)."""
    paragraphs = re.split(r"\n\s*\n", policy.introduction.strip())
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return re.sub(r"(\*\*|\*)(\S(?:.*?\S)?)\1", r"\2", text)
