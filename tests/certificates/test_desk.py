"""The HR desk: an HR officer sees their own agency's certificates (an administrator all of them), filters and
pages through them, downloads one PDF, exports the list as CSV or Excel, and reads the dashboard."""
import datetime
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.services import certificate_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_certificates(issue, agency_hr):
    """Three certificates in agency_hr's agency and one elsewhere."""
    mine = [issue(department=agency_hr.department, first_name_th=name) for name in ("มานี", "มานะ", "ปิติ")]
    return mine, issue(first_name_th="ชูใจ")


def _listed(client, **params) -> list[str]:
    response = client.get(reverse("certificates:desk"), params)
    assert response.status_code == 200
    return [row.split('"', 1)[0] for row in response.content.decode().split('<tr data-certificate="')[1:]]


def test_an_hr_officer_sees_only_their_agencys_certificates(client, agency_hr, agency_certificates):
    mine, elsewhere = agency_certificates
    client.force_login(agency_hr)
    assert sorted(_listed(client)) == sorted(c.number for c in mine)


def test_an_administrator_sees_every_agency_and_filters_by_one(client, superuser, agency_hr, agency_certificates):
    mine, elsewhere = agency_certificates
    client.force_login(superuser)
    assert len(_listed(client)) == 4
    assert _listed(client, agency=elsewhere.department_id) == [elsewhere.number]


def test_filters_by_name_status_and_date(client, agency_hr, agency_certificates, superuser):
    mine, _elsewhere = agency_certificates
    client.force_login(agency_hr)
    assert _listed(client, name="มานี") == [mine[0].number]
    certificate_revoke(certificate=mine[1], by=superuser, reason="ทุจริต")
    assert _listed(client, status="revoked") == [mine[1].number]
    assert len(_listed(client, status="valid")) == 2
    today = timezone.localdate()
    assert len(_listed(client, issued_from=today.isoformat(), issued_to=today.isoformat())) == 3
    assert _listed(client, issued_from=(today + datetime.timedelta(days=1)).isoformat()) == []


def test_the_next_page_keeps_the_filters(client, agency_hr, agency_certificates, superuser, monkeypatch):
    monkeypatch.setattr("certificates.views.DESK_PAGE_SIZE", 1)
    mine, _elsewhere = agency_certificates
    certificate_revoke(certificate=mine[1], by=superuser, reason="ทุจริต")
    client.force_login(agency_hr)

    first_page = client.get(reverse("certificates:desk"), {"status": "valid"}).content.decode()
    next_link = html.unescape(re.search(r'href="([^"]*)">(?:Next|ถัดไป)<', first_page).group(1))

    assert next_link == "?status=valid&page=2"
    valid = {mine[0].number, mine[2].number}
    assert {*_listed(client, status="valid"), *_listed(client, status="valid", page=2)} == valid


def test_an_impossible_date_range_is_explained(client, agency_hr):
    client.force_login(agency_hr)
    response = client.get(reverse("certificates:desk"), {"issued_from": "2026-12-31", "issued_to": "2026-01-01"})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()


def test_the_list_takes_the_same_number_of_queries_however_many_certificates(client, superuser, issue):
    client.force_login(superuser)
    url = reverse("certificates:desk")
    issue()
    client.get(url)  # session and roles are read once
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(60):
        issue()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert response.content.decode().count('<tr data-certificate="') == 50  # one page


def test_one_pdf_downloads_for_the_agency_and_not_for_others(client, agency_hr, other_agency_hr, agency_certificates):
    certificate = agency_certificates[0][0]
    services.certificate_render(certificate_id=certificate.pk)
    client.force_login(agency_hr)
    response = client.get(reverse("certificates:desk_pdf", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(other_agency_hr)
    assert client.get(reverse("certificates:desk_pdf", args=[certificate.pk])).status_code == 404


def test_a_candidate_gets_404_for_the_desk(client, candidate):
    client.force_login(candidate)
    for name in ("desk", "dashboard", "agency_report_new"):
        assert client.get(reverse(f"certificates:{name}")).status_code == 404


def test_an_hr_officer_without_an_agency_sees_no_agencys_figures(client, agency_certificates):
    from accounts.roles import Role
    from tests.factories import UserFactory

    unattached = UserFactory(roles=[Role.HR_OFFICER], department=None)
    client.force_login(unattached)
    response = client.get(reverse("certificates:dashboard"))
    assert response.status_code == 404
    assert b"count-valid" not in response.content


def test_the_list_exports_as_csv_with_thai_names(client, agency_hr, agency_certificates):
    client.force_login(agency_hr)
    response = client.get(reverse("certificates:desk_export", args=["csv"]), {"name": "มานี"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.strip().splitlines()
    assert len(lines) == 2 and "มานี" in lines[1]


def test_the_list_exports_as_an_excel_workbook(client, agency_hr, agency_certificates):
    from openpyxl import load_workbook

    client.force_login(agency_hr)
    response = client.get(reverse("certificates:desk_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows) == 4
    assert {row[0] for row in rows[1:]} == {c.number for c in agency_certificates[0]}


def test_the_dashboard_draws_its_charts_without_inline_style(client, agency_hr, agency_certificates):
    client.force_login(agency_hr)
    body = client.get(reverse("certificates:dashboard")).content.decode()
    assert body.count('<svg class="chart"') >= 3
    assert " style=" not in body and "<script>" not in body
    assert '<div class="display-6" id="count-valid">3</div>' in body
