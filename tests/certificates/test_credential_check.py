"""Anyone may bring an Open Badges credential to the verification page: the portal says it is authentic (and what
its certificate's status is today), or "not valid" with the reason, in Thai or English; never an error page."""
import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates import badges, data_integrity
from certificates.models import Certificate
from certificates.services import certificate_revoke

pytestmark = pytest.mark.django_db

URL = reverse("certificates:verify_credential")


@pytest.fixture
def credential(certificate) -> dict:
    return badges.open_badge(certificate)


def _upload(client, document, *, language="th"):
    content = document if isinstance(document, bytes) else json.dumps(document, ensure_ascii=False).encode()
    return client.post(URL, {"file": SimpleUploadedFile("credential.json", content, "application/json")},
                       HTTP_ACCEPT_LANGUAGE=language)


def _result(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200, html
    return html


def _reason(message: str, language: str = "th") -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_a_credential_as_downloaded_is_authentic_and_shows_its_certificate_status(client, certificate, credential):
    html = _result(_upload(client, credential))
    assert 'data-credential-check="valid"' in html and 'data-certificate-status="valid"' in html
    assert certificate.number in html


def test_a_revoked_certificates_credential_is_authentic_but_shown_revoked(client, certificate, credential, superuser):
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    html = _result(_upload(client, credential))
    assert 'data-credential-check="valid"' in html and 'data-certificate-status="revoked"' in html


@pytest.mark.parametrize("language", ["th", "en"])
def test_one_byte_changed_in_a_claim_is_not_valid_with_the_reason(client, credential, language):
    raw = json.dumps(credential, ensure_ascii=False).encode()
    # One byte of the holder's name (a Thai character's last UTF-8 byte) changed.
    at = raw.index(credential["credentialSubject"]["identifier"][0]["identityHash"].encode()) + 2
    changed = raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1:]
    html = _result(_upload(client, changed, language=language))
    assert 'data-credential-check="not-valid"' in html
    assert _reason("The signature does not match the content: the credential was changed after it was issued.",
                   language) in html


def test_a_claim_added_after_signing_is_not_valid(client, credential):
    credential["credentialSubject"]["grade"] = "A"
    html = _result(_upload(client, credential))
    assert 'data-credential-check="not-valid"' in html and "grade" in html


def test_a_credential_with_another_context_or_issuer_or_no_proof_is_not_valid(client, credential):
    other_context = {**credential, "@context": [*credential["@context"], {"x": "https://example.org/x"}]}
    assert _reason("This is not an Open Badges credential of this portal.") in _result(_upload(client, other_context))
    other_issuer = copy.deepcopy(credential)
    other_issuer["issuer"]["id"] = "https://elsewhere.example/issuer"
    assert _reason("This credential was not issued by this portal.") in _result(_upload(client, other_issuer))
    unsigned = {key: value for key, value in credential.items() if key != "proof"}
    assert _reason("The credential carries no signature of this portal.") in _result(_upload(client, unsigned))
    broken_proof = copy.deepcopy(credential)
    broken_proof["proof"][0]["proofValue"] = "z0OIl"  # not base58
    assert 'data-credential-check="not-valid"' in _result(_upload(client, broken_proof))


def test_text_that_is_not_json_or_too_large_is_refused_with_a_message_and_nothing_changes(client, certificate):
    before = list(Certificate.objects.values_list("pk", "revoked_at", "suspended_until"))
    response = _upload(client, b"\xff\xfe not json")
    assert response.status_code == 400
    assert _reason("This is not a credential: it is not JSON text.") in response.content.decode()
    response = _upload(client, b"[" * 100_000)
    assert response.status_code == 400
    response = _upload(client, b" " * (badges.CREDENTIAL_MAX_BYTES + 1))
    assert response.status_code == 400
    assert client.post(URL, {}).status_code == 400
    assert list(Certificate.objects.values_list("pk", "revoked_at", "suspended_until")) == before


def test_a_pasted_credential_is_checked_too(client, credential):
    response = client.post(URL, {"text": json.dumps(credential, ensure_ascii=False)})
    assert 'data-credential-check="valid"' in _result(response)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                    max_leaves=12)


def _paths(node, prefix=()):
    """Every place in a JSON document where a value sits."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


@settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(where=st.integers(min_value=0), value=JSON)
def test_any_value_put_anywhere_in_a_credential_gives_an_answer_never_an_error(credential, where, value):
    paths = list(_paths(credential))
    path = paths[where % len(paths)]
    changed = copy.deepcopy(credential)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    check = badges.credential_check(changed)
    if check.valid:  # only a change JSON-LD reads as the same statements (["x"] for "x") keeps the signature
        assert data_integrity.canonical_nquads(changed) == data_integrity.canonical_nquads(credential)
    else:
        assert check.reason
