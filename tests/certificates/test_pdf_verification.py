"""Anyone may check on the verification page that a certificate PDF in hand is the one issued: the signature and the
file's hash are checked, the reason is given when it is not, and nothing is stored."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from core.pdf import html_to_pdf

pytestmark = pytest.mark.django_db


def _issued_pdf(certificate: Certificate) -> bytes:
    assert services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _check(client, content: bytes, name: str = "certificate.pdf", content_type: str = "application/pdf"):
    return client.post(reverse("certificates:verify_pdf"),
                       {"pdf": SimpleUploadedFile(name, content, content_type)})


def _appended_update(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils.generic import NameObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.root[NameObject("/PageMode")] = NameObject("/UseAttachments")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_the_pdf_as_issued_is_recognised_with_its_holder_and_timestamp(client, certificate, signing_pki):
    response = _check(client, _issued_pdf(certificate))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-pdf-check="issued"' in page
    assert "นี่คือ PDF ที่ระบบออกให้" in page
    assert certificate.holder_name_th in page and certificate.number in page
    assert 'data-verification="valid"' in page
    assert "ประทับรับรองเวลาโดยหน่วยงานประทับรับรองเวลาที่เชื่อถือได้" in page


def test_a_revoked_certificates_pdf_is_the_one_issued_but_shown_revoked(client, certificate, signing_pki, superuser):
    pdf = _issued_pdf(certificate)
    services.certificate_revoke(certificate=certificate, by=superuser, reason="พบการทุจริต")
    page = _check(client, pdf).content.decode()
    assert 'data-pdf-check="issued"' in page and 'data-verification="revoked"' in page


def test_a_development_signature_claims_no_timestamp(client, certificate, settings, tmp_path):
    settings.PDF_SIGNING_DEVELOPMENT_DIR = tmp_path / "signing"
    page = _check(client, _issued_pdf(certificate)).content.decode()
    assert 'data-pdf-check="issued"' in page
    assert "ลายมือชื่อนี้ไม่มีการประทับรับรองเวลาที่เชื่อถือได้" in page
    assert "ประทับรับรองเวลาโดย" not in page


@pytest.mark.parametrize(("spoil", "reason"), [
    (lambda pdf: pdf[: len(pdf) // 3] + bytes([pdf[len(pdf) // 3] ^ 1]) + pdf[len(pdf) // 3 + 1:],
     "ลายมือชื่อดิจิทัลไม่ตรงกับเนื้อหา PDF ถูกแก้ไขหลังจากลงลายมือชื่อ"),
    (_appended_update, "PDF ถูกแก้ไขหลังจากลงลายมือชื่อ มีการเพิ่มเนื้อหาต่อท้ายไฟล์ที่ลงนามแล้ว"),
    (lambda pdf: pdf[: len(pdf) // 2], "ไม่สามารถอ่าน PDF นี้ได้"),
], ids=["one byte changed", "update appended", "cut short"])
def test_a_changed_pdf_is_not_valid_with_the_reason(client, certificate, signing_pki, spoil, reason):
    response = _check(client, spoil(_issued_pdf(certificate)))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-pdf-check="refused"' in page and "ไม่ถูกต้อง" in page
    assert reason in page
    assert "data-verification" not in page


def test_an_unsigned_pdf_is_not_a_certificate(client, db):
    page = _check(client, html_to_pdf("<p>ประกาศนียบัตรปลอม</p>")).content.decode()
    assert "PDF นี้ไม่มีลายมือชื่อดิจิทัล" in page


def test_a_pdf_signed_by_another_ca_is_refused(client, certificate, signing_pki, settings, tmp_path):
    settings.PDF_SIGNING_PKCS12 = ""  # signed by the local development CA, while the page trusts the agency's root
    settings.PDF_SIGNING_DEVELOPMENT_DIR = tmp_path / "signing"
    pdf = _issued_pdf(certificate)
    page = _check(client, pdf).content.decode()
    assert "ไม่ได้ลงนามด้วยใบรับรองของระบบ" in page


def test_an_earlier_copy_replaced_by_a_new_render_is_not_the_pdf_issued(client, certificate, signing_pki):
    earlier = _issued_pdf(certificate)
    services.certificate_rerender(certificate=certificate)
    assert _issued_pdf(certificate) != earlier
    page = _check(client, earlier).content.decode()
    assert "ไฟล์นี้ไม่ใช่ PDF ที่ออกให้กับประกาศนียบัตรใด" in page


@pytest.mark.parametrize(("content", "name"), [
    (b"just some text, not a document", "notes.txt"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.pdf"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "garbage.pdf"),
], ids=["text", "an image named .pdf", "garbage after a PDF header"])
def test_anything_but_a_pdf_gets_a_clear_message_not_an_error(client, db, content, name):
    response = _check(client, content, name=name, content_type="application/octet-stream")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-pdf-check="refused"' in page
    assert "ไฟล์นี้ไม่ใช่ PDF" in page or "ไม่สามารถอ่าน PDF นี้ได้" in page or "ไม่มีลายมือชื่อดิจิทัล" in page


def test_no_file_or_an_empty_one_is_asked_for_again(client, db):
    assert "เลือกไฟล์ PDF ของประกาศนียบัตรที่ต้องการตรวจสอบ" in \
        client.post(reverse("certificates:verify_pdf")).content.decode()
    response = _check(client, b"")
    assert response.status_code == 400
    assert "ไฟล์ที่เลือกไม่มีข้อมูล" in response.content.decode()


def test_a_file_over_the_limit_is_refused_in_english_too(client, db, settings):
    settings.CERTIFICATE_VERIFY_PDF_MAX_BYTES = 1000
    response = client.post(reverse("certificates:verify_pdf"), {"pdf": SimpleUploadedFile("big.pdf", b"%PDF-" + bytes(2000))},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "larger than any certificate PDF" in response.content.decode()


def test_checking_stores_nothing(client, certificate, signing_pki, settings):
    pdf = _issued_pdf(certificate)
    files_before = sorted(path for path in settings.MEDIA_ROOT.rglob("*"))
    row_before = Certificate.objects.values().get(pk=certificate.pk)
    assert 'data-pdf-check="issued"' in _check(client, pdf).content.decode()
    assert sorted(path for path in settings.MEDIA_ROOT.rglob("*")) == files_before
    assert Certificate.objects.values().get(pk=certificate.pk) == row_before
