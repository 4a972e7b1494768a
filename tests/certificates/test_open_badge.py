"""Each certificate is also an Open Badges 3.0 credential that a wallet verifies: signed with the portal's Ed25519 key
(eddsa-rdfc-2022), valid against 1EdTech's official schema, its key published by the issuer's controller document, its
revocation and suspension published as Bitstring Status Lists. An independent verifier (Digital Bazaar's, run with
Node) checks every one of these claims; only the holder downloads the credential from their page."""
import base64
import copy
import datetime
import gzip
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from certificates import badges, data_integrity, status_lists
from certificates.services import certificate_reinstate, certificate_revoke, certificate_suspend
from tests.standards import standards_folder

pytestmark = pytest.mark.django_db

VERIFIER = Path(__file__).resolve().parent / "verifier"
STANDARDS = standards_folder()
OB_CONTEXT_URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


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


def node_verify(credential: dict, tmp_path: Path, *, key: str | None = None, base: str | None = None,
                documents: dict[str, dict] | None = None) -> dict:
    """What Digital Bazaar's verifier says of the credential, run with Node from tests/certificates/verifier."""
    assert (VERIFIER / "node_modules" / "@digitalbazaar" / "vc").is_dir(), (
        "The independent verifier is not installed: run `npm ci --prefix tests/certificates/verifier` (make test does)")
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")
    args = ["node", str(VERIFIER / "verify.mjs"), "--credential", str(path),
            "--context", f"{OB_CONTEXT_URL}={STANDARDS / 'contexts' / 'ob-v3p0-context-3.0.3.json'}"]
    if key:
        args += ["--key", key]
    if base:
        args += ["--base", base]
    for number, (url, document) in enumerate((documents or {}).items()):
        written = tmp_path / f"document-{number}.json"
        written.write_text(json.dumps(document), encoding="utf-8")
        args += ["--document", f"{url}={written}"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _status_lists_of(client, credential) -> dict[str, dict]:
    """The status lists the credential points at, as the portal publishes them."""
    published = {}
    for entry in credential["credentialStatus"]:
        url = entry["statusListCredential"]
        response = client.get(url.removeprefix(settings.PORTAL_BASE_URL))
        assert response.status_code == 200
        published[url] = response.json()
    return published


def test_the_holder_downloads_a_credential_that_an_independent_verifier_accepts_with_the_published_key(
        client, certificate, candidate, portal_key, tmp_path):
    client.force_login(candidate)
    credential = _download(client, certificate)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["achievement"]["humanCode"] == "DG-EJJM-026"
    [proof] = credential["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofValue"].startswith("z")

    profile = client.get(reverse("certificates:issuer_profile")).json()
    [method] = profile["verificationMethod"]
    assert method["type"] == "Multikey" and method["publicKeyMultibase"].startswith("z6Mk")
    assert proof["verificationMethod"] == method["id"] and profile["assertionMethod"] == [method["id"]]
    [jwk] = client.get(reverse("certificates:jwks")).json()["keys"]
    raw = base64.urlsafe_b64decode(jwk["x"] + "==")
    assert raw == portal_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    answer = node_verify(credential, tmp_path, key=method["publicKeyMultibase"],
                         documents=_status_lists_of(client, credential))
    assert answer == {"verified": True, "error": None, "status": {"revocation": False, "suspension": False}}


def _schema_errors(credential: dict) -> list[str]:
    schema = json.loads((STANDARDS / "ob" / "ob_v3p0_achievementcredential_schema.json").read_text())
    validator = jsonschema.Draft201909Validator(schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(credential)]


def test_with_only_the_revocation_status_the_credential_is_valid_against_the_official_schema_to_the_letter(
        client, certificate, candidate, portal_key, settings):
    settings.OPEN_BADGE_SUSPENSION_STATUS = False
    client.force_login(candidate)
    credential = _download(client, certificate)
    assert credential["credentialStatus"]["statusPurpose"] == "revocation"
    assert _schema_errors(credential) == []


def test_with_both_statuses_the_credential_departs_from_the_official_schema_only_in_listing_two(
        client, certificate, candidate, portal_key, tmp_path):
    """Open Badges 3.0's schema allows one `credentialStatus`; the W3C data model and wallets allow several. By default
    the credential lists revocation and suspension: that list is the one place it departs from the schema, and each
    of the two entries is what the schema wants of a status."""
    client.force_login(candidate)
    credential = _download(client, certificate)
    assert _schema_errors(credential) == [
        f"$.credentialStatus: {credential['credentialStatus']!r} is not of type 'object'"]
    for entry in credential["credentialStatus"]:
        assert _schema_errors({**credential, "credentialStatus": entry}) == []


def test_a_wallet_resolving_the_issuer_verifies_and_reads_revocation_and_suspension(
        transactional_db, client, certificate, candidate, superuser, portal_key, live_server, settings, tmp_path):
    """The verifier is given nothing but the credential: it fetches the issuer's controller document, the key in it and
    both status lists from the running portal."""
    settings.PORTAL_BASE_URL = live_server.url
    client.force_login(candidate)
    credential = _download(client, certificate)
    verified = node_verify(credential, tmp_path, base=live_server.url)
    assert verified == {"verified": True, "error": None, "status": {"revocation": False, "suspension": False}}

    certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ",
                        until=timezone.localdate() + datetime.timedelta(days=7))
    assert node_verify(credential, tmp_path, base=live_server.url)["status"] == {"revocation": False,
                                                                               "suspension": True}
    certificate_reinstate(certificate=certificate, by=superuser)
    assert node_verify(credential, tmp_path, base=live_server.url)["status"] == {"revocation": False,
                                                                               "suspension": False}
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    assert node_verify(credential, tmp_path, base=live_server.url)["status"] == {"revocation": True,
                                                                               "suspension": False}


