"""Settings for an agency's deployment: no defaults for secrets, HTTPS everywhere, no demo accounts."""
from django.core.exceptions import ImproperlyConfigured

from . import production_values
from .base import *  # noqa: F401,F403
from .base import STORAGES, env

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
