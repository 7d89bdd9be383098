"""The certificate of a record file, with the policy's names taken from the content if known."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smtrainer.content.catalog import load_catalog
from smtrainer.content.errors import ContentFolderError
from smtrainer.content.policies import content_roots, policy_set_of
from smtrainer.documents.certificate import Certificate, make_certificate
from smtrainer.domain.record_signing import Verification
from smtrainer.workflows.verify import verify_file


@dataclass(frozen=True)
class CertificateResult:
    verification: Verification
    certificate: Certificate | None


def certificate_for(path: Path, content_dir: Path | None = None) -> CertificateResult:
    """Verify the record at `path` and, if valid, word its certificate."""
    verification = verify_file(path).result
    record = verification.record
    if record is None or verification.fingerprint is None:
        return CertificateResult(verification, None)
    title, school = str(record["policy_id"]), ""
    try:
        catalog = load_catalog(content_roots(content_dir))
        loaded = policy_set_of(catalog, str(record["policy_id"]))
    except ContentFolderError:
        loaded = None
    policy = loaded.policies.get(str(record["language"])) if loaded else None
    if policy is not None:
        title, school = policy.title, policy.school
    return CertificateResult(
        verification, make_certificate(record, verification.fingerprint, title, school, policy)
    )
