"""Open Badges 3.0: a certificate as an OpenBadgeCredential, signed with the portal's Ed25519 key.

The proof is a W3C Data Integrity proof with the `eddsa-jcs-2022` cryptosuite: the SHA-256 of the proof
options and of the credential, each in JSON Canonicalization Scheme form (RFC 8785), signed with Ed25519.
The public key is published at /.well-known/jwks.json and in the issuer's profile; revocation is published
as a 1EdTech revocation list per credential, named in `credentialStatus`. That list knows only revocation, which
is final: a suspension is published beside it, in `suspendedCredentials`, and `status` names the state."""
import base64
import datetime
import hashlib
import os
import uuid
from functools import lru_cache

import base58
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Certificate

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
CRYPTOSUITE = "eddsa-jcs-2022"
KEY_FRAGMENT = "key-1"
# The multicodec prefix of an Ed25519 public key, as Multikey documents carry it.
_ED25519_PUBLIC = b"\xed\x01"


def _development_key_path():
    return settings.VAR_DIR / "keys" / "ob3-ed25519-development.pem"


@lru_cache(maxsize=1)
def signing_key() -> Ed25519PrivateKey:
    """The configured key; in development and demo mode, one generated once under var/keys/."""
    if settings.CERTIFICATE_SIGNING_KEY:
        key = serialization.load_pem_private_key(settings.CERTIFICATE_SIGNING_KEY.replace("\\n", "\n").encode(), None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("CERTIFICATE_SIGNING_KEY must be an Ed25519 private key in PEM.")
        return key
    if not (settings.DEBUG or settings.DEMO_MODE):
        raise ImproperlyConfigured(
            "Set CERTIFICATE_SIGNING_KEY to an Ed25519 private key (PEM) to sign Open Badges credentials."
        )
    path = _development_key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pem)
        partial.chmod(0o600)
        os.replace(partial, path)
    return serialization.load_pem_private_key(path.read_bytes(), None)


def _raw_public_key(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def base58btc(data: bytes) -> str:
    """Bitcoin's base58 alphabet, as the `z` multibase prefix and Multikey documents use."""
    return base58.b58encode(data, alphabet=base58.BITCOIN_ALPHABET).decode("ascii")


def base58btc_decode(text: str) -> bytes:
    return base58.b58decode(text, alphabet=base58.BITCOIN_ALPHABET)


def canonical_json(value) -> bytes:
    """The JSON Canonicalization Scheme (RFC 8785) form that eddsa-jcs-2022 hashes."""
    return rfc8785.dumps(value)


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def issuer_id() -> str:
    return _absolute(reverse("certificates:issuer_profile"))


def verification_method_id() -> str:
    return f"{issuer_id()}#{KEY_FRAGMENT}"


def public_key_multibase(public: Ed25519PublicKey | None = None) -> str:
    return "z" + base58btc(_ED25519_PUBLIC + _raw_public_key(public or signing_key().public_key()))


def _issuer_name() -> str:
    with translation.override("en"):
        return _("DG-EJJM-026 competency portal")


def issuer_profile() -> dict:
    """The issuer's Open Badges profile, carrying the public key that verifies its credentials."""
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": _issuer_name(),
        "url": settings.PORTAL_BASE_URL + "/",
        "verificationMethod": [{
            "id": verification_method_id(),
            "type": "Multikey",
            "controller": issuer_id(),
            "publicKeyMultibase": public_key_multibase(),
        }],
    }


def jwks() -> dict:
    raw = _raw_public_key(signing_key().public_key())
    return {"keys": [{
        "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": verification_method_id(),
        "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode(),
    }]}


def credential_id(certificate: Certificate) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, certificate.verification_url())}"


