"""OpenID Connect sign-in with mozilla-django-oidc: providers from settings, discovery, and the checks on what they send.

mozilla-django-oidc makes the authorisation request (state, nonce, PKCE S256), exchanges the code and checks the ID
token's signature against the provider's keys and its nonce. It is made to serve several providers, each found
through its `.well-known/openid-configuration`, and to check the token's issuer, audience and expiry as well.
Every failure is a `SignInRefused` naming its reason; nothing here writes to the database.
"""
import logging
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from .permissions import assurance_at_least

logger = logging.getLogger("accounts.oidc")

CALLBACK_URL_NAME = "oidc:callback"
STATES_SESSION_KEY = "oidc_states"  # mozilla-django-oidc's own key for pending state, nonce and code verifier
DISCOVERY_CACHE_SECONDS = 300
# amr values (RFC 8176) that say the provider asked for more than one factor.
MULTI_FACTOR_AMR = {"mfa", "otp", "hwk", "swk"}

REASONS = {
    "provider_down": _("The sign-in service did not answer. Nothing was changed; please try again in a few minutes."),
    "state": _("This sign-in request is not valid or was already used. Nothing was changed; please start signing "
               "in again."),
    "denied": _("The sign-in service did not sign you in. Nothing was changed; please try again."),
    "code_rejected": _("The sign-in service refused this sign-in, which may have been used already. Nothing was "
                       "changed; please start signing in again."),
    "issuer": _("The sign-in came from a service this portal does not know. Nothing was changed."),
    "token_invalid": _("The proof of identity from the sign-in service could not be verified: it was altered, "
                       "replayed or is not meant for this portal. Nothing was changed; please sign in again."),
    "token_expired": _("The proof of identity from the sign-in service has expired. Nothing was changed; please "
                       "sign in again."),
    "inactive": _("This account is closed. Please contact the portal's administrator."),
}


class SignInRefused(Exception):
    """A sign-in through a provider that is refused; `reason` is a key of REASONS, `message` what the person reads."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.provider = ""

    @property
    def message(self) -> str:
        return str(REASONS[self.reason])


@dataclass(frozen=True)
class Provider:
    slug: str
    display_name: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    assurance_claim: str
    national_id_claim: str
    mfa_acr: str

    @property
    def is_thaid(self) -> bool:
        return self.slug == "thaid"


def providers() -> list[Provider]:
    """The configured providers, ThaID first."""
    found = [Provider(**{field: entry.get(field, "") for field in Provider.__dataclass_fields__})
             for entry in settings.OIDC_PROVIDERS]
    return sorted(found, key=lambda provider: not provider.is_thaid)


def provider_named(slug: str) -> Provider:
    for provider in providers():
        if provider.slug == slug:
            return provider
    raise Http404("No such sign-in provider")


def discover(provider: Provider) -> dict:
    """The provider's metadata from its `.well-known/openid-configuration`, which must name the configured issuer."""
    key = f"oidc-discovery:{provider.issuer}"
    metadata = cache.get(key)
    if metadata is None:
        try:
            response = requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            metadata = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise SignInRefused("provider_down", str(exc)) from exc
        if metadata.get("issuer", "").rstrip("/") != provider.issuer:
            raise SignInRefused("issuer", f"discovery names {metadata.get('issuer')!r}")
        cache.set(key, metadata, DISCOVERY_CACHE_SECONDS)
    return metadata


