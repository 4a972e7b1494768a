"""A downloaded evidence file carries the extension of what it is, and no character that disguises its name."""
import pytest
from django.urls import reverse

from evidence.services import evidence_item_create
from tests.samples import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _evidence(case, candidate, name: str):
    item = evidence_item_create(
        case=case, by=candidate, title="รายงานการประชุม", kind="performance",
        uploads=[upload(name, pdf_bytes(), "text/html")],
        mappings={case.unit.criteria.get(code="DL201.01").pk: "บันทึกการประชุม"},
    )
    return item.files.get()


def _disposition(client, evidence_file) -> str:
    response = client.get(reverse("evidence:file_download", args=[evidence_file.pk]), {"download": "1"})
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_a_pdf_uploaded_as_html_downloads_as_pdf(client, case, candidate):
    evidence_file = _evidence(case, candidate, "minutes.html")
    client.force_login(candidate)
    disposition = _disposition(client, evidence_file)
    assert disposition == 'attachment; filename="minutes.pdf"'
    assert evidence_file.original_name == "minutes.html"  # still shown on the pages as the candidate named it


def test_a_right_to_left_override_is_removed_from_the_served_name(client, case, candidate):
    # Shown as "รายงานexe.pdf" by a right-to-left override, the name really ends in ".exe".
    evidence_file = _evidence(case, candidate, "รายงาน\u202efdp.exe")
    client.force_login(candidate)
    disposition = _disposition(client, evidence_file)
    assert "%E2%80%AE" not in disposition.upper() and "\u202e" not in disposition
    assert disposition.endswith(".pdf") and ".exe" not in disposition
