"""Evidence files reach only the candidate, the assessor allocated to the case, and administrators."""
import pytest
from django.urls import reverse

from assessments.models import Allocation
from evidence.services import evidence_item_create
from tests.samples import docx_upload, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_file(case, candidate):
    item = evidence_item_create(
        case=case, by=candidate, title="กระบวนงานหลัก", kind="performance", uploads=[pdf_upload("แผน.pdf")],
        mappings={case.unit.criteria.get(code="DL201.01").pk: "แสดงกระบวนงาน"},
    )
    return item.files.get()


def _download(client, evidence_file, **params):
    return client.get(reverse("evidence:file_download", args=[evidence_file.pk]), params)


def test_the_candidate_previews_their_pdf_inline(client, candidate, pdf_file):
    client.force_login(candidate)
    response = _download(client, pdf_file)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "filename*=utf-8''%E0%B9%81%E0%B8%9C%E0%B8%99.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_document_that_cannot_preview_downloads_as_an_attachment(client, case, candidate):
    item = evidence_item_create(
        case=case, by=candidate, title="ข้อมูลหลัก", kind="performance", uploads=[docx_upload()],
        mappings={case.unit.criteria.get(code="DL201.03").pk: "ข้อมูลหลัก"},
    )
    client.force_login(candidate)
    response = _download(client, item.files.get())
    assert response["Content-Disposition"].startswith("attachment")


def test_another_candidate_gets_404(client, other_candidate, pdf_file):
    client.force_login(other_candidate)
    assert _download(client, pdf_file).status_code == 404


def test_an_assessor_not_allocated_gets_404(client, assessor, pdf_file):
    client.force_login(assessor)
    assert _download(client, pdf_file).status_code == 404


def test_the_allocated_assessor_may_read_it(client, assessor, case, pdf_file):
    Allocation.objects.create(case=case, assessor=assessor)
    client.force_login(assessor)
    assert _download(client, pdf_file).status_code == 200


def test_an_allocation_that_ended_no_longer_opens_it(client, assessor, case, pdf_file):
    Allocation.objects.create(case=case, assessor=assessor, active=False)
    client.force_login(assessor)
    assert _download(client, pdf_file).status_code == 404


def test_an_hr_officer_gets_404(client, hr_officer, pdf_file):
    client.force_login(hr_officer)
    assert _download(client, pdf_file).status_code == 404


def test_an_administrator_may_read_it(client, superuser, pdf_file):
    client.force_login(superuser)
    assert _download(client, pdf_file).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, pdf_file):
    response = _download(client, pdf_file)
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_a_made_up_file_number_is_404(client, candidate, pdf_file):
    client.force_login(candidate)
    response = client.get(reverse("evidence:file_download", args=[pdf_file.pk + 1000]))
    assert response.status_code == 404
