"""Each certificate is also an Open Badges 3.0 credential signed with the portal's Ed25519 key; the key is
published, revocation is reflected, and only the holder downloads the credential from their page."""
import base64
import datetime
import hashlib
import json

import based58
import jcs
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from certificates import badges
from certificates.services import certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal_key(settings):
    """A configured signing key, as production has."""
    key = Ed25519PrivateKey.generate()
    settings.CERTIFICATE_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    badges.signing_key.cache_clear()
    yield key
    badges.signing_key.cache_clear()


def _download(client, certificate) -> dict:
    response = client.get(reverse("certificates:holder_badge", args=[certificate.pk]))
    assert response.status_code == 200
    assert f'filename="{certificate.number}.json"' in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_holder_downloads_a_credential_that_verifies_with_the_published_key(client, certificate, candidate,
                                                                               portal_key):
    client.force_login(candidate)
    credential = _download(client, certificate)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["achievement"]["humanCode"] == "DG-EJJM-026"
    assert credential["proof"]["cryptosuite"] == "eddsa-jcs-2022"

    profile = client.get(reverse("certificates:issuer_profile")).json()
    [method] = profile["verificationMethod"]
    assert credential["proof"]["verificationMethod"] == method["id"]
    assert badges.verify(credential, method["publicKeyMultibase"])

    [jwk] = client.get(reverse("certificates:jwks")).json()["keys"]
    raw = base64.urlsafe_b64decode(jwk["x"] + "==")
    assert raw == portal_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    # Verified again as any other verifier would, with the published key and other JCS and base58 implementations
    # (jcs, based58) than the ones the portal signs with (rfc8785, base58).
    Ed25519PublicKey.from_public_bytes(raw).verify(*_eddsa_jcs_2022_signed_data(credential))


def _eddsa_jcs_2022_signed_data(credential: dict) -> tuple[bytes, bytes]:
    """The signature and the bytes it signs, per the W3C eddsa-jcs-2022 cryptosuite."""
    proof = dict(credential["proof"])
    signature = based58.b58decode(proof.pop("proofValue").removeprefix("z").encode())
    unsecured = {key: value for key, value in credential.items() if key != "proof"}
    proof_config = {**proof, "@context": unsecured["@context"]}
    data = hashlib.sha256(jcs.canonicalize(proof_config)).digest() + hashlib.sha256(jcs.canonicalize(unsecured)).digest()
    return signature, data


def test_a_changed_credential_no_longer_verifies(client, certificate, candidate, portal_key):
    client.force_login(candidate)
    credential = _download(client, certificate)
    credential["credentialSubject"]["identifier"][0]["identityHash"] = "นายคนอื่น"
    assert not badges.verify(credential, badges.public_key_multibase())


def test_revocation_is_reflected_in_the_credentials_status(client, certificate, candidate, superuser, portal_key):
    client.force_login(candidate)
    credential = _download(client, certificate)
    status_url = credential["credentialStatus"]["id"].removeprefix("https://portal.example.go.th")
    assert client.get(status_url).json()["revokedCredentials"] == []
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    [revoked] = client.get(status_url).json()["revokedCredentials"]
    assert revoked["id"] == credential["id"] and revoked["revoked"] is True


def test_another_candidate_gets_404_for_the_credential_and_the_pdf(client, certificate, other_candidate):
    client.force_login(other_candidate)
    assert client.get(reverse("certificates:holder_badge", args=[certificate.pk])).status_code == 404
    assert client.get(reverse("certificates:holder_pdf", args=[certificate.pk])).status_code == 404


def test_without_a_configured_key_production_refuses_to_sign(settings):
    settings.DEBUG, settings.DEMO_MODE, settings.CERTIFICATE_SIGNING_KEY = False, False, ""
    badges.signing_key.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            badges.signing_key()
    finally:
        badges.signing_key.cache_clear()


def test_a_fixed_key_and_document_give_the_same_signature_and_key_as_before(settings):
    """Recorded from the hand-written JCS and base58 the portal had before the libraries: a credential already in
    a holder's wallet must keep verifying, so the bytes signed and their encoding may never drift."""
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    settings.CERTIFICATE_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    settings.PORTAL_BASE_URL = "https://portal.example"
    badges.signing_key.cache_clear()
    document = {"@context": badges.CONTEXTS, "id": "urn:uuid:1", "name": "DG-EJJM-026 ออกแบบองค์กรดิจิทัล",
                "credentialSubject": {"z": [1, True, None, 'a\nb\t"c" é €'], "a": {"b": 2, "A": -7}},
                "é": "x", "e": "\u007f\u001f"}
    try:
        signed = badges.sign(document, created=datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC))
        assert signed["proof"]["proofValue"] == (
            "z21cf4NksPSHUmp6vPc812u7e6usRPxS4TMttR2aimHuwmxxgwM94X7p5T4MEC339kGn87eHEMvfgKGM5LvDdG1rU")
        assert badges.public_key_multibase() == "z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"
        assert badges.verify(signed, badges.public_key_multibase())
        assert badges.base58btc_decode(badges.base58btc(b"\0\0\xff")) == b"\0\0\xff"
    finally:
        badges.signing_key.cache_clear()
