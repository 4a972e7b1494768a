"""Sign-in lockout rules for django-axes: per username and address, per address, and the page that says until when."""
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from core.client_ip import client_ip


def _attempts(request, username: str | None):
    """The failed attempts still counting against this address (and this username, when given)."""
    attempts = AccessAttempt.objects.filter(ip_address=client_ip(request))
    if username is not None:
        attempts = attempts.filter(username=username)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def _username_locked(request, credentials) -> bool:
    username = get_client_username(request, credentials)
    failures = _attempts(request, username).aggregate(n=Sum("failures_since_start"))["n"] or 0
    return failures >= settings.SIGN_IN_FAILURE_LIMIT


def failure_limit(request, credentials) -> int:
    """AXES_FAILURE_LIMIT: the limit that applies to this attempt.

    Axes counts failures for (username, address) and for the address alone and holds the larger against one
    limit. The address's count is never the smaller, so the per-username limit is given only once this
    username has reached it from this address; until then the higher per-address limit applies.
    """
    if _username_locked(request, credentials):
        return settings.SIGN_IN_FAILURE_LIMIT
    return settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def _locked_until(request, credentials) -> datetime | None:
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    username = get_client_username(request, credentials) if _username_locked(request, credentials) else None
    last = _attempts(request, username).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + cool_off


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, saying when the person may try again."""
    until = _locked_until(request, credentials)
    response = render(request, "accounts/locked_out.html", {"until": until}, status=settings.AXES_HTTP_RESPONSE_CODE)
    if until is not None:
        response["Retry-After"] = str(max(int((until - timezone.now()).total_seconds()), 1))
    return response


class AxesHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes's database handler, except that a successful sign-in forgets less."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        """Forget this username's failures from this address only. Axes would forget every failure from the
        address, so an attacker could clear the per-address count by signing in to their own account."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username, ip_address=client_ip(request)).delete()
        return count
