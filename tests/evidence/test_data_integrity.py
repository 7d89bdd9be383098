"""eddsa-rdfc-2022 Data Integrity proofs: the W3C test vector, tampering, unknown terms."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from smtrainer.documents.data_integrity import (
    ProofError,
    add_proof,
    canonical_nquads,
    verify_proof,
)
from smtrainer.documents.jsonld_contexts import OB_V3P0, document_loader
from smtrainer.domain.did_key import (
    ED25519_PRIVATE,
    decode_multikey,
    did_for,
    multibase_encode,
    public_multikey,
    verification_method_for,
)
from smtrainer.storage.issuer import raw_public_key

# The eddsa-rdfc-2022 test vector of W3C "Data Integrity EdDSA Cryptosuites v1.0" (its
# TestVectors folder): the published key pair, the unsigned alumni credential, the proof
# options, and the canonical document and proof value the specification gives for them.
VECTOR_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_PRIVATE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
VECTOR_DOCUMENT: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES_V2],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
VECTOR_CREATED = "2023-02-24T23:36:38Z"
VECTOR_PROOF_VALUE = (
    "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1FBTQsCZahKZme"
)
VECTOR_CANONICAL = """\
<did:example:abcdefgh> <https://www.w3.org/ns/credentials/examples#alumniOf> "The School of Examples" .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/credentials/examples#AlumniCredential> .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/description> "A minimum viable example of an Alumni Credential." .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/name> "Alumni Credential" .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:abcdefgh> .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#issuer> <https://vc.example/issuers/5678> .
<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#validFrom> "2023-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
"""  # noqa: E501
# The examples context only maps every term into the examples vocabulary.
LOADER = document_loader(
    {EXAMPLES_V2: {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}}
)


def vector_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(decode_multikey(VECTOR_PRIVATE, ED25519_PRIVATE))


def test_the_vector_key_pair_is_decoded() -> None:
    assert public_multikey(raw_public_key(vector_key())) == VECTOR_PUBLIC


def test_the_vector_document_canonicalises_as_published() -> None:
    assert canonical_nquads(VECTOR_DOCUMENT, LOADER) == VECTOR_CANONICAL


def test_the_vector_proof_is_reproduced_byte_for_byte() -> None:
    method = f"did:key:{VECTOR_PUBLIC}#{VECTOR_PUBLIC}"
    signed = add_proof(VECTOR_DOCUMENT, vector_key(), method, VECTOR_CREATED, LOADER)
    assert signed["proof"]["proofValue"] == VECTOR_PROOF_VALUE
    assert verify_proof(signed, LOADER) == f"did:key:{VECTOR_PUBLIC}"


def _signed() -> dict[str, Any]:
    key = Ed25519PrivateKey.generate()
    method = verification_method_for(raw_public_key(key))
    return add_proof(VECTOR_DOCUMENT, key, method, VECTOR_CREATED, LOADER)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("name",), "Alumni Credential!"),
        (("credentialSubject", "alumniOf"), "Another School"),
        (("validFrom",), "2023-01-01T00:00:01Z"),
        (("issuer",), "https://vc.example/issuers/9999"),
        (("proof", "created"), "2024-02-24T23:36:38Z"),
    ],
)
def test_any_changed_value_breaks_the_proof(path: tuple[str, ...], value: str) -> None:
    signed = _signed()
    changed = copy.deepcopy(signed)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ProofError) as caught:
        verify_proof(changed, LOADER)
    assert caught.value.code == "bad-signature"


def test_a_proof_by_another_key_names_that_key() -> None:
    signed = _signed()
    other = Ed25519PrivateKey.generate()
    method = verification_method_for(raw_public_key(other))
    forged = add_proof(
        {k: v for k, v in signed.items() if k != "proof"}, other, method, VECTOR_CREATED, LOADER
    )
    assert verify_proof(forged, LOADER) == did_for(raw_public_key(other))
    forged["proof"]["verificationMethod"] = signed["proof"]["verificationMethod"]
    with pytest.raises(ProofError):
        verify_proof(forged, LOADER)


def test_a_small_order_key_proves_nothing() -> None:
    """With the neutral point as key, the signature (neutral point, 0) satisfies Ed25519's
    equation for any content: a proof anyone could make without a private key."""
    neutral = b"\x01" + bytes(31)
    forged = copy.deepcopy(_signed())
    forged["proof"]["verificationMethod"] = verification_method_for(neutral)
    forged["proof"]["proofValue"] = multibase_encode(neutral + bytes(32))
    with pytest.raises(ProofError) as caught:
        verify_proof(forged, LOADER)
    assert caught.value.code == "bad-signature"


def test_an_unknown_context_is_refused_not_fetched() -> None:
    document = dict(
        VECTOR_DOCUMENT,
        **{"@context": [VECTOR_DOCUMENT["@context"][0], "https://evil.example/ctx"]},
    )
    with pytest.raises(ProofError) as caught:
        add_proof(document, vector_key(), "did:key:x#x", VECTOR_CREATED)
    assert caught.value.code == "unknown-context"


def test_a_type_no_context_defines_is_refused() -> None:
    # Open Badges' context scopes its own terms; an undefined type inside them stays relative,
    # which JSON-LD "safe mode" verifiers refuse, so we refuse to sign or accept it too.
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2", OB_V3P0],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "A school"},
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:68172aac-d8ba-11ed-83dd-0b3aef56cc33",
                "type": ["Achievement"],
                "name": "A",
                "criteria": {"narrative": "B"},
                "description": "C",
            },
        },
        "credentialSchema": [{"id": "https://s.example/s.json", "type": "Undefined2019"}],
    }
    key = vector_key()
    method = verification_method_for(raw_public_key(key))
    with pytest.raises(ProofError) as caught:
        add_proof(document, key, method, VECTOR_CREATED)
    assert caught.value.code == "relative-iri"
    del document["credentialSchema"]
    assert verify_proof(add_proof(document, key, method, VECTOR_CREATED)).startswith("did:key:")
