"""W3C Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite, over JSON-LD contexts kept in certificates/contexts.

The bytes signed are SHA-256(RDFC-1.0 of the proof configuration) || SHA-256(RDFC-1.0 of the document without its
proof), the proof configuration carrying the document's own `@context` (W3C VC-DI-EdDSA, section 3.3). The JSON-LD
processor is pyld; it reads contexts only from the local copies, so nothing is fetched when signing or verifying."""
import copy
import hashlib
import json
from functools import cache
from pathlib import Path

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_TYPE = "DataIntegrityProof"
CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
LOCAL_CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
}
# The multicodec prefix of an Ed25519 public key, as Multikey documents carry it.
ED25519_PUBLIC_PREFIX = b"\xed\x01"
# Every term of a signed document must be defined by its contexts: a JSON-LD processor silently drops one that is
# not, so an added, unsigned claim would otherwise pass. This vocabulary catches such terms (as jsonld.js's "safe
# mode" does).
_UNDEFINED_VOCABULARY = "urn:dg-portal:undefined-term#"


class ProofError(Exception):
    """Why a document's proof does not hold; the message is for the log, `reason` names the case for the user."""

    def __init__(self, reason: str, message: str = ""):
        super().__init__(message or reason)
        self.reason = reason


@cache
def _context_text(url: str) -> str:
    return (CONTEXTS_DIR / LOCAL_CONTEXTS[url]).read_text(encoding="utf-8")


def document_loader(url: str, options=None) -> dict:
    """pyld's loader: the local copy of a known context, anything else refused."""
    if url not in LOCAL_CONTEXTS:
        raise jsonld.JsonLdError(f"The context {url} is not one the portal keeps.", "jsonld.LoadDocumentError",
                                 code="loading remote context failed")
    # Tagged "static", pyld keeps the context it resolved from this document in its process-wide cache, by URL, and
    # later signatures and checks reuse it; untagged, it parsed and canonicalised each context again for every
    # document, a third of the time a credential took. The copies never change while the process runs.
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "tag": "static",
            "document": json.loads(_context_text(url))}


def canonical_nquads(document: dict) -> str:
    """The RDF Dataset Canonicalization (RDFC-1.0, i.e. URDNA2015) of the document, as N-Quads."""
    return jsonld.normalize(document, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                       "documentLoader": document_loader})


def undefined_terms(document: dict) -> list[str]:
    """The property and type names of the document that none of its contexts defines."""
    contexts = document.get("@context")
    contexts = list(contexts) if isinstance(contexts, list) else [contexts]
    probe = {**document, "@context": [*contexts, {"@vocab": _UNDEFINED_VOCABULARY}]}
    found = set()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key.startswith(_UNDEFINED_VOCABULARY):
                    found.add(key.removeprefix(_UNDEFINED_VOCABULARY))
                if key == "@type":
                    for kind in value if isinstance(value, list) else [value]:
                        if isinstance(kind, str) and kind.startswith(_UNDEFINED_VOCABULARY):
                            found.add(kind.removeprefix(_UNDEFINED_VOCABULARY))
                walk(value)

    walk(jsonld.expand(probe, {"documentLoader": document_loader}))
    return sorted(found)


def multibase_base58btc(data: bytes) -> str:
    return "z" + base58.b58encode(data, alphabet=base58.BITCOIN_ALPHABET).decode("ascii")


def multibase_base58btc_decode(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("not base58btc multibase")
    return base58.b58decode(text[1:], alphabet=base58.BITCOIN_ALPHABET)


def public_key_multibase(public: Ed25519PublicKey) -> str:
    """The key as a Multikey's `publicKeyMultibase`: 'z' + base58btc(ed25519-pub multicodec + 32 bytes)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase_base58btc(ED25519_PUBLIC_PREFIX + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = multibase_base58btc_decode(value)
    if not raw.startswith(ED25519_PUBLIC_PREFIX) or len(raw) != len(ED25519_PUBLIC_PREFIX) + 32:
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(raw[len(ED25519_PUBLIC_PREFIX):])


def _hash_data(unsecured: dict, proof_config: dict) -> bytes:
    return (hashlib.sha256(canonical_nquads(proof_config).encode()).digest()
            + hashlib.sha256(canonical_nquads(unsecured).encode()).digest())


def sign(document: dict, *, key: Ed25519PrivateKey, verification_method: str, created: str,
         proof_purpose: str = "assertionMethod") -> dict:
    """The document with a `proof` array holding one eddsa-rdfc-2022 DataIntegrityProof."""
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    options = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "created": created,
               "verificationMethod": verification_method, "proofPurpose": proof_purpose}
    signature = key.sign(_hash_data(unsecured, {"@context": copy.deepcopy(unsecured["@context"]), **options}))
    return {**document, "proof": [{**options, "proofValue": multibase_base58btc(signature)}]}


def verify(document: dict, *, public_keys: dict[str, Ed25519PublicKey]) -> dict:
    """Check the document's one eddsa-rdfc-2022 proof against the keys given (by verification method id); the
    proof on success, else ProofError."""
    if not isinstance(document, dict) or not isinstance(document.get("@context"), list | str):
        raise ProofError("not_a_document")
    proofs = document.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs] if isinstance(proofs, dict) else []
    ours = [p for p in proofs if isinstance(p, dict) and p.get("type") == PROOF_TYPE
            and p.get("cryptosuite") == CRYPTOSUITE]
    if len(ours) != 1:
        raise ProofError("no_proof")
    proof = dict(ours[0])
    value = proof.pop("proofValue", None)
    method = proof.get("verificationMethod")
    public = public_keys.get(method) if isinstance(method, str) else None
    if public is None:
        raise ProofError("unknown_key")
    if proof.get("proofPurpose") != "assertionMethod" or not isinstance(value, str):
        raise ProofError("no_proof")
    unsecured = {name: item for name, item in document.items() if name != "proof"}
    try:
        signature = multibase_base58btc_decode(value)
        undefined = undefined_terms(unsecured)
        data = _hash_data(unsecured, {**proof, "@context": unsecured["@context"]})
    except Exception as exc:  # noqa: BLE001 - whatever a damaged document makes the JSON-LD processor raise, it is unreadable
        raise ProofError("unreadable", f"{type(exc).__name__}: {exc}") from exc
    if undefined:
        raise ProofError("undefined_terms", ", ".join(undefined))
    try:
        public.verify(signature, data)
    except InvalidSignature as exc:
        raise ProofError("signature_mismatch") from exc
    return ours[0]
