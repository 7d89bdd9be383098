"""The roles staff choose from; records store the id, screens show the label."""

from __future__ import annotations

from smtrainer.i18n import N_, _

ROLES: dict[str, str] = {
    "teacher": N_("Teacher"),
    "teaching-assistant": N_("Teaching assistant"),
    "office": N_("Office staff"),
    "support": N_("Support staff"),
    "supply": N_("Supply staff"),
    "volunteer": N_("Volunteer"),
    "governor": N_("Governor"),
    "contractor": N_("Contractor"),
}


def role_label(role: str) -> str:
    """The role's name in the active language; an unknown role is shown as written."""
    label = ROLES.get(role)
    return _(label) if label else role
