"""Settings for running the portal on a developer's machine: debug on, demo accounts allowed."""
from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-development-key-not-for-production-use-0123456789")
DEMO_MODE = env.bool("DEMO_MODE", default=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
NATIONAL_ID_HMAC_KEY = env("NATIONAL_ID_HMAC_KEY", default="local-national-id-key-not-for-production-use")
