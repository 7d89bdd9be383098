"""W3C Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (VC DI EdDSA 1.0).

The signed bytes are SHA-256(canonical proof options) followed by SHA-256(canonical document),
each canonicalised with RDF Dataset Canonicalization (RDFC-1.0) by pyld, offline.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from smtrainer.documents.jsonld_contexts import Loader, UnknownContext, document_loader
from smtrainer.domain import ed25519
from smtrainer.domain.did_key import DidKeyError, multibase_decode, multibase_encode, public_key_of

_IRI = re.compile(r"^(_:|[A-Za-z][A-Za-z0-9+.-]*:)")
PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """Why a proof does not verify, as a short reason code (worded by the caller)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def canonical_nquads(document: Mapping[str, Any], loader: Loader | None = None) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader or document_loader(),
        "safe": True,
    }
    try:
        result = jsonld.normalize(copy.deepcopy(dict(document)), options)
    except jsonld.JsonLdError as error:
        unknown = _unknown_context(error)
        if unknown is not None:
            raise ProofError("unknown-context", unknown.url) from error
        raise ProofError(
            "not-json-ld", str(error.type if hasattr(error, "type") else "")
        ) from error
    return str(result)


def relative_iris(document: Mapping[str, Any], loader: Loader | None = None) -> list[str]:
    """Types, ids and property names that do not expand to absolute IRIs (JSON-LD "safe mode"
    refuses them: they would be signed as something other than what the document seems to say)."""
    options = {"documentLoader": loader or document_loader()}
    try:
        expanded = jsonld.expand(copy.deepcopy(dict(document)), options)
    except jsonld.JsonLdError as error:
        unknown = _unknown_context(error)
        raise ProofError("unknown-context" if unknown else "not-json-ld") from error
    found: list[str] = []
    _walk_iris(expanded, found)
    return found


def _absolute(value: object) -> bool:
    # With no base IRI, pyld resolves a relative reference against its placeholder base.
    return (
        isinstance(value, str)
        and bool(_IRI.match(value))
        and not value.startswith(jsonld.DEFAULT_BASE_IRI)
    )


def _walk_iris(node: object, found: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk_iris(item, found)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "@type":
            found.extend(
                str(t) for t in (value if isinstance(value, list) else [value]) if not _absolute(t)
            )
        elif key == "@id":
            if not _absolute(value):
                found.append(str(value))
        elif not key.startswith("@") and not _absolute(key):
            found.append(key)
        if key != "@value":
            _walk_iris(value, found)


def _unknown_context(error: BaseException) -> UnknownContext | None:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, UnknownContext):
            return current
        seen.add(id(current))
        cause = getattr(current, "cause", None) or current.__cause__ or current.__context__
        current = cause if isinstance(cause, BaseException) else None
    return None


def hash_data(
    document: Mapping[str, Any], proof_options: Mapping[str, Any], loader: Loader | None = None
) -> bytes:
    config = dict(proof_options)
    config.pop("proofValue", None)
    config["@context"] = document["@context"]
    if loader is None:
        # A batch of credentials shares its proof options (same key, same moment).
        config_hash = _config_hash(json.dumps(config, sort_keys=True))
    else:
        config_hash = hashlib.sha256(canonical_nquads(config, loader).encode("utf-8")).digest()
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    document_hash = hashlib.sha256(canonical_nquads(unsecured, loader).encode("utf-8")).digest()
    return config_hash + document_hash


@functools.lru_cache(maxsize=64)
def _config_hash(config_json: str) -> bytes:
    return hashlib.sha256(canonical_nquads(json.loads(config_json)).encode("utf-8")).digest()


def add_proof(
    document: Mapping[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str,
    loader: Loader | None = None,
) -> dict[str, Any]:
    """A copy of `document` with an `eddsa-rdfc-2022` proof for assertion."""
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    relative = relative_iris(document, loader)
    if relative:
        raise ProofError("relative-iri", ", ".join(relative[:3]))
    signature = private_key.sign(hash_data(document, proof, loader))
    proof["proofValue"] = multibase_encode(signature)
    secured = dict(document)
    secured["proof"] = proof
    return secured


def verify_proof(document: Mapping[str, Any], loader: Loader | None = None) -> str:
    """Check the document's one `eddsa-rdfc-2022` proof; return the DID that made it.

    The key comes from the proof's `did:key` verification method itself, so nothing is looked
    up; the caller decides whether that DID is the one it trusts (e.g. the issuer's).
    """
    proof = document.get("proof")
    if not isinstance(proof, Mapping):
        raise ProofError("no-proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("wrong-suite", f"{proof.get('type')}/{proof.get('cryptosuite')}")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("wrong-purpose", str(proof.get("proofPurpose")))
    method = proof.get("verificationMethod")
    value = proof.get("proofValue")
    if not isinstance(method, str) or not isinstance(value, str):
        raise ProofError("malformed-proof")
    try:
        did, public_bytes = public_key_of(method)
        signature = multibase_decode(value)
    except DidKeyError as error:
        raise ProofError("malformed-proof", str(error)) from error
    if "@context" not in document:
        raise ProofError("not-json-ld", "@context")
    relative = relative_iris(document, loader)
    if relative:
        raise ProofError("relative-iri", ", ".join(relative[:3]))
    try:
        signed = hash_data(document, proof, loader)
    except ProofError:
        raise
    except ValueError as error:
        raise ProofError("bad-signature") from error
    if not ed25519.verify(public_bytes, signature, signed):
        raise ProofError("bad-signature")
    return did
