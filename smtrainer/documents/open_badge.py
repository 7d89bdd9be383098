"""Open Badges 3.0 `AchievementCredential`s for verified completion records.

One credential per record: the school (a `did:key`) states that a member of staff completed its
social media policy training, with the score, the pass mark as the required value, the completion
as `validFrom`, the refresher date as `validUntil`, and the staff-signed record referenced as
evidence by its SHA-256 (an RFC 6920 `ni:` URI), so the record can be checked against it.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from smtrainer.documents.jsonld_contexts import OB_V3P0, VC_V2
from smtrainer.i18n import SUPPORTED_LANGUAGES, _, using_language

CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
NAMESPACE = uuid.UUID("5b0a6a53-4c1e-5d4f-9a61-3f6d8d2a7c10")
"""Our UUIDv5 namespace: the same inputs always give the same credential and achievement ids."""


@dataclass(frozen=True)
class BadgeFacts:
    """What a credential says, gathered by the caller from the record, roster and content."""

    record: Mapping[str, Any]
    record_sha256: bytes
    issuer_did: str
    issuer_names: Mapping[str, str]
    issuer_url: str
    policy_titles: Mapping[str, str]
    """Language → the policy's title; the policy id stands in when the pack is not installed."""
    issued_at: str


def derived_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, chr(31).join(parts))}"


def evidence_uri(sha256: bytes) -> str:
    """RFC 6920 named information URI of a SHA-256 digest."""
    return "ni:///sha-256;" + base64.urlsafe_b64encode(sha256).decode("ascii").rstrip("=")


def _achievement_id(facts: BadgeFacts, language: str) -> str:
    record = facts.record
    return derived_id(
        facts.issuer_did, str(record["policy_id"]), str(record["policy_version"]), language
    )


def _title(facts: BadgeFacts, language: str) -> str:
    return facts.policy_titles.get(language) or str(facts.record["policy_id"])


def build_credential(facts: BadgeFacts) -> dict[str, Any]:
    """The unsigned credential for one verified record, worded in the record's language."""
    record = facts.record
    language = str(record["language"])
    others = [other for other in SUPPORTED_LANGUAGES if other != language]
    version = str(record["policy_version"])
    with using_language(language):
        name = _("{title}, version {version}").format(
            title=_title(facts, language), version=version
        )
        description = _(
            "Completed the school's training on its social media policy, passed its assessment "
            "and signed the policy's acknowledgement."
        )
        criteria = _(
            "Work through every module of the policy (readings, scenarios and check questions), "
            "score at least the pass mark in the final assessment, and sign the acknowledgement."
        )
        score_name = _("Assessment score")
        evidence_name = _("Signed completion record")
        evidence_text = _(
            "The completion record signed by the member of staff with their own key (OpenSSH "
            "signature); its SHA-256 is {digest}."
        ).format(digest=facts.record_sha256.hex())
    result_id = derived_id(_achievement_id(facts, language), "score")
    achievement: dict[str, Any] = {
        "id": _achievement_id(facts, language),
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": name,
        "description": description,
        "criteria": {"narrative": criteria},
        "inLanguage": language,
        "version": version,
        "creator": _issuer(facts, language),
        "resultDescription": [
            {
                "id": result_id,
                "type": ["ResultDescription"],
                "name": score_name,
                "resultType": "Percent",
                "requiredValue": str(record["pass_mark"]),
                "valueMin": "0",
                "valueMax": "100",
            }
        ],
        "related": [
            {
                "id": _achievement_id(facts, other),
                "type": ["Related"],
                "inLanguage": other,
                "version": version,
            }
            for other in others
        ],
    }
    identifier = {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": str(record["staff_name"]),
    }
    return {
        "@context": [VC_V2, OB_V3P0],
        "id": derived_id(facts.issuer_did, str(record["record_id"])),
        "type": list(CREDENTIAL_TYPES),
        "name": name,
        "issuer": _issuer(facts, language),
        "validFrom": str(record["completed_at"]),
        "validUntil": f"{record['refresher_due']}T23:59:59Z",
        "awardedDate": facts.issued_at,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [identifier],
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": result_id,
                    "value": str(record["score_pct"]),
                }
            ],
        },
        "evidence": [
            {
                "id": evidence_uri(facts.record_sha256),
                "type": ["Evidence"],
                "name": evidence_name,
                "description": evidence_text,
            }
        ],
    }


def _issuer(facts: BadgeFacts, language: str) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "id": facts.issuer_did,
        "type": ["Profile"],
        "name": facts.issuer_names.get(language) or next(iter(facts.issuer_names.values())),
    }
    if facts.issuer_url:
        profile["url"] = facts.issuer_url
    return profile
