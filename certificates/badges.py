"""Open Badges 3.0: a certificate as an OpenBadgeCredential, signed with the portal's Ed25519 key.

The proof is a W3C Data Integrity proof with the `eddsa-rdfc-2022` cryptosuite (certificates/data_integrity.py), the
one 1EdTech's Open Badges 3.0 certification accepts. The issuer's profile is a controller document: it lists the key
as a Multikey under `verificationMethod` and names it in `assertionMethod`. Revocation and suspension are published
as W3C Bitstring Status Lists (certificates/status_lists.py); the credential's `credentialStatus` points at both.
An older 1EdTech revocation list per credential still answers for credentials issued before."""
import base64
import datetime
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import data_integrity, status_lists
from .models import Certificate

logger = logging.getLogger(__name__)

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
# The issuer's profile is also its controller document: the DID context defines `assertionMethod`,
# `verificationMethod` and `controller` (with the IRIs the W3C Controlled Identifiers specification gives them), the
# Multikey context the key's own terms.
PROFILE_CONTEXTS = [*CONTEXTS, "https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
STATUS_LIST_CONTEXTS = ["https://www.w3.org/ns/credentials/v2"]
CRYPTOSUITE = data_integrity.CRYPTOSUITE
KEY_FRAGMENT = "key-1"
# Signed status lists kept per process, by what they say: a changed bit, key or address is a new entry, so an entry
# is never stale and no one has to clear it.
_STATUS_LIST_CACHE_SIZE = 64
_signed_status_lists: dict[tuple, dict] = {}


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


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def issuer_id() -> str:
    return _absolute(reverse("certificates:issuer_profile"))


def verification_method_id() -> str:
    return f"{issuer_id()}#{KEY_FRAGMENT}"


def public_key_multibase(public: Ed25519PublicKey | None = None) -> str:
    return data_integrity.public_key_multibase(public or signing_key().public_key())


def _issuer_name() -> str:
    with translation.override("en"):
        return _("DG-EJJM-026 competency portal")


def verification_method() -> dict:
    """The portal's key as a Multikey, as the issuer's profile lists it."""
    return {"id": verification_method_id(), "type": "Multikey", "controller": issuer_id(),
            "publicKeyMultibase": public_key_multibase()}


def issuer_profile() -> dict:
    """The issuer's Open Badges profile and controller document: the key that verifies its credentials, and that
    this key may make assertions (`assertionMethod`)."""
    return {
        "@context": PROFILE_CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": _issuer_name(),
        "url": settings.PORTAL_BASE_URL + "/",
        "verificationMethod": [verification_method()],
        "assertionMethod": [verification_method_id()],
    }


def jwks() -> dict:
    raw = signing_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
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
        "credentialStatus": status_lists.credential_status(certificate),
    }
    if certificate.expires_on:
        end = timezone.make_aware(datetime.datetime.combine(certificate.expires_on, datetime.time(23, 59, 59)))
        credential["validUntil"] = _timestamp(end)
    return credential


def sign(document: dict, *, created) -> dict:
    """The document with the portal's eddsa-rdfc-2022 proof, made at `created`."""
    return data_integrity.sign(document, key=signing_key(), verification_method=verification_method_id(),
                               created=_timestamp(created))


def open_badge(certificate: Certificate) -> dict:
    """The signed credential; the same certificate always gives the same document."""
    return sign(unsigned_credential(certificate), created=certificate.issued_at)


def status_list_credential(purpose: str, number: int) -> dict:
    """The signed BitstringStatusListCredential of one list: signed again only when a bit, the key or the portal's
    address changed (a suspension that lapsed overnight is such a change)."""
    bits = status_lists.set_bits(purpose, number)
    url = status_lists.list_url(purpose, number)
    fingerprint = (url, public_key_multibase(), tuple(bits))
    cached = _signed_status_lists.get(fingerprint)
    if cached is not None:
        return cached
    now = timezone.now()
    credential = sign({
        "@context": STATUS_LIST_CONTEXTS,
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_lists.encoded_list(bits),
        },
    }, created=now)
    if len(_signed_status_lists) >= _STATUS_LIST_CACHE_SIZE:
        _signed_status_lists.clear()
    _signed_status_lists[fingerprint] = credential
    return credential


