"""Settings for an agency's deployment: no defaults for secrets, HTTPS everywhere, no demo accounts."""
from django.core.exceptions import ImproperlyConfigured

from core.signing_identity import pkcs12_load

from . import production_values
from .base import *  # noqa: F401,F403
from .base import PDF_SIGNING_PKCS12, PDF_SIGNING_PKCS12_PASSPHRASE, PDF_SIGNING_TRUST_ROOTS, PDF_SIGNING_TSA_URL, STORAGES, env

DEBUG = False
DEMO_MODE = False

SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if OIDC_PROVIDERS and len(NATIONAL_ID_HMAC_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured("NATIONAL_ID_HMAC_KEY must be a random value of at least 32 characters in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
globals().update(production_values())  # one list of the HTTPS settings, shared with the tests
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_HTTPONLY = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Certificates are issued as signed, timestamped PDFs: a key that cannot sign must stop the portal here, not fail
# every certificate later.
if pkcs12_load(PDF_SIGNING_PKCS12, PDF_SIGNING_PKCS12_PASSPHRASE).root is None and not PDF_SIGNING_TRUST_ROOTS:
    raise ImproperlyConfigured("PDF_SIGNING_PKCS12 does not carry the root certificate of its chain: set "
                               "PDF_SIGNING_TRUST_ROOTS to a PEM file holding it.")
if not PDF_SIGNING_TSA_URL:
    raise ImproperlyConfigured("PDF_SIGNING_TSA_URL must name the RFC 3161 time-stamping authority that timestamps "
                               "certificate signatures in production.")
