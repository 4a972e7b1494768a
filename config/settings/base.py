"""Settings shared by every environment, read from the environment with embedded local defaults."""
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only local and test settings give SECRET_KEY a default; production requires a real one.
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo accounts exist only where this is true (never in production).
DEMO_MODE = env.bool("DEMO_MODE", default=False)
DEMO_PASSWORD = env("DEMO_PASSWORD", default="demo-pass-2569")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "accounts.apps.SignInLockoutsConfig",  # django-axes, named in Thai in the admin
    "csp",
    # Two-factor sign-in: authenticator-app codes (TOTP) and single-use recovery codes (accounts/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "portal",
    "accounts",
    "competency",
    "assessments",
    "evidence",
    "blueprints",
    "exams",
    "judging",
    "authoring",
    "appeals",
    "privacy",
    "certificates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Turns a failed database connection in a view into a translated 503 page (after LocaleMiddleware chose the language).
    "portal.outage.DatabaseOutageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff (and candidates who opted in) who signed in with a password see nothing else until they pass the
    # second factor; after authentication, which it reads, and messages, which its pages show.
    "accounts.two_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP middleware: adds the sign-in providers' origins to form-action (accounts/oidc.py).
    "accounts.oidc.provider_form_action_middleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Must stay last: it reads the outcome of authentication for throttling.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

if not env("DATABASE_URL", default=""):
    # The embedded default keeps its SQLite file under var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
# Persistent connections, checked before reuse so a restarted database costs one failed check, not an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles any query it estimates as costly: on the queue, allocation and dashboard pages
    # (200,000 cases) compiling took 300–500 ms of a query that runs in 100 ms. Pages never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalModelBackend",
]
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# The proxies in front of the portal (addresses or networks, comma-separated; none by default). Only a request
# from one of them has its X-Forwarded-For read for the client's address (core/client_ip.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# Sign-in throttling (django-axes): a username from one address is locked out after 5 failures, and an address
# after 20 failures whatever the usernames; the same person elsewhere can still sign in (accounts/lockout.py).
SIGN_IN_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_FAILURE_LIMIT = "accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "accounts.lockout.AxesHandler"

# Two-factor sign-in: the name authenticator apps show beside the account, and django-otp's back-off after a wrong
# code (1, 2, 4, 8 … seconds per further failure, times this factor), for app codes and recovery codes alike.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="DG-EJJM-026 Portal")
OTP_TOTP_THROTTLE_FACTOR = env.int("OTP_THROTTLE_FACTOR", default=1)
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR
# How many recovery codes a person is given at once.
TWO_FACTOR_RECOVERY_CODES = 10

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