def revocation_list(certificate: Certificate) -> dict:
    """The 1EdTech revocation list that credentials issued before the Bitstring Status Lists point at: empty until
    it is revoked; while it is suspended, the suspension and its last day beside it."""
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


def linkedin_add_to_profile_url(certificate: Certificate) -> str:
    """LinkedIn's "Add to profile" form for a licence or certification, filled in from the certificate; its URL leads
    back to the public verification page."""
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": f"{certificate.unit_code} {certificate.unit_title}",
        "organizationName": _("DG-EJJM-026 competency portal"),
        "issueYear": certificate.issued_on.year,
        "issueMonth": certificate.issued_on.month,
    }
    if certificate.expires_on:
        params.update(expirationYear=certificate.expires_on.year, expirationMonth=certificate.expires_on.month)
    params.update(certUrl=certificate.verification_url(), certId=certificate.number)
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


# --- Checking a credential someone brings ----------------------------------------------------------------------

# The most a credential may weigh: the portal's are a few kilobytes.
CREDENTIAL_MAX_BYTES = 256 * 1024


@dataclass
class CredentialCheck:
    """What the portal says of a credential brought to it: valid (its signature holds) or why not, and the certificate
    it was issued for, whose current status the verification page shows."""

    valid: bool
    reason: str = ""
    certificate: Certificate | None = None


def _refusal_reasons() -> dict[str, str]:
    return {
        "not_a_credential": _("This is not an Open Badges credential of this portal."),
        "not_ours": _("This credential was not issued by this portal."),
        "no_proof": _("The credential carries no signature of this portal."),
        "unknown_key": _("The credential was signed with a key this portal does not publish."),
        "unreadable": _("The credential cannot be read: its content is damaged or in a form this portal does not use."),
        "undefined_terms": _("The credential holds claims that were never signed: %(terms)s."),
        "signature_mismatch": _("The signature does not match the content: the credential was changed after it was "
                                "issued."),
        "unknown_certificate": _("The signature holds, but no certificate of this portal matches the credential."),
    }


def _refused(reason: str, **params) -> CredentialCheck:
    message = _refusal_reasons()[reason]
    return CredentialCheck(False, message % params if params else message)


def _certificate_of(credential: dict) -> Certificate | None:
    """The certificate a credential whose signature holds was issued for, by its place in the status lists."""
    statuses = credential.get("credentialStatus")
    entry = statuses[0] if isinstance(statuses, list) and statuses else statuses
    if not isinstance(entry, dict):
        return None
    try:
        number = int(str(entry.get("statusListCredential", "")).rstrip("/").rsplit("/", 1)[-1])
        index = number * status_lists.LIST_SIZE + int(entry.get("statusListIndex", ""))
    except ValueError:
        return None
    found = Certificate.objects.select_related("replaced_by").filter(status_list_index=index).first()
    return found if found is not None and credential.get("id") == credential_id(found) else None


def credential_check(credential) -> CredentialCheck:
    """Check a credential as this portal issued it: its contexts, issuer and eddsa-rdfc-2022 signature."""
    if not isinstance(credential, dict) or credential.get("type") != ["VerifiableCredential", "OpenBadgeCredential"]:
        return _refused("not_a_credential")
    # A different context could give the same signed statements another reading: only the portal's own is accepted.
    if credential.get("@context") != CONTEXTS:
        return _refused("not_a_credential")
    issuer = credential.get("issuer")
    if (issuer.get("id") if isinstance(issuer, dict) else issuer) != issuer_id():
        return _refused("not_ours")
    try:
        data_integrity.verify(credential, public_keys={verification_method_id(): signing_key().public_key()})
    except data_integrity.ProofError as exc:
        logger.info("A credential brought for checking was refused: %s (%s)", exc.reason, exc)
        if exc.reason == "undefined_terms":
            return _refused(exc.reason, terms=str(exc))
        return _refused(exc.reason)
    certificate = _certificate_of(credential)
    if certificate is None:
        return _refused("unknown_certificate")
    return CredentialCheck(True, certificate=certificate)
