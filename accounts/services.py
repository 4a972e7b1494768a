"""Writes about people: self-registration of candidates, giving people their roles, and their second factor."""
import logging
import math

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.refusals import Refusal

from .models import User
from .roles import Role

logger = logging.getLogger(__name__)


@transaction.atomic
def candidate_register(*, form) -> User:
    """Create the account from a valid registration form and make it a candidate."""
    user = form.save()
    user_grant_role(user=user, role=Role.CANDIDATE)
    return user


def user_grant_role(*, user: User, role: Role) -> None:
    user.groups.add(Group.objects.get(name=role.value))
    user.__dict__.pop("_role_names", None)


# --- Two-factor sign-in -----------------------------------------------------------------------------------


class SecondFactorRefusal(Refusal):
    """A code that was not accepted; nothing changed but django-otp's count of wrong codes."""


def _normalise_code(code: str) -> str:
    return "".join((code or "").split()).lower()


def _verify(device, code: str) -> None:
    """Check the code on the device, locked so two requests cannot both spend one code. django-otp records a
    failure on the device (its back-off), which must outlive the refusal: the refusal is raised after the
    transaction. While the back-off lasts, no code is even tried."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, info = locked.verify_is_allowed()
        accepted = bool(allowed and locked.verify_token(code))
    if accepted:
        return
    if not allowed:
        seconds = max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))
        raise SecondFactorRefusal(
            _("Too many wrong codes. Wait %(seconds)s seconds, then enter the code your app shows at that time."),
            code="throttled", params={"seconds": seconds}, status=429)
    raise _wrong_code()


def _wrong_code() -> SecondFactorRefusal:
    return SecondFactorRefusal(
        _("That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your "
          "recovery codes."), code="wrong_code")


def second_factor_verify(*, user: User, code: str) -> str:
    """Accept a code from the person's authenticator app ("totp") or one of their recovery codes, which is
    spent ("recovery"); refuse anything else."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = _normalise_code(code)
    how = "totp" if code.isdigit() else "recovery"
    model = TOTPDevice if how == "totp" else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    try:
        if device is None:
            raise _wrong_code()
        _verify(device, code)
    except SecondFactorRefusal as exc:
        logger.warning("Second factor refused for user %s (%s code: %s)", user.pk, how, exc.code)
        raise
    return how


@transaction.atomic
def totp_enrolment_begin(*, user: User):
    """Start setting up an authenticator app: a new secret, unconfirmed until a code from the app proves it was
    copied; an earlier unfinished one is dropped, the app in use (if any) is kept until then."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def totp_enrolment_confirm(*, user: User, code: str) -> list[str]:
    """Confirm the app being set up with a code from it: it replaces any earlier app, and the person gets a new
    set of recovery codes (returned, to be shown once)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is None:
        raise SecondFactorRefusal(_("Start setting up the authenticator app again: the code shown before is no "
                                    "longer waiting."), code="no_pending", status=409)
    try:
        _verify(pending, _normalise_code(code))
    except SecondFactorRefusal as exc:
        if exc.code != "wrong_code":
            raise
        raise SecondFactorRefusal(_("That code is not right. Enter the 6-digit code the app shows now for this "
                                    "portal, after scanning the QR code or typing in the key."),
                                  code="wrong_code") from None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        TOTPDevice.objects.filter(pk=pending.pk).update(confirmed=True)
        return _recovery_codes_replace(user=user)


def _recovery_codes_replace(*, user: User) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _n in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=token) for token in codes])
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """A new set of recovery codes in place of the old ones, which stop working; only with an app set up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise SecondFactorRefusal(_("Set up an authenticator app first; recovery codes come with it."),
                                  code="no_device", status=409)
    return _recovery_codes_replace(user=user)


@transaction.atomic
def second_factor_remove(*, user: User) -> None:
    """Remove the authenticator app and the recovery codes. Staff must set up a new app before going on."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
