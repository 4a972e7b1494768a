"""The one PDF signer: a PAdES signature with the agency's key, an RFC 3161 timestamp and, for long-term validation,
the OCSP responses and CRLs of the chain embedded in the same revision (PAdES B-LT), so the signature covers the
whole file as issued.

In development and demo mode without a configured key, the local CA of core.signing_identity signs, with no
revocation data and with a timestamp only when a TSA is configured. Checking signatures is not done here."""
import io
import logging
import os
import threading
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_noop

from .event_loops import outside_event_loop
from .signing_identity import SigningIdentity, signing_identity, trust_roots

logger = logging.getLogger(__name__)

FIELD_NAME = "PortalSignature"
# Why a signature waits, stored on the job and translated where it is shown.
TSA_UNAVAILABLE = gettext_noop("Waiting for the time-stamping authority, which did not answer. The PDF will be signed "
                               "and made available as soon as it does.")
REVOCATION_UNAVAILABLE = gettext_noop("Waiting for the certificate status service (OCSP/CRL), which did not answer. The "
                                      "PDF will be signed and made available as soon as it does.")


class SigningUnavailable(ConnectionError):
    """The time-stamping authority, or an OCSP or CRL service, did not answer: worth trying again later.

    A ConnectionError, so the job layer treats it as transient (core.jobs.TRANSIENT_ERRORS) and shows
    `reason_shown` (a message id, translated where it is shown) on the job while it waits."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason_shown = reason


@dataclass(frozen=True)
class SignedPdf:
    content: bytes
    timestamped: bool


@lru_cache(maxsize=4)
def _signer(identity: SigningIdentity):
    from asn1crypto import tsp
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.attributes import SigningCertificateV2Provider
    from pyhanko.sign.general import as_signing_certificate_v2, get_pyca_cryptography_hash
    from pyhanko.sign.signers import SimpleSigner

    class EncodedSigningCertificate(SigningCertificateV2Provider):
        """The signing-certificate-v2 attribute, the same for every signature of this key, read back from its DER.

        asn1crypto encodes a value built from Python objects again each time it is dumped, and pyHanko dumps the
        signed attributes several times per signature: encoding this one attribute (the issuer's name, the
        certificate's hash) over and over was more than half of the signer's own work. Parsed from bytes, each dump
        reuses them."""

        def __init__(self, signing_cert):
            super().__init__(signing_cert)
            self.der = as_signing_certificate_v2(signing_cert).dump()

        async def build_attr_value(self, dry_run=False):
            return tsp.SigningCertificateV2.load(self.der)

    class LoadedKeySigner(SimpleSigner):
        """pyHanko's signer, keeping the private key loaded: it would parse and check it again for every signature,
        which for an RSA key costs more than the rest of the signature together."""

        def _signed_attr_providers(self, *args, **kwargs):
            # pyHanko's own providers (its internal API), with the signing-certificate one swapped for the encoded copy:
            # should pyHanko rename the method, signatures stay the same, only slower.
            for provider in super()._signed_attr_providers(*args, **kwargs):
                yield signing_certificate if isinstance(provider, SigningCertificateV2Provider) else provider

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
                return key.sign(data, padding.PKCS1v15(), hash_algorithm)
            if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
                return key.sign(data, ec.ECDSA(hash_algorithm))
            return super().sign_raw(data, digest_algorithm)

    data = identity.path.read_bytes()
    key = pkcs12.load_key_and_certificates(data, identity.passphrase)[0]
    loaded = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=identity.passphrase)
    signing_certificate = EncodedSigningCertificate(loaded.signing_cert)
    return LoadedKeySigner(signing_key=loaded.signing_key, signing_cert=loaded.signing_cert,
                           cert_registry=loaded.cert_registry, signature_mechanism=loaded.signature_mechanism)


def _asn1(certificate):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


@lru_cache(maxsize=1)
def _timestamper_class():
    import requests
    from asn1crypto import tsp
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    class KeptSessionTimeStamper(RequestsHTTPTimeStamper):
        """pyHanko's RFC 3161 client, asking over one HTTP session per thread, from the signing call's own event loop.

        pyHanko's starts a thread for each request (and its event loop another to stop it) and opens a new session:
        waiting for those threads to be scheduled cost 1 to 3 ms per signature on a busy machine here, and an HTTPS
        TSA that keeps connections open would see a new TLS handshake for every certificate. The loop is private to
        the signing call and waits on nothing else meanwhile, so asking from it directly blocks no one."""

        def __init__(self, url: str, timeout: int):
            super().__init__(url, timeout=timeout)
            self._sessions = threading.local()

        async def async_request_tsa_response(self, req):
            # Per process too: a worker forked from a process that had asked must not share its open connection.
            session, pid = getattr(self._sessions, "session", (None, None))
            if session is None or pid != os.getpid():
                session = requests.Session()
                self._sessions.session = (session, os.getpid())
            try:
                response = session.post(self.url, req.dump(), headers=self.request_headers(), auth=self.auth,
                                        timeout=self.timeout)
            except OSError as exc:  # requests' errors are OSErrors too
                raise TimestampRequestError("Error in communication with timestamp server") from exc
            if response.headers.get("Content-Type") != "application/timestamp-reply":
                raise TimestampRequestError("Timestamp server response is malformed.", response)
            return tsp.TimeStampResp.load(response.content)

    return KeptSessionTimeStamper


@dataclass
class _Services:
    """The TSA client and the validation context that fetches and keeps revocation data, renewed now and then:
    a worker signing hundreds of PDFs asks the TSA for each, but the OCSP and CRL services only once a while."""

    timestamper: object | None
    validation_context: object | None
    made_at: float
    key: tuple
    # The room pyHanko estimated for the signature the first time (by signing once in a dry run); later signatures
    # of this series reuse it rather than sign everything twice.
    bytes_reserved: int | None = None
    # The certificates, OCSP responses and CRLs that the first signature of the series validated and embedded:
    # later ones embed the same, still fresh, without validating the chain again for every PDF.
    long_term_data: dict | None = None


_services_lock = threading.Lock()
_services: _Services | None = None


def _services_for(identity: SigningIdentity) -> _Services:
    global _services
    key = (identity, settings.PDF_SIGNING_TSA_URL, settings.PDF_SIGNING_TSA_TIMEOUT, settings.PDF_SIGNING_TRUST_ROOTS)
    with _services_lock:
        current = _services
        if current and current.key == key and time.monotonic() - current.made_at < \
                settings.PDF_SIGNING_REVOCATION_REFRESH_SECONDS:
            return current
        from pyhanko_certvalidator import ValidationContext
        from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

        timeout = settings.PDF_SIGNING_TSA_TIMEOUT
        timestamper = _timestamper_class()(settings.PDF_SIGNING_TSA_URL, timeout=timeout) \
            if settings.PDF_SIGNING_TSA_URL else None
        context = None
        if not identity.development:
            # Hard fail: a responder that cannot be reached stops the signature rather than leave it without the
            # revocation data that long-term validation needs.
            context = ValidationContext(
                trust_roots=[_asn1(root) for root in trust_roots()], allow_fetching=True, revocation_mode="hard-fail",
                fetcher_backend=RequestsFetcherBackend(per_request_timeout=timeout))
        _services = _Services(timestamper, context, time.monotonic(), key)
        return _services


def _unreachable(exc: BaseException) -> bool:
    """Whether the error, or one it came from, is a service that did not answer (or answered nonsense)."""
    import requests
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko_certvalidator.errors import InsufficientRevinfoError

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, TimestampRequestError | requests.RequestException | OSError | TimeoutError
                      | InsufficientRevinfoError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def sign_pdf(pdf: bytes, *, reason: str, location: str = "") -> SignedPdf:
    """Sign the PDF as PAdES; SigningUnavailable when the TSA or a revocation service does not answer.

    Any other failure (a key that does not sign, a PDF pyHanko cannot read) goes up as it is: retrying would not
    help, and nothing unsigned is ever returned in place of the signed PDF."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference

    identity = signing_identity()
    services = _services_for(identity)
    long_term = services.validation_context is not None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    validate_now = long_term and services.long_term_data is None
    if long_term and not validate_now:
        from pyhanko.sign.validation.dss import DocumentSecurityStore

        DocumentSecurityStore.supply_dss_in_writer(writer, None, **services.long_term_data)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason or None, location=location or None, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, embed_validation_info=validate_now,
        validation_context=services.validation_context if validate_now else None,
        signer_key_usage={"digital_signature", "non_repudiation"},
        # The revocation data goes into the signed revision: the signature then covers the whole file, and a
        # validator that reads only the last revision (poppler's pdfsig) sees it as "total document signed".
        dss_settings=DSSContentSettings(placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False),
    )
    output = io.BytesIO()
    pdf_signer = signers.PdfSigner(metadata, signer=_signer(identity), timestamper=services.timestamper,
                                   new_field_spec=fields.SigFieldSpec(FIELD_NAME))
    try:
        outside_event_loop(lambda: pdf_signer.sign_pdf(writer, output=output, bytes_reserved=services.bytes_reserved))
    except Exception as exc:
        if _unreachable(exc):
            raise SigningUnavailable(_reason(exc)) from exc
        raise
    signed = output.getvalue()
    if services.bytes_reserved is None:
        services.bytes_reserved = _reserved(signed)
    if validate_now:
        services.long_term_data = _long_term_data(signed)
    return SignedPdf(signed, timestamped=services.timestamper is not None)


def _long_term_data(signed: bytes) -> dict:
    """The certificates, OCSP responses and CRLs the signature just embedded in the document security store."""
    from asn1crypto import crl, ocsp
    from pyhanko.pdf_utils.decode_limits import DecodePurpose
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    dss = DocumentSecurityStore.read_dss(PdfFileReader(io.BytesIO(signed)))
    return {
        "certs": list(dss.load_certs()),
        "ocsps": [ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE)) for ref in dss.ocsps],
        "crls": [crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL)) for ref in dss.crls],
    }


def _reserved(signed: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    [signature] = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    return 2 * len(signature.sig_object["/Contents"])  # counted in hexadecimal digits, as the PDF writes it


def _reason(exc: BaseException) -> str:
    """What the person waiting for the PDF is told, as a message id their page translates."""
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    logger.warning("Signing postponed: %r", exc)
    cause = exc
    while cause is not None:
        if isinstance(cause, TimestampRequestError):
            return TSA_UNAVAILABLE
        cause = cause.__cause__ or cause.__context__
    return REVOCATION_UNAVAILABLE