def _timestamp(value) -> str:
    return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def unsigned_credential(certificate: Certificate) -> dict:
    # The email is published only as a salted hash, which lets the holder prove it is theirs.
    salt = hashlib.sha256(f"salt:{certificate.code}".encode()).hexdigest()[:16]
    email_hash = hashlib.sha256((certificate.holder.email.lower() + salt).encode()).hexdigest()
    criteria = "\n".join(f"{c['code']} ({c['system_id']}) {c['text_th']}" for c in certificate.criteria)
    credential = {
        "@context": CONTEXTS,
        "id": credential_id(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.unit_code} {certificate.unit_title_th}",
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": _issuer_name()},
        "validFrom": _timestamp(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {"type": "IdentityObject", "identityType": "name", "hashed": False,
                 "identityHash": certificate.holder_name_th},
                {"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                 "identityHash": f"sha256${email_hash}", "salt": salt},
            ],
            "achievement": {
                "id": _absolute(reverse("competency:unit_revision_detail",
                                        args=[certificate.unit_code, certificate.unit_revision_number])),
                "type": ["Achievement"],
                "achievementType": "Competency",
                "humanCode": certificate.unit_code,
                "name": certificate.unit_title_th,
                "description": certificate.unit_title_en or certificate.unit_title_th,
                "criteria": {"narrative": criteria},
            },
        },
        "credentialStatus": {
            "id": _absolute(reverse("certificates:credential_status", args=[certificate.code])),
            "type": "1EdTechRevocationList",
        },
    }
    if certificate.expires_on:
        end = timezone.make_aware(datetime.datetime.combine(certificate.expires_on, datetime.time(23, 59, 59)))
        credential["validUntil"] = _timestamp(end)
    return credential


def _hash_data(document: dict, proof_options: dict) -> bytes:
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {**proof_options, "@context": unsecured["@context"]}
    return hashlib.sha256(canonical_json(options)).digest() + hashlib.sha256(canonical_json(unsecured)).digest()


def sign(document: dict, *, created) -> dict:
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created),
        "verificationMethod": verification_method_id(),
        "proofPurpose": "assertionMethod",
    }
    signature = signing_key().sign(_hash_data(document, options))
    return {**document, "proof": {**options, "proofValue": "z" + base58btc(signature)}}


def verify(document: dict, public_key_multibase_value: str) -> bool:
    """Whether the document's proof was made by the key given (as published, multibase Multikey form)."""
    proof = dict(document.get("proof") or {})
    value = proof.pop("proofValue", "")
    if proof.get("cryptosuite") != CRYPTOSUITE or not value.startswith("z"):
        return False
    raw = base58btc_decode(public_key_multibase_value[1:])
    if not raw.startswith(_ED25519_PUBLIC):
        return False
    public = Ed25519PublicKey.from_public_bytes(raw[len(_ED25519_PUBLIC):])
    try:
        public.verify(base58btc_decode(value[1:]), _hash_data(document, proof))
    except (InvalidSignature, ValueError):
        return False
    return True


def open_badge(certificate: Certificate) -> dict:
    """The signed credential; the same certificate always gives the same document."""
    return sign(unsigned_credential(certificate), created=certificate.issued_at)


def revocation_list(certificate: Certificate) -> dict:
    """The 1EdTech revocation list this credential's status points at: empty until it is revoked; while it is
    suspended, the suspension and its last day beside it (a suspension is not a revocation: it ends)."""
    revoked, suspended = [], []
    if certificate.revoked_at:
        revoked.append({"id": credential_id(certificate), "revoked": True,
                        "revocationReason": "Revoked by the issuer", "revokedAt": _timestamp(certificate.revoked_at)})
    if certificate.suspended_through:
        suspended.append({"id": credential_id(certificate), "suspended": True,
                          "suspendedUntil": certificate.suspended_through.isoformat()})
    return {
        "id": _absolute(reverse("certificates:credential_status", args=[certificate.code])),
        "issuer": issuer_id(),
        "status": certificate.status,
        "revokedCredentials": revoked,
        "suspendedCredentials": suspended,
    }
