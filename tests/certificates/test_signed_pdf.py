"""The certificate PDF as an HR office files it: PDF/A-3b with the Open Badge credential inside, signed as PAdES with
the agency's certificate, timestamped by a TSA and carrying the revocation data for long-term validation; checked by
poppler's pdfsig (NSS) and by pyHanko's validator against a real local PKI, and reported modified once changed."""
import io
import json
import socket
import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate, JobState
from core.pdf_signing import TSA_UNAVAILABLE, SigningUnavailable
from core.signing_identity import signing_identity
from tests.pki import nss_database, pdfsig

pytestmark = pytest.mark.django_db


def _issued_pdf(certificate: Certificate) -> bytes:
    assert services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _validated(pdf: bytes, pki):
    """pyHanko's view: the signature itself, and PAdES B-LT validation offline from the data embedded in the PDF."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import ValidationContext

    root = x509.Certificate.load(pem.unarmor(pki.root_pem.read_bytes())[2])
    reader = PdfFileReader(io.BytesIO(pdf))
    [signature] = reader.embedded_signatures
    status = validate_pdf_signature(signature, signer_validation_context=ValidationContext(
        trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail"))
    try:
        # Long-term: no network, and revocation status required for every certificate of the chain, so only the
        # OCSP responses and CRLs embedded in the document's security store can satisfy it.
        offline = DocumentSecurityStore.read_dss(reader).as_validation_context(
            {"trust_roots": [root], "allow_fetching": False, "revocation_mode": "require"})
        long_term = validate_pdf_signature(signature, signer_validation_context=offline)
    except Exception as exc:  # a tampered file may not even get that far
        long_term = exc
    return status, long_term


def _changed_after_signing(pdf: bytes) -> bytes:
    """The PDF with an incremental update appended, as an editor saving a change would leave it."""
    from pyhanko.pdf_utils.generic import NameObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.root[NameObject("/PageMode")] = NameObject("/UseAttachments")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _byte_flipped(pdf: bytes) -> bytes:
    """One byte of the signed content changed (inside the first signed range, well before the signature)."""
    position = len(pdf) // 3
    return pdf[:position] + bytes([pdf[position] ^ 0x01]) + pdf[position + 1:]


def test_pdfsig_finds_the_issued_pdf_signed_whole_and_its_certificate_trusted(certificate, signing_pki, pki_nss,
                                                                             tmp_path):
    report = pdfsig(_issued_pdf(certificate), pki_nss, tmp_path)
    assert "Signer Certificate Common Name: Office of Digital Competency Standards (test)" in report, report
    assert "Signature Type: ETSI.CAdES.detached" in report, report
    assert "Total document signed" in report and "Not total document signed" not in report, report
    assert "Signature Validation: Signature is Valid." in report, report
    assert "Certificate Validation: Certificate is Trusted." in report, report


def test_pyhanko_finds_the_signature_intact_trusted_timestamped_and_valid_long_term_offline(certificate, signing_pki):
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    pdf = _issued_pdf(certificate)
    status, long_term = _validated(pdf, signing_pki)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    # PAdES B-LT: the chain's OCSP responses and CRLs are in the document's security store, in the signed revision.
    assert long_term.valid and long_term.trusted, long_term
    dss = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/DSS"]
    assert dss["/OCSPs"] and dss["/CRLs"] and dss["/Certs"]
    assert certificate.pdf_sha256 and len(certificate.pdf_sha256) == 64


def test_the_pdf_is_pdf_a_3b_tagged_and_carries_the_open_badge_credential(certificate, signing_pki, tmp_path):
    pdf = _issued_pdf(certificate)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    metadata = reader.xmp_metadata
    assert metadata is not None
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and ">3<" in xmp.split("pdfaid:part", 1)[1][:40] or 'pdfaid:part="3"' in xmp, xmp
    assert 'pdfaid:conformance="B"' in xmp or ">B<" in xmp.split("pdfaid:conformance", 1)[1][:40], xmp
    assert "Tagged:          yes" in subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    listing = subprocess.run(["pdfdetach", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    attachment = f"{certificate.number}-open-badge.json"
    assert attachment in listing, listing
    subprocess.run(["pdfdetach", "-savefile", attachment, "-o", str(tmp_path / "credential.json"), str(path)],
                   check=True)
    credential = json.loads((tmp_path / "credential.json").read_text())
    assert "OpenBadgeCredential" in credential["type"]
    assert certificate.holder_name_th in json.dumps(credential, ensure_ascii=False)
    # PDF/A-3 says how the file relates to the document: it is the data the certificate shows.
    relationships = {spec.get_object()["/AFRelationship"] for spec in reader.trailer["/Root"]["/AF"]}
    assert relationships == {"/Data"}


def test_a_pdf_changed_after_signing_is_reported_modified_by_pdfsig_and_pyhanko(certificate, signing_pki, pki_nss,
                                                                               tmp_path):
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    changed = _changed_after_signing(_issued_pdf(certificate))
    assert "Not total document signed" in pdfsig(changed, pki_nss, tmp_path)
    status, _ = _validated(changed, signing_pki)
    assert status.coverage != SignatureCoverageLevel.ENTIRE_FILE


def test_a_pdf_with_one_byte_changed_is_invalid_for_pdfsig_and_pyhanko(certificate, signing_pki, pki_nss, tmp_path):
    flipped = _byte_flipped(_issued_pdf(certificate))
    report = pdfsig(flipped, pki_nss, tmp_path)
    assert "Signature is Valid" not in report, report
    status, _ = _validated(flipped, signing_pki)
    assert not status.intact


def _closed_port() -> int:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def test_a_tsa_that_does_not_answer_leaves_the_pdf_pending_with_the_reason_and_nothing_unsigned(
        certificate, signing_pki, settings, client, candidate):
    settings.PDF_SIGNING_TSA_URL = f"http://127.0.0.1:{_closed_port()}/tsa"
    settings.PDF_SIGNING_TSA_TIMEOUT = 2
    with pytest.raises(SigningUnavailable):  # transient: the task retries it with backoff
        services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.render_state == JobState.PENDING
    assert certificate.render_error == TSA_UNAVAILABLE
    assert not certificate.pdf and not certificate.pdf_sha256
    client.force_login(candidate)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert "กำลังรอหน่วยงานประทับรับรองเวลา" in page
    assert reverse("certificates:holder_pdf", args=[certificate.pk]) not in page
    assert client.get(reverse("certificates:holder_pdf", args=[certificate.pk])).status_code == 404

    settings.PDF_SIGNING_TSA_URL = signing_pki.tsa_url  # the TSA answers again: the retry signs and stores it
    assert services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.render_state == JobState.READY and certificate.render_error == ""


def test_without_a_configured_key_development_signs_with_its_own_ca_and_no_timestamp(certificate, settings, tmp_path):
    settings.PDF_SIGNING_DEVELOPMENT_DIR = tmp_path / "signing"
    pdf = _issued_pdf(certificate)
    assert (tmp_path / "signing" / "development-signer.p12").exists()
    root = tmp_path / "development-root.pem"
    from cryptography.hazmat.primitives.serialization import Encoding

    root.write_bytes(signing_identity().root.public_bytes(Encoding.PEM))
    report = pdfsig(pdf, nss_database(tmp_path / "nss", root), tmp_path)
    assert "Signature is Valid" in report and "Certificate is Trusted" in report, report
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    [signature] = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    trusted = ValidationContext(trust_roots=[asn1_x509.Certificate.load(signing_identity().root.public_bytes(Encoding.DER))])
    status = validate_pdf_signature(signature, signer_validation_context=trusted)
    assert status.trusted and status.timestamp_validity is None  # and so the verification page claims none


def test_production_without_a_key_refuses_to_sign(settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    settings.PDF_SIGNING_PKCS12 = ""
    with pytest.raises(ImproperlyConfigured, match="PDF_SIGNING_PKCS12 is not set"):
        signing_identity()


def test_reports_are_signed_when_the_setting_asks(competent_case, candidate, signing_pki, pki_nss, settings, tmp_path):
    settings.SIGN_REPORTS = True
    report = services.result_report_request(case=competent_case, by=candidate)
    assert services.report_render(report_id=report.pk)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        verdict = pdfsig(handle.read(), pki_nss, tmp_path)
    assert "Signature is Valid" in verdict and "Certificate is Trusted" in verdict, verdict
