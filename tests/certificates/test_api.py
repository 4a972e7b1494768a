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


def test_the_apis_dates_are_iso_whatever_the_language(client, token, certificates):
    """People type Buddhist-Era days on the desk; programs send ISO 8601 to the API, and only that."""
    url = reverse("certificates:api_certificates")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "th"
    today = certificates[0][0].issued_on
    assert _get(client, url, token, issued_from=today.isoformat()).json()["count"] == 2
    response = _get(client, url, token, issued_from=f"{today.day}/{today.month}/{today.year + 543}")
    assert response.status_code == 400 and "issued_from" in response.json()["errors"]


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


def test_a_token_over_its_rate_gets_429_while_another_token_is_still_served(client, settings, token, agency_hr):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"hr_api": "2/minute"}}
    other = api_token_create(user=agency_hr, name="ระบบเงินเดือน")[1]
    url = reverse("certificates:api_certificates")
    assert [_get(client, url, token).status_code for _ in range(3)] == [200, 200, 429]
    refused = _get(client, url, token)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0 and refused.json()["detail"]
    assert _get(client, url, other).status_code == 200


def test_page_links_keep_the_filters_and_a_page_past_the_end_gives_the_last(client, token, certificates,
                                                                            monkeypatch):
    from certificates import api

    monkeypatch.setattr(api.Pages, "page_size", 1)
    url = reverse("certificates:api_certificates")
    first = _get(client, url, token, status="valid").json()
    assert first["count"] == 2 and len(first["results"]) == 1 and first["previous"] is None
    assert first["next"] == f"http://testserver{url}?status=valid&page=2"
    second = _get(client, url, token, status="valid", page=2).json()
    assert second["next"] is None and second["previous"] == f"http://testserver{url}?status=valid&page=1"
    assert _get(client, url, token, page=99).json()["results"] == second["results"]
    assert _get(client, url, token, page="first").json()["results"] == first["results"]


def test_answers_are_json_or_the_pdf_whatever_the_client_accepts_and_never_cached(client, token, certificates):
    certificate = certificates[0][0]
    services.certificate_render(certificate_id=certificate.pk)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}", "HTTP_ACCEPT": "text/html"}
    listing = client.get(reverse("certificates:api_certificates"), **headers)
    assert listing.status_code == 200 and listing["Content-Type"] == "application/json"
    assert "no-store" in listing["Cache-Control"]
    pdf = client.get(reverse("certificates:api_certificate_pdf", args=[certificate.number]),
                     HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_schema_describes_every_operation_with_the_desks_filters(client):
    from certificates.api import FILTER_NAMES
    from certificates.forms import CertificateFilterForm

    response = client.get(reverse("certificates:api_schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    bearer = schema["components"]["securitySchemes"]["bearerAuth"]
    assert (bearer["type"], bearer["scheme"]) == ("http", "bearer")
    assert set(schema["paths"]) == {"/api/v1/certificates/", "/api/v1/certificates/{number}/",
                                    "/api/v1/certificates/{number}/pdf/", "/api/v1/verify/{code}/"}
    listed = {p["name"] for p in schema["paths"]["/api/v1/certificates/"]["get"]["parameters"]}
    assert listed == {*FILTER_NAMES, "page"}
    assert set(FILTER_NAMES) == set(CertificateFilterForm.base_fields)


def test_the_schema_is_valid_openapi_without_a_warning(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_docs_page_loads_swagger_ui_from_the_portal_with_no_inline_script_or_style(client):
    response = client.get(reverse("certificates:api_docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html and "<script>" not in html and "//cdn" not in html
    script = client.get(reverse("certificates:api_docs"), {"script": ""})
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert reverse("certificates:api_schema") in script.content.decode()