def test_a_credential_with_one_byte_changed_is_rejected_by_the_independent_verifier_and_by_the_portal(
        client, certificate, candidate, portal_key, tmp_path):
    client.force_login(candidate)
    credential = _download(client, certificate)
    tampered = copy.deepcopy(credential)
    name = tampered["credentialSubject"]["identifier"][0]["identityHash"]
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = name[:-1] + chr(ord(name[-1]) + 1)
    key = badges.public_key_multibase()

    answer = node_verify(tampered, tmp_path, key=key, documents=_status_lists_of(client, credential))
    assert answer["verified"] is False and answer["error"]
    public = {badges.verification_method_id(): data_integrity.public_key_from_multibase(key)}
    with pytest.raises(data_integrity.ProofError) as refused:
        data_integrity.verify(tampered, public_keys=public)
    assert refused.value.reason == "signature_mismatch"
    assert data_integrity.verify(credential, public_keys=public)["cryptosuite"] == "eddsa-rdfc-2022"


def test_an_added_claim_no_context_defines_is_refused_though_json_ld_would_drop_it(client, certificate, candidate,
                                                                                 portal_key):
    client.force_login(candidate)
    credential = _download(client, certificate)
    credential["credentialSubject"]["grade"] = "ดีเยี่ยม"
    public = {badges.verification_method_id(): portal_key.public_key()}
    with pytest.raises(data_integrity.ProofError) as refused:
        data_integrity.verify(credential, public_keys=public)
    assert refused.value.reason == "undefined_terms" and "grade" in str(refused.value)


