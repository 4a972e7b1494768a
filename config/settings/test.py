"""Settings for the test suite: fast hashing, mail kept in memory, the real database and broker."""
from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-key-not-for-production-use-0123456789-abcdefghij")
DEMO_MODE = True
# Argon2 is the production hasher (tests check it there); MD5 keeps factories quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# Static files straight from the source folders, so tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
AXES_VERBOSE = False
# Threads of the live server and of the in-process Celery worker must not keep connections open, or the
# test database could not be dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0
NATIONAL_ID_HMAC_KEY = "test-national-id-key-not-for-production-use"
