"""Whether a PDF someone holds is one the portal issued: its PAdES signature checked by pyHanko's validator against
the configured trust roots, and its SHA-256 looked up among the certificates' stored hashes. Nothing is stored.

Signing is core.pdf_signing's; this module only reads."""
import datetime
import hashlib
import io
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.event_loops import outside_event_loop
from core.signing_identity import trust_roots

from .models import Certificate

logger = logging.getLogger(__name__)

# A PDF may have up to this much before its header (ISO 32000-1, 7.5.2 allows junk ahead of it in practice).
_HEADER_WINDOW = 1024


@dataclass(frozen=True)
class PdfCheck:
    """The answer: `issued` when this is the very file issued for `certificate`; otherwise `reason` says why not."""

    issued: bool
    reason: str = ""
    certificate: Certificate | None = None
    signer: str = ""
    timestamp: datetime.datetime | None = None  # the trusted RFC 3161 time of the signature, when it carries one


def _asn1(certificate):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def _refused(reason: str) -> PdfCheck:
    return PdfCheck(issued=False, reason=reason)


def pdf_check(data: bytes) -> PdfCheck:
    """Check the PDF's signature and compare it with what was issued; never raises for bad input."""
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        return _refused(_("This file is not a PDF. Choose the certificate PDF you received from the portal."))
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:  # pyHanko raises many kinds of errors on a damaged file; each means the same to the visitor
        logger.info("PDF uploaded for verification could not be read", exc_info=True)
        return _refused(_("This PDF could not be read: it is damaged or incomplete."))
    if not signatures:
        return _refused(_("This PDF has no digital signature, so it is not a certificate issued by the portal."))
    signature = signatures[0]
    try:
        status = outside_event_loop(lambda: _validated(signature))
    except Exception:
        logger.info("Signature of an uploaded PDF could not be validated", exc_info=True)
        return _refused(_("The digital signature of this PDF is damaged: the file was changed after it was signed."))
    if not status.intact or not status.valid:
        return _refused(_("The digital signature does not match the content: the PDF was changed after it was signed."))
    if not status.trusted:
        return _refused(_("This PDF is signed, but not with the portal's signing certificate."))
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if len(signatures) > 1 or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return _refused(_("The PDF was changed after it was signed: content was added to the signed file."))
    certificate = (Certificate.objects.select_related("replaced_by")
                   .filter(pdf_sha256=hashlib.sha256(data).hexdigest()).first())
    if certificate is None:
        return _refused(_("The signature is the portal's, but this file is not the PDF issued for any certificate: "
                          "it may be an earlier copy that was replaced."))
    timestamp = status.timestamp_validity
    return PdfCheck(issued=True, certificate=certificate, signer=status.signing_cert.subject.human_friendly,
                    timestamp=timestamp.timestamp if timestamp is not None and timestamp.trusted else None)


def _validated(signature):
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [_asn1(root) for root in trust_roots()]
    # Offline: the answer must not depend on, or wait for, a remote service; the revocation data the signer
    # embedded stays in the file for archives to check, and the certificate's own status is the portal's record.
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    return validate_pdf_signature(signature, signer_validation_context=context,
                                  ts_validation_context=ValidationContext(trust_roots=roots, allow_fetching=False,
                                                                          revocation_mode="soft-fail"))