_email = env.email("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="DG-EJJM-026 Portal <no-reply@localhost>")

# Celery: Redis when REDIS_URL is set, else kombu's filesystem transport under var/ (no server needed).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_FILESYSTEM_DIR = VAR_DIR / "celery" / "queue"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
    if REDIS_URL
    else {
        "data_folder_in": str(CELERY_BROKER_FILESYSTEM_DIR),
        "data_folder_out": str(CELERY_BROKER_FILESYSTEM_DIR),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
)
# Outcomes live on the portal's own rows (pending/ready/failed), so no result backend is needed.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TIMEZONE = TIME_ZONE

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Everything is served from the portal itself: no inline script or style is ever allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The HR API (certificates/api.py): its views name their own token authentication and per-token throttle.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Requests a token may make, counted in the shared "throttle" cache across every web process.
    "DEFAULT_THROTTLE_RATES": {"hr_api": env("HR_API_THROTTLE_RATE", default="120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DG-EJJM-026 portal: certificates API for HR systems",
    "DESCRIPTION": "Read-only. Send `Authorization: Bearer <token>` with a token an administrator issued; "
                   "it reads what its user may read on the HR desk.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from drf-spectacular-sidecar's static files: the CSP allows no other host.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No validator badge: it would fetch an image from another host.
    # Without deep links Swagger UI draws no link inside each operation's button (nested controls fail WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Written exam: answers in flight are accepted this long after the deadline; items are analysed once
# this many people have answered them.
EXAM_GRACE_SECONDS = env.int("EXAM_GRACE_SECONDS", default=30)
EXAM_ANALYSIS_MIN_RESPONSES = env.int("EXAM_ANALYSIS_MIN_RESPONSES", default=20)

# Judging: how long a case stays locked to the assessor working on it, second marking, allocation.
JUDGING_LEASE_MINUTES = env.int("JUDGING_LEASE_MINUTES", default=30)
MODERATION_MODE = env("MODERATION_MODE", default="sample")  # "all", "sample" or "none"
MODERATION_SAMPLE_PERCENT = env.int("MODERATION_SAMPLE_PERCENT", default=20)
ALLOCATION_BY_HR_OFFICERS = env.bool("ALLOCATION_BY_HR_OFFICERS", default=False)
# Appeals: a candidate may appeal a released decision for this many days after its release.
APPEAL_WINDOW_DAYS = env.int("APPEAL_WINDOW_DAYS", default=30)

# Evidence uploads: files stream to a temporary file (never whole in memory) and stop at the limit.
EVIDENCE_MAX_FILE_BYTES = env.int("EVIDENCE_MAX_FILE_BYTES", default=20 * 1024 * 1024)
EVIDENCE_CASE_QUOTA_BYTES = env.int("EVIDENCE_CASE_QUOTA_BYTES", default=200 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "evidence.upload_handlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    # Django's TemporaryFileUploadHandler, made to refuse a file cleanly when the temporary disk is full.
    "evidence.upload_handlers.NoRoomAwareTemporaryFileUploadHandler",
]
# PDPA: evidence files of closed cases are removed after this many years (manage.py purge_evidence_files).
EVIDENCE_RETENTION_YEARS = env.int("EVIDENCE_RETENTION_YEARS", default=5)
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR", default=None)
FILE_UPLOAD_PERMISSIONS = 0o640

# Uploaded files on S3-compatible storage when a bucket is configured, so several web servers share them.
if env("MEDIA_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("MEDIA_S3_BUCKET"),
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default=None),
            "access_key": env("MEDIA_S3_ACCESS_KEY", default=None),
            "secret_key": env("MEDIA_S3_SECRET_KEY", default=None),
            "region_name": env("MEDIA_S3_REGION", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Certificates: expiry, the address printed in QR codes, the Open Badges signing key, throttling and bulk downloads.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
CERTIFICATE_VALIDITY_YEARS = env.int("CERTIFICATE_VALIDITY_YEARS", default=3)  # 0: certificates never expire
# An Ed25519 private key in PEM. Without one, DEBUG or DEMO_MODE generate a development key under var/;
# anywhere else signing a credential refuses to run.
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")
# An Open Badge's `credentialStatus` names both Bitstring Status Lists, revocation and suspension, so a wallet sees a
# suspension too. 1EdTech's Open Badges 3.0 JSON Schema allows a single status there: False keeps only the revocation
# entry, for a credential that passes that schema (and 1EdTech's validator) to the letter.
OPEN_BADGE_SUSPENSION_STATUS = env.bool("OPEN_BADGE_SUSPENSION_STATUS", default=True)

# The PAdES signature on certificate PDFs (and on reports and blueprint documents where asked): the agency's key and
# certificate chain as PKCS#12, an RFC 3161 time-stamping authority, and the roots the verification page trusts
# (by default the root the PKCS#12 carries). Production refuses to start without a readable key and a TSA; DEBUG or
# DEMO_MODE without a key sign with a local CA made once under var/signing/, with no timestamp unless a TSA is set.
PDF_SIGNING_PKCS12 = env("PDF_SIGNING_PKCS12", default="")
PDF_SIGNING_PKCS12_PASSPHRASE = env("PDF_SIGNING_PKCS12_PASSPHRASE", default="")
PDF_SIGNING_TSA_URL = env("PDF_SIGNING_TSA_URL", default="")
PDF_SIGNING_TSA_TIMEOUT = env.int("PDF_SIGNING_TSA_TIMEOUT", default=10)  # seconds, also for OCSP and CRL fetches
PDF_SIGNING_TRUST_ROOTS = env("PDF_SIGNING_TRUST_ROOTS", default="")  # a PEM file of root certificates
# OCSP responses and CRLs embedded for long-term validation are fetched again after this many seconds.
PDF_SIGNING_REVOCATION_REFRESH_SECONDS = env.int("PDF_SIGNING_REVOCATION_REFRESH_SECONDS", default=300)
PDF_SIGNING_DEVELOPMENT_DIR = VAR_DIR / "signing"
SIGN_REPORTS = env.bool("SIGN_REPORTS", default=False)
SIGN_BLUEPRINT_DOCUMENTS = env.bool("SIGN_BLUEPRINT_DOCUMENTS", default=False)
# The largest PDF the verification page accepts for checking (bytes); it is read in memory and never stored.
CERTIFICATE_VERIFY_PDF_MAX_BYTES = env.int("CERTIFICATE_VERIFY_PDF_MAX_BYTES", default=10 * 1024 * 1024)
# Recertification: the holder is emailed, and offered to recertify, this many months before the expiry date; the
# new case asks for the whole unit again ("unit") or only the written exam, the portfolio carried over ("exam").
CERTIFICATE_RENEWAL_NOTICE_MONTHS = env.int("CERTIFICATE_RENEWAL_NOTICE_MONTHS", default=6)
RECERTIFICATION_SCOPE = env("RECERTIFICATION_SCOPE", default="unit")
if RECERTIFICATION_SCOPE not in ("unit", "exam"):
    raise ImproperlyConfigured('RECERTIFICATION_SCOPE must be "unit" or "exam".')
CERTIFICATE_VERIFY_LIMIT_PER_MINUTE = env.int("CERTIFICATE_VERIFY_LIMIT_PER_MINUTE", default=30)
CERTIFICATE_BULK_MAX = env.int("CERTIFICATE_BULK_MAX", default=10_000)
CERTIFICATE_BULK_LINK_HOURS = env.int("CERTIFICATE_BULK_LINK_HOURS", default=24)
CERTIFICATE_EXPORT_MAX_ROWS = env.int("CERTIFICATE_EXPORT_MAX_ROWS", default=100_000)
# A job still owed this long after it was queued is queued again by beat: its message may have been lost with a
# Redis restart. Jobs owed for longer than the look-back are left to people (an email days late helps no one).
JOB_LOST_AFTER_MINUTES = env.int("JOB_LOST_AFTER_MINUTES", default=30)
JOB_LOOKBACK_DAYS = env.int("JOB_LOOKBACK_DAYS", default=3)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Shared by every web process, so request limits count each request once: Redis, else a database table
    # (`manage.py createcachetable`) with an increment that two workers cannot interleave.
    "throttle": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "throttle"}
        if REDIS_URL
        else {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "portal_throttle_cache",
              "OPTIONS": {"MAX_ENTRIES": 50_000}}
    ),
}
# Sessions are read on every request and written seldom: with Redis, reads come from it and writes go to both
# (core/sessions.py); while Redis is away, reads come from the database.
if REDIS_URL:
    CACHES["sessions"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "sessions", "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    SESSION_ENGINE = "core.sessions"
    SESSION_CACHE_ALIAS = "sessions"
# django-ratelimit keeps its counts there. It is used as a library, not an installed app: its system check
# knows neither Django's own Redis cache nor the atomic database cache above.
RATELIMIT_USE_CACHE = "throttle"
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
# Run by a worker started with -B (or a separate `celery -A config beat`).
CELERY_BEAT_SCHEDULE = {
    "requeue-lost-jobs": {"task": "portal.tasks.requeue_lost_jobs", "schedule": 300.0},
    "certificates-purge-expired-downloads": {"task": "certificates.tasks.purge_expired_downloads", "schedule": 3600.0},
    # Holders whose certificates come within the notice period are emailed once; hourly, so a missed run is caught up.
    "certificates-send-renewal-notices": {"task": "certificates.tasks.send_renewal_notices", "schedule": 3600.0},
    # Exams: every 30 s, submit the attempts whose deadline and grace period have passed, with what was saved, even
    # when no browser is open; a run queued but not started within 25 s is dropped.
    "exams-close-overdue-attempts": {
        "task": "exams.tasks.close_overdue_attempts",
        "schedule": 30.0,
        "options": {"expires": 25},
    },
}

# Sign-in through OpenID Connect providers (accounts/oidc.py). OIDC_PROVIDERS names them, e.g. "thaid,dga"; each
# is then read from OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _SCOPES, _ASSURANCE_CLAIM (the claim holding the
# identity-assurance level), _NATIONAL_ID_CLAIM, _DISPLAY_NAME and _MFA_ACR (an acr at or above which the provider's
# sign-in counts as two-factor). None configured: the sign-in page offers passwords only, as before.
def _oidc_provider(name: str) -> dict:
    prefix = f"OIDC_{name.upper()}_"
    return {
        "slug": name.lower(),
        "display_name": env(prefix + "DISPLAY_NAME", default="ThaID" if name.lower() == "thaid" else name),
        "issuer": env(prefix + "ISSUER").rstrip("/"),
        "client_id": env(prefix + "CLIENT_ID"),
        "client_secret": env(prefix + "CLIENT_SECRET"),
        "scopes": env(prefix + "SCOPES", default="openid email profile"),
        "assurance_claim": env(prefix + "ASSURANCE_CLAIM", default="ial" if name.lower() == "thaid" else "acr"),
        "national_id_claim": env(prefix + "NATIONAL_ID_CLAIM", default="pid" if name.lower() == "thaid" else ""),
        "mfa_acr": env(prefix + "MFA_ACR", default=""),
    }


OIDC_PROVIDERS = [_oidc_provider(name) for name in env.list("OIDC_PROVIDERS", default=[])]
# Seconds to wait for a provider before telling the person it does not answer.
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
# The national ID number is kept only as HMAC-SHA256 with this key, to find the person again; never as such.
NATIONAL_ID_HMAC_KEY = env("NATIONAL_ID_HMAC_KEY", default="")
# Assurance levels from lowest to highest (ThaID's IAL by default), and the least a session needs to start the written
# exam and to collect a certificate; empty: no requirement. Below it, the candidate is asked to sign in with ThaID again.
ASSURANCE_LEVELS = env.list("ASSURANCE_LEVELS", default=["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3"])
MIN_ASSURANCE_EXAM_START = env("MIN_ASSURANCE_EXAM_START", default="") or None
MIN_ASSURANCE_CERTIFICATE_COLLECTION = env("MIN_ASSURANCE_CERTIFICATE_COLLECTION", default="") or None
for _level in (MIN_ASSURANCE_EXAM_START, MIN_ASSURANCE_CERTIFICATE_COLLECTION):
    if _level is not None and _level not in ASSURANCE_LEVELS:
        raise ImproperlyConfigured(f"Assurance level {_level!r} is not one of ASSURANCE_LEVELS.")
# How long an administrator's invitation to link a sign-in, and an e-mailed link confirmation, stay valid.
OIDC_LINK_INVITATION_DAYS = env.int("OIDC_LINK_INVITATION_DAYS", default=14)
OIDC_LINK_CONFIRMATION_HOURS = env.int("OIDC_LINK_CONFIRMATION_HOURS", default=24)
