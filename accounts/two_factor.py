"""Two-factor sign-in: whether a session has passed its second factor, what a person has set up, and the one
middleware that keeps everyone who owes a second factor on its pages until they pass it.

A session has passed when `request.session[SECOND_FACTOR_SESSION_KEY]` is truthy: "totp" or "recovery" after a
good code here, "oidc" when an identity provider asserts it checked a second factor itself. Signing out, or in as
someone else, starts a new session that has not.
"""
from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import must_use_second_factor

SECOND_FACTOR_SESSION_KEY = "second_factor"

# What someone who still owes the second factor may open: its own pages, signing in and out, the language
# switch and what a monitor or the browser asks for by itself.
OPEN_BEFORE_SECOND_FACTOR = frozenset({
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "accounts:two_factor_enrol_confirm",
    "accounts:login",
    "accounts:logout",
    "admin:logout",
    "set_language",
    "portal:healthz",
    "portal:favicon",
})


# --- The session ------------------------------------------------------------------------------------------


def second_factor_passed(request) -> bool:
    return bool(request.session.get(SECOND_FACTOR_SESSION_KEY))


def second_factor_mark(request, how: str) -> None:
    """Record that the session passed the second factor; the session gets a new key, as at sign-in, so a key
    seen before the code was entered is worth nothing after."""
    request.session.cycle_key()
    request.session[SECOND_FACTOR_SESSION_KEY] = how


def second_factor_forget(request) -> None:
    request.session.pop(SECOND_FACTOR_SESSION_KEY, None)


# --- What a person has set up -----------------------------------------------------------------------------


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def pending_totp_device(user) -> TOTPDevice | None:
    """The authenticator app being set up: shown as a QR code until a code from it confirms it."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_due(user) -> bool:
    """Whether the person must pass a second factor: staff always, anyone else once they have set one up."""
    if must_use_second_factor(user):
        return True
    known = getattr(user, "_has_confirmed_totp", None)  # loaded with the person (accounts/backends.py)
    if known is not None:
        return known
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI, which the site's CSP allows for images."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


# --- Where to go next -------------------------------------------------------------------------------------


def safe_next(request, default: str = "portal:home") -> str:
    """The `next` address of the request when it is on this site, else the default page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return wanted
    return reverse(default)


def with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# --- The gate ---------------------------------------------------------------------------------------------


class SecondFactorMiddleware:
    """Sends anyone signed in who owes a second factor to enrol (no authenticator app yet) or to enter a code,
    from every page but those in OPEN_BEFORE_SECOND_FACTOR; Django's admin included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._stopped(request):
            user = request.user
            next_url = request.get_full_path() if request.method == "GET" else ""
            if confirmed_totp_device(user) is None:
                return redirect(with_next("accounts:two_factor_enrol", next_url))
            return redirect(with_next("accounts:two_factor_verify", next_url))
        return self.get_response(request)

    @staticmethod
    def _stopped(request) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return False
        user = getattr(request, "user", None)
        # Who owes a code is asked first: resolving the address is work most requests need not do.
        if user is None or not user.is_authenticated or second_factor_passed(request) or not second_factor_due(user):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.view_name not in OPEN_BEFORE_SECOND_FACTOR
