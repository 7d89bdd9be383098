"""The head teacher's staff list and the signing keys they approved: where trust lives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from smtrainer.domain.ids import staff_key


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
    revoked_on: str = ""
    """Set when another key replaced this one: records it signed stop counting."""

    @property
    def active(self) -> bool:
        return not self.revoked_on


@dataclass
class StaffMember:
    id: str
    name: str
    role: str
    email: str = ""
    keys: list[ApprovedKey] = field(default_factory=list)
    left_on: str = ""
    """The day they left the school (kept for their history, no longer expected to train)."""

    @property
    def active_keys(self) -> list[ApprovedKey]:
        return [key for key in self.keys if key.active]


@dataclass
class Roster:
    staff: dict[str, StaffMember] = field(default_factory=dict)
    """Keyed by `staff_key(id)`: staff ids match whatever their case."""

    def __post_init__(self) -> None:
        self.staff = {staff_key(member.id): member for member in self.staff.values()}

    def member(self, staff_id: str) -> StaffMember | None:
        return self.staff.get(staff_key(staff_id))

    def add(self, member: StaffMember) -> None:
        self.staff[staff_key(member.id)] = member

    def trust(self, staff_id: str, fingerprint: str) -> Trust:
        member = self.member(staff_id)
        if member is None or not member.keys:
            return Trust.UNVERIFIED
        if any(key.fingerprint == fingerprint for key in member.active_keys):
            return Trust.VERIFIED
        return Trust.KEY_CHANGED

    def trust_index(self) -> Callable[[str, str], Trust]:
        """`trust` for many records at a time: the approved keys looked up once."""
        approved: dict[str, frozenset[str]] = {
            key: frozenset(k.fingerprint for k in member.active_keys)
            for key, member in self.staff.items()
            if member.keys
        }

        def trust(staff_id: str, fingerprint: str) -> Trust:
            keys = approved.get(staff_key(staff_id))
            if keys is None:
                return Trust.UNVERIFIED
            return Trust.VERIFIED if fingerprint in keys else Trust.KEY_CHANGED

        return trust

    def key_owners(self) -> dict[str, str]:
        """Fingerprint → the one staff id it is approved for. A key several people share (a
        staffroom computer with one login has one key for everyone who uses it) names nobody."""
        owners: dict[str, set[str]] = {}
        for member in self.staff.values():
            for key in member.active_keys:
                owners.setdefault(key.fingerprint, set()).add(member.id)
        return {fingerprint: ids.pop() for fingerprint, ids in owners.items() if len(ids) == 1}

    def shared_keys(self) -> dict[str, list[str]]:
        """Fingerprint → the staff ids of every key approved for more than one person."""
        owners: dict[str, list[str]] = {}
        for member in self.staff.values():
            for key in member.keys:
                if not key.revoked_on:
                    owners.setdefault(key.fingerprint, []).append(member.id)
        shared = [(fingerprint, sorted(ids)) for fingerprint, ids in owners.items() if len(ids) > 1]
        return dict(sorted(shared, key=lambda item: item[1][0]))
