"""The head teacher's staff list and the signing keys they approved: where trust lives."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Trust(StrEnum):
    """How far a validly signed record can be believed."""

    VERIFIED = "verified"
    """Signed by a key the head teacher approved for this staff id."""
    UNVERIFIED = "unverified"
    """Unknown staff id, or a known person with no approved key yet: needs approval."""
    KEY_CHANGED = "key_changed"
    """A known person, but a key other than the one(s) approved: never accepted silently."""


@dataclass(frozen=True)
class ApprovedKey:
    fingerprint: str
    public_key: str
    approved_on: str


@dataclass
class StaffMember:
    id: str
    name: str
    role: str
    email: str = ""
    keys: list[ApprovedKey] = field(default_factory=list)


@dataclass
class Roster:
    staff: dict[str, StaffMember] = field(default_factory=dict)

    def trust(self, staff_id: str, fingerprint: str) -> Trust:
        member = self.staff.get(staff_id)
        if member is None or not member.keys:
            return Trust.UNVERIFIED
        if any(key.fingerprint == fingerprint for key in member.keys):
            return Trust.VERIFIED
        return Trust.KEY_CHANGED

    def key_owners(self) -> dict[str, str]:
        """Fingerprint → the one staff id it is approved for. A key several people share (a
        staffroom computer with one login has one key for everyone who uses it) names nobody."""
        owners: dict[str, set[str]] = {}
        for member in self.staff.values():
            for key in member.keys:
                owners.setdefault(key.fingerprint, set()).add(member.id)
        return {fingerprint: ids.pop() for fingerprint, ids in owners.items() if len(ids) == 1}