class _AuthorizationRequest(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's authorisation request, for one provider instead of the one in settings."""

    def __init__(self, provider: Provider, metadata: dict):
        self.provider = provider
        self.OIDC_OP_AUTH_ENDPOINT = metadata["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = provider.client_id

    def get_settings(self, attr, *args):
        values = {
            "OIDC_RP_SCOPES": self.provider.scopes,
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
            "OIDC_REDIRECT_FIELD_NAME": "next",
        }
        if attr in values:
            return values[attr]
        return super().get_settings(attr, *args)


def authorization_redirect(request, provider: Provider, **extra) -> str:
    """The provider's authorisation address for this person; the state entry remembers the provider and `extra`."""
    metadata = discover(provider)
    response = _AuthorizationRequest(provider, metadata).get(request)
    url = response["Location"]
    state = parse_qs(urlparse(url).query)["state"][0]
    states = request.session[STATES_SESSION_KEY]
    states[state].update(provider=provider.slug, next=request.session.pop("oidc_login_next", None), **extra)
    request.session[STATES_SESSION_KEY] = states
    return url


class _TokenClient(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code exchange and ID token checks for one provider, with issuer, audience and expiry
    checked too (the library leaves the audience unchecked and has no issuer to check against)."""

    def __init__(self, provider: Provider, metadata: dict):
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    def get_settings(self, attr, *args):
        values = {"OIDC_USE_NONCE": True, "OIDC_TIMEOUT": settings.OIDC_TIMEOUT, "OIDC_ALLOW_UNSECURED_JWT": False}
        if attr in values:
            return values[attr]
        return super().get_settings(attr, *args)

    def _verify_jws(self, payload, key):
        if jwt.get_unverified_header(payload).get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignInRefused("token_invalid", "unexpected signing algorithm")
        try:
            return jwt.decode(payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.provider.client_id,
                              issuer=self.provider.issuer, options={"require": ["exp", "iat", "iss", "aud", "sub"]})
        except jwt.ExpiredSignatureError as exc:
            raise SignInRefused("token_expired", str(exc)) from exc
        except jwt.InvalidIssuerError as exc:
            raise SignInRefused("issuer", str(exc)) from exc
        except jwt.InvalidTokenError as exc:
            raise SignInRefused("token_invalid", str(exc)) from exc

    def verify_token(self, token, **kwargs):
        """mozilla-django-oidc's check of the token's signature and nonce, with its raw payload as the claims."""
        try:
            return super().verify_token(token, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, KeyError, ValueError) as exc:
            # A malformed token (no header, no kid, not JSON) is as untrustworthy as a forged one.
            raise SignInRefused("token_invalid", str(exc)) from exc


def verified_claims(request) -> tuple[Provider, dict, dict]:
    """Check the provider's answer at the callback and return (provider, ID token claims, state entry).

    The state is used once whatever happens next, so a replayed answer is refused."""
    state = request.GET.get("state", "")
    states = request.session.get(STATES_SESSION_KEY, {})
    entry = states.pop(state, None) if state else None
    request.session[STATES_SESSION_KEY] = states
    request.session.save()
    if entry is None or "provider" not in entry:
        raise SignInRefused("state", "unknown state")
    try:
        provider = provider_named(entry["provider"])
    except Http404 as exc:
        raise SignInRefused("state", "provider no longer configured") from exc
    try:
        claims = _answer_checked(request, provider, entry)
    except SignInRefused as exc:
        exc.provider = provider.slug
        raise
    return provider, claims, entry


def _answer_checked(request, provider: Provider, entry: dict) -> dict:
    if request.GET.get("error"):
        raise SignInRefused("denied", request.GET.get("error"))
    # RFC 9207: the answer names its issuer, so an answer from another provider cannot pass as this one's.
    if "iss" in request.GET and request.GET["iss"].rstrip("/") != provider.issuer:
        raise SignInRefused("issuer", f"answer from {request.GET['iss']!r}")
    code = request.GET.get("code")
    if not code:
        raise SignInRefused("state", "no code")
    metadata = discover(provider)
    client = _TokenClient(provider, metadata)
    client.request = request
    token_request = {
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": request.build_absolute_uri(_callback_path()),
        "code_verifier": entry.get("code_verifier"),
    }
    try:
        tokens = client.get_token(token_request)
    except requests.HTTPError as exc:
        raise SignInRefused("code_rejected", str(exc)) from exc
    except (requests.RequestException, ValueError) as exc:
        raise SignInRefused("provider_down", str(exc)) from exc
    if not tokens.get("id_token"):
        raise SignInRefused("token_invalid", "no ID token")
    try:
        claims = client.verify_token(tokens["id_token"], nonce=entry.get("nonce"))
    except requests.RequestException as exc:
        raise SignInRefused("provider_down", str(exc)) from exc
    return claims


def _callback_path() -> str:
    from django.urls import reverse

    return reverse(CALLBACK_URL_NAME)


def is_multi_factor(provider: Provider, claims: dict) -> bool:
    """Whether the provider says it asked for more than one factor: an amr value (RFC 8176), or an acr at or above
    the one configured for it."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if MULTI_FACTOR_AMR & set(amr):
        return True
    return bool(provider.mfa_acr) and assurance_at_least(str(claims.get("acr", "")), provider.mfa_acr)


def end_session_url(request, provider_slug: str) -> str | None:
    """Where to send the person to sign out at the provider too (RP-initiated logout), or None if it offers none.

    The ID token is not kept (it carries the national ID), so the provider is told the client instead of given it."""
    try:
        provider = provider_named(provider_slug)
        endpoint = discover(provider).get("end_session_endpoint")
    except (Http404, SignInRefused):
        return None
    if not endpoint:
        return None
    after = request.build_absolute_uri(_resolve(settings.LOGOUT_REDIRECT_URL))
    return f"{endpoint}?{urlencode({'client_id': provider.client_id, 'post_logout_redirect_uri': after})}"


def _resolve(name: str) -> str:
    from django.shortcuts import resolve_url

    return resolve_url(name)


def provider_form_action_middleware(get_response):
    """Let the portal's forms lead to the configured providers: the ThaID button and the sign-out form answer with a
    redirect there, which the CSP's form-action 'self' would otherwise stop in the browser."""

    def middleware(request):
        response = get_response(request)
        origins = sorted({"{0.scheme}://{0.netloc}".format(urlparse(p.issuer)) for p in providers()})
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response

    return middleware
