"""Who signs the portal's PDFs and whom verifiers trust: the agency's PKCS#12 from settings, or in development and
demo mode a local CA made once under var/signing/.

Kept free of Django's settings at import time: production settings use `pkcs12_load` to refuse to start with a
missing, unreadable or wrong key, and both the signer (core.pdf_signing) and the verifier read the trust roots
from here."""
import datetime
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_FILE = "development-signer.p12"


@dataclass(frozen=True)
class SigningIdentity:
    """The signing key's PKCS#12 file and passphrase, its certificate chain, and whether it is the local CA."""

    path: Path
    passphrase: bytes | None
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    development: bool

    @property
    def root(self) -> x509.Certificate | None:
        """The self-issued certificate at the top of the chain, when the PKCS#12 carries it."""
        for candidate in (self.certificate, *self.chain):
            if candidate.issuer == candidate.subject:
                return candidate
        return None


def pkcs12_load(path: str | Path, passphrase: str | bytes | None) -> SigningIdentity:
    """Read and check a PKCS#12 file; ImproperlyConfigured says plainly what is wrong with it."""
    if not path:
        raise ImproperlyConfigured("PDF_SIGNING_PKCS12 is not set: give the path of the agency's signing key and "
                                   "certificate (PKCS#12, .p12/.pfx), and its passphrase in "
                                   "PDF_SIGNING_PKCS12_PASSPHRASE.")
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(f"PDF_SIGNING_PKCS12: cannot read {path}: {exc.strerror or exc}.") from exc
    secret = passphrase.encode() if isinstance(passphrase, str) else passphrase
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, secret or None)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"PDF_SIGNING_PKCS12: {path} could not be opened: it is not a PKCS#12 file, or "
            "PDF_SIGNING_PKCS12_PASSPHRASE is wrong.") from exc
    if key is None or certificate is None:
        raise ImproperlyConfigured(f"PDF_SIGNING_PKCS12: {path} must hold both the private key and its certificate.")
    if certificate.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo) != \
            key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        raise ImproperlyConfigured(f"PDF_SIGNING_PKCS12: the certificate in {path} is not the one of its private key.")
    now = datetime.datetime.now(datetime.UTC)
    if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
        raise ImproperlyConfigured(
            f"PDF_SIGNING_PKCS12: the signing certificate in {path} is valid only from "
            f"{certificate.not_valid_before_utc:%Y-%m-%d} to {certificate.not_valid_after_utc:%Y-%m-%d}.")
    return SigningIdentity(path=path, passphrase=secret or None, certificate=certificate, chain=tuple(chain),
                           development=False)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "DG-EJJM-026 portal (development only)"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _development_pkcs12() -> bytes:
    """A root CA and a document-signing certificate it issues, packed with the key; for development only."""
    now = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("Development root CA")
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate = (x509.CertificateBuilder().subject_name(_name("Development document signer"))
                   .issuer_name(root_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365 * 10))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                                crl_sign=False, encipher_only=False, decipher_only=False),
                                  critical=True)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                                  critical=False)
                   .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                   .sign(root_key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"development-signer", key, certificate, [root],
                                                 serialization.NoEncryption())


def development_identity(directory: Path) -> SigningIdentity:
    """The local CA's signer under `directory`, made the first time it is asked for."""
    path = directory / DEVELOPMENT_FILE
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        # Written whole and renamed into place: two workers starting at once keep one CA, never a torn file.
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(_development_pkcs12())
        partial.chmod(0o600)
        os.replace(partial, path)
    identity = pkcs12_load(path, None)
    return SigningIdentity(path=identity.path, passphrase=None, certificate=identity.certificate,
                           chain=identity.chain, development=True)


@lru_cache(maxsize=4)
def _identity(path: str, passphrase: str, development_directory: str, development_allowed: bool) -> SigningIdentity:
    if path or not development_allowed:
        return pkcs12_load(path, passphrase)
    return development_identity(Path(development_directory))


def signing_identity() -> SigningIdentity:
    """The configured identity; without one, in DEBUG or DEMO_MODE, the local CA's (anywhere else: refused)."""
    from django.conf import settings

    return _identity(settings.PDF_SIGNING_PKCS12, settings.PDF_SIGNING_PKCS12_PASSPHRASE,
                     str(settings.PDF_SIGNING_DEVELOPMENT_DIR), bool(settings.DEBUG or settings.DEMO_MODE))


@lru_cache(maxsize=4)
def _roots_from(path: str) -> tuple[x509.Certificate, ...]:
    try:
        roots = tuple(x509.load_pem_x509_certificates(Path(path).read_bytes()))
    except (OSError, ValueError) as exc:
        raise ImproperlyConfigured(f"PDF_SIGNING_TRUST_ROOTS: {path} is not a readable PEM file of certificates.") \
            from exc
    return roots


def trust_roots() -> tuple[x509.Certificate, ...]:
    """The roots a signature on the portal's PDFs must chain to: PDF_SIGNING_TRUST_ROOTS, else the signer's root."""
    from django.conf import settings

    if settings.PDF_SIGNING_TRUST_ROOTS:
        return _roots_from(settings.PDF_SIGNING_TRUST_ROOTS)
    root = signing_identity().root
    if root is None:
        raise ImproperlyConfigured("The PKCS#12 in PDF_SIGNING_PKCS12 does not carry its root certificate: set "
                                   "PDF_SIGNING_TRUST_ROOTS to a PEM file with the root it chains to.")
    return (root,)
