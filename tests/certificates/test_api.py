"""The read-only API for agencies' HR systems: a hashed bearer token, certificates with filters, one certificate
and its PDF, and the verification of a code."""
import pytest
from django.urls import reverse

from certificates import services
from certificates.models import ApiToken
from certificates.services import api_token_create, certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(agency_hr):
    return api_token_create(user=agency_hr, name="ระบบ DPIS ของกรม")[1]


@pytest.fixture
def certificates(issue, agency_hr):
    return [issue(department=agency_hr.department, first_name_th=name) for name in ("มานี", "มานะ")], issue()


def _get(client, url, token=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(url, params, **headers)


def test_only_the_tokens_hash_is_stored(token):
    stored = ApiToken.objects.get()
    assert token not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic abc"])
def test_without_a_valid_token_the_answer_is_401(client, header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(reverse("certificates:api_certificates"), **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_stops_working(client, token):
    from django.utils import timezone

    ApiToken.objects.update(revoked_at=timezone.now())
    assert _get(client, reverse("certificates:api_certificates"), token).status_code == 401


def test_the_list_holds_the_tokens_agency_only_and_filters(client, token, certificates):
    mine, elsewhere = certificates
    body = _get(client, reverse("certificates:api_certificates"), token).json()
    assert body["count"] == 2
    assert {item["number"] for item in body["results"]} == {c.number for c in mine}
    filtered = _get(client, reverse("certificates:api_certificates"), token, name="มานะ").json()
    assert [item["holder"]["name_th"] for item in filtered["results"]] == [mine[1].holder_name_th]
    assert _get(client, reverse("certificates:api_certificates"), token, status="revoked").json()["count"] == 0


def test_bad_filters_are_refused_with_the_reason(client, token):
    response = _get(client, reverse("certificates:api_certificates"), token, issued_from="last tuesday")
    assert response.status_code == 400
    assert "issued_from" in response.json()["errors"]


def test_one_certificate_and_its_pdf(client, token, certificates):
    certificate = certificates[0][0]
    data = _get(client, reverse("certificates:api_certificate", args=[certificate.number]), token).json()
    assert data["unit"]["title_th"] == "ออกแบบองค์กรดิจิทัล" and data["status"] == "valid"
    pdf_url = reverse("certificates:api_certificate_pdf", args=[certificate.number])
    assert _get(client, pdf_url, token).status_code == 409  # not rendered yet
    services.certificate_render(certificate_id=certificate.pk)
    response = _get(client, pdf_url, token)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_agencys_certificate_is_not_found(client, token, certificates):
    elsewhere = certificates[1]
    assert _get(client, reverse("certificates:api_certificate", args=[elsewhere.number]), token).status_code == 404


def test_verifying_a_code_shows_revocation_at_once(client, token, certificates, superuser):
    certificate = certificates[0][0]
    url = reverse("certificates:api_verify", args=[certificate.code])
    assert _get(client, url, token).json()["result"] == "valid"
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    body = _get(client, url, token).json()
    assert body["result"] == "revoked" and body["revoked_on"]
    assert _get(client, reverse("certificates:api_verify", args=["nonsense"]), token).json() == {"result": "unknown"}
