"""The HR API against its own OpenAPI schema: schemathesis sends what the schema allows, with a real token, and every
answer must be free of server errors and match the schema (status, content type, headers, body)."""
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from certificates import services
from certificates.services import api_token_create, certificate_revoke

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
# Few examples and a fixed seed: a quick run that finds the same thing every time.
FEW = settings(max_examples=25, derandomize=True, deadline=None, database=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                      HealthCheck.filter_too_much])


@pytest.fixture
def api_data(issue, agency_hr, superuser, settings):
    """An agency with a valid, a revoked and a rendered certificate, another agency's, and its HR system's token."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"hr_api": "100000/minute"}}
    mine = [issue(department=agency_hr.department, first_name_th=name) for name in ("มานี", "มานะ", "ปิติ")]
    certificate_revoke(certificate=mine[1], by=superuser, reason="ทุจริต")
    services.certificate_render(certificate_id=mine[2].pk)
    elsewhere = issue()
    token = api_token_create(user=agency_hr, name="ระบบ DPIS ของกรม")[1]
    return {"mine": mine, "elsewhere": elsewhere, "token": token}


@pytest.fixture
def api_schema(api_data):
    """The schema as the portal serves it, bound to the portal's WSGI application in this process.

    As Django's test client does, the connection is not closed at the end of each request: it holds the test's
    transaction, with the data above."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_answer_to_what_the_schema_allows_matches_the_schema(api_schema, api_data):
    headers = {"Authorization": f"Bearer {api_data['token']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/v1/certificates/", "/api/v1/certificates/{number}/", "/api/v1/certificates/{number}/pdf/",
        "/api/v1/verify/{code}/"}
    for operation in operations:
        @FEW
        @given(case=operation.as_strategy())
        def answers_as_described(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers_as_described()


def test_real_certificates_codes_and_refusals_match_the_schema(api_schema, api_data):
    valid, revoked, rendered = api_data["mine"]
    detail = api_schema["/api/v1/certificates/{number}/"]["GET"]
    pdf = api_schema["/api/v1/certificates/{number}/pdf/"]["GET"]
    verify = api_schema["/api/v1/verify/{code}/"]["GET"]
    listing = api_schema["/api/v1/certificates/"]["GET"]
    cases = [
        listing.Case(), listing.Case(query={"status": "revoked"}), listing.Case(query={"issued_from": "not a day"}),
        *(detail.Case(path_parameters={"number": c.number}) for c in (valid, revoked, api_data["elsewhere"])),
        pdf.Case(path_parameters={"number": valid.number}), pdf.Case(path_parameters={"number": rendered.number}),
        *(verify.Case(path_parameters={"code": c.code}) for c in (valid, revoked)),
        verify.Case(path_parameters={"code": "nonsense"}),
    ]
    statuses = []
    for case in cases:
        statuses.append(case.call_and_validate(headers={"Authorization": f"Bearer {api_data['token']}"},
                                               checks=CHECKS).status_code)
    assert statuses == [200, 200, 400, 200, 200, 404, 409, 200, 200, 200, 200]
    # Without a token, or with a wrong one, the refusal is as the schema describes too.
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        assert listing.Case().call_and_validate(headers=headers, checks=CHECKS).status_code == 401