def test_the_status_lists_are_signed_sixteen_kilobytes_of_bits_with_the_certificates_bit_set(
        client, certificate, superuser, portal_key, tmp_path):
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    certificate.refresh_from_db()
    number, bit = divmod(certificate.status_list_index, status_lists.LIST_SIZE)
    published = client.get(reverse("certificates:status_list", args=["revocation", number])).json()
    assert published["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert published["credentialSubject"]["statusPurpose"] == "revocation"
    encoded = published["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 == 131_072
    assert [i for i in range(131_072) if bits[i // 8] & (0x80 >> (i % 8))] == [bit]
    # Signed by the portal's key, as an independent verifier reads it.
    answer = node_verify(published, tmp_path, key=badges.public_key_multibase())
    assert answer["verified"] is True, answer["error"]


def test_the_status_list_is_signed_again_only_when_a_bit_changes(client, certificate, superuser, portal_key):
    number = certificate.status_list_index // status_lists.LIST_SIZE
    url = reverse("certificates:status_list", args=["suspension", number])
    first, again = client.get(url).json(), client.get(url).json()
    assert first == again
    certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ", until=timezone.localdate())
    changed = client.get(url).json()
    assert changed["credentialSubject"]["encodedList"] != first["credentialSubject"]["encodedList"]


def test_a_status_list_that_does_not_exist_is_404(client, certificate):
    assert client.get(reverse("certificates:status_list", args=["revocation", 1])).status_code == 404
    assert client.get(reverse("certificates:status_list", args=["expiry", 0])).status_code == 404


def test_positions_in_the_status_lists_are_unique_and_spread(issue):
    indexes = [status_lists.index_for(n) for n in range(1, status_lists.LIST_SIZE + 3)]
    assert len(set(indexes)) == len(indexes)
    assert sorted(indexes[:status_lists.LIST_SIZE]) == list(range(status_lists.LIST_SIZE))
    assert indexes[status_lists.LIST_SIZE] >= status_lists.LIST_SIZE
    first, second = issue(first_name_th="หนึ่ง"), issue(first_name_th="สอง")
    assert first.status_list_index != second.status_list_index
    assert abs(first.status_list_index - second.status_list_index) > 1


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


def test_a_fixed_key_and_document_give_the_same_signature_and_key_as_before(settings, tmp_path):
    """A credential already in a holder's wallet must keep verifying, so the bytes signed and their encoding may never
    drift: recorded when eddsa-rdfc-2022 came in, and accepted then by the independent verifier."""
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    settings.CERTIFICATE_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    settings.PORTAL_BASE_URL = "https://portal.example"
    badges.signing_key.cache_clear()
    document = {"@context": badges.CONTEXTS, "id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
                "name": "DG-EJJM-026 ออกแบบองค์กรดิจิทัล", "issuer": {"id": "https://portal.example/credentials/issuer",
                                                               "type": ["Profile"], "name": "é €"},
                "validFrom": "2026-01-02T03:04:05Z",
                "credentialSubject": {"type": ["AchievementSubject"],
                                      "achievement": {"id": "https://portal.example/a", "type": ["Achievement"],
                                                      "name": 'a\nb\t"c"', "criteria": {"narrative": "x"}}}}
    try:
        signed = badges.sign(document, created=datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC))
        assert signed["proof"][0]["proofValue"] == RECORDED_PROOF_VALUE
        assert node_verify(signed, tmp_path, key=badges.public_key_multibase())["verified"] is True
        assert badges.public_key_multibase() == "z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"
        assert data_integrity.multibase_base58btc_decode(data_integrity.multibase_base58btc(b"\0\0\xff")) == b"\0\0\xff"
    finally:
        badges.signing_key.cache_clear()


RECORDED_PROOF_VALUE = (
    "z5bXfKoZbPrLsyNYCsQrhaTBDJBc4nrNaX5JGAfUgV4wTnTj4ua1M3qbtENMyV8zMca2Gr6Q8feoZBt3ApmxzdTL1")


def test_certificates_issued_before_the_status_lists_got_positions_as_new_ones_do():
    """The migration that gave existing certificates their positions keeps its own copy of the rule: the two agree,
    so the counter it leaves behind hands out positions no earlier certificate holds."""
    import importlib

    migration = importlib.import_module("certificates.migrations.0007_certificate_status_list_index")
    sequences = [*range(1, 5000), *range(status_lists.LIST_SIZE - 5, status_lists.LIST_SIZE + 5)]
    assert [migration.index_for(n) for n in sequences] == [status_lists.index_for(n) for n in sequences]


def test_the_issuer_profile_is_an_open_badges_profile_and_a_controller_document(client, portal_key):
    profile = client.get(reverse("certificates:issuer_profile")).json()
    schema = json.loads((STANDARDS / "ob" / "ob_v3p0_profile_schema.json").read_text())
    assert [error.message for error in jsonschema.validators.validator_for(schema)(schema).iter_errors(profile)] == []
    assert "https://www.w3.org/ns/did/v1" in profile["@context"]
    assert "https://w3id.org/security/multikey/v1" in profile["@context"]
    [method] = profile["verificationMethod"]
    assert method == {"id": f"{profile['id']}#key-1", "type": "Multikey", "controller": profile["id"],
                      "publicKeyMultibase": data_integrity.public_key_multibase(portal_key.public_key())}
    assert profile["assertionMethod"] == [method["id"]]
