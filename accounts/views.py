"""Views for registering as a candidate and for two-factor sign-in; sign-in and passwords use Django's own views."""
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.refusals import refused

from . import two_factor
from .forms import CandidateRegistrationForm, SecondFactorCodeForm
from .permissions import must_use_second_factor
from .services import (
    SecondFactorRefusal,
    candidate_register,
    recovery_codes_regenerate,
    second_factor_remove,
    second_factor_verify,
    totp_enrolment_begin,
    totp_enrolment_confirm,
)


def register(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = CandidateRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = candidate_register(form=form)
        login(request, user, backend="accounts.backends.PortalModelBackend")
        messages.success(request, _("Welcome, %(name)s. Your candidate account is ready.") % {"name": user})
        return redirect("portal:home")
    return render(request, "accounts/register.html", {"form": form}, status=400 if form.errors else 200)


# --- Two-factor sign-in -----------------------------------------------------------------------------------


@login_required
def two_factor_verify(request):
    """Enter a code from the authenticator app, or a recovery code, to finish signing in."""
    next_url = two_factor.safe_next(request)
    if two_factor.second_factor_passed(request):
        return redirect(next_url)
    if two_factor.confirmed_totp_device(request.user) is None:
        if two_factor.second_factor_due(request.user):
            return redirect(two_factor.with_next("accounts:two_factor_enrol", next_url))
        return redirect(next_url)
    form = SecondFactorCodeForm(request.POST or None)

    def page(status=200):
        return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url}, status=status)

    if request.method == "POST" and form.is_valid():
        try:
            how = second_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except SecondFactorRefusal as exc:
            return refused(request, exc, page, form=form, field="code")
        two_factor.second_factor_mark(request, how)
        if how == "recovery":
            messages.warning(request, _("You used a recovery code; it cannot be used again. Codes left: %(count)s.")
                             % {"count": two_factor.recovery_codes_left(request.user)})
        return redirect(next_url)
    return page(400 if form.errors else 200)


def _may_set_up(request) -> bool:
    """Setting up a new app replaces the one in use: only after passing the second factor with it, or while
    the person has none (an attacker with the password alone must not swap in their own)."""
    return (two_factor.second_factor_passed(request)
            or two_factor.confirmed_totp_device(request.user) is None)


@login_required
def two_factor_enrol(request):
    """Set up an authenticator app: GET shows the QR code of the app being set up (or the start button), POST
    starts over with a new secret."""
    next_url = two_factor.safe_next(request, default="accounts:two_factor")
    if not _may_set_up(request):
        return redirect(two_factor.with_next("accounts:two_factor_verify", request.get_full_path()))
    if request.method == "POST":
        totp_enrolment_begin(user=request.user)
        return redirect(two_factor.with_next("accounts:two_factor_enrol", next_url))
    return _enrol_page(request, SecondFactorCodeForm(), next_url)


def _enrol_page(request, form, next_url, status=200):
    device = two_factor.pending_totp_device(request.user)
    context = {
        "form": form,
        "next": next_url,
        "device": device,
        "required": must_use_second_factor(request.user),
        "replacing": two_factor.confirmed_totp_device(request.user) is not None,
        "secret": two_factor.totp_secret_text(device) if device else "",
        "qr": two_factor.totp_qr_data_uri(device) if device else "",
    }
    return render(request, "accounts/two_factor_enrol.html", context, status=status)


@login_required
@require_POST
def two_factor_enrol_confirm(request):
    """Confirm the app with a code from it; the recovery codes are shown on this answer, once."""
    next_url = two_factor.safe_next(request, default="accounts:two_factor")
    if not _may_set_up(request):
        return redirect(two_factor.with_next("accounts:two_factor_verify", next_url))
    form = SecondFactorCodeForm(request.POST)
    if not form.is_valid():
        return _enrol_page(request, form, next_url, status=400)
    try:
        codes = totp_enrolment_confirm(user=request.user, code=form.cleaned_data["code"])
    except SecondFactorRefusal as exc:
        if exc.code == "no_pending":
            return refused(request, exc, two_factor.with_next("accounts:two_factor_enrol", next_url))
        return refused(request, exc, lambda status: _enrol_page(request, form, next_url, status), form=form,
                       field="code")
    two_factor.second_factor_mark(request, "totp")
    messages.success(request, _("Two-factor sign-in is on. From now on you enter a code from the app when you "
                                "sign in."))
    return _recovery_codes_page(request, codes, next_url)


def _recovery_codes_page(request, codes, next_url):
    return render(request, "accounts/two_factor_recovery_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_GET
def two_factor_manage(request):
    """The person's two-factor sign-in: whether it is on, how many recovery codes are left, and its buttons."""
    device = two_factor.confirmed_totp_device(request.user)
    return render(request, "accounts/two_factor_manage.html", {
        "device": device,
        "required": must_use_second_factor(request.user),
        "codes_left": two_factor.recovery_codes_left(request.user) if device else 0,
    })


@login_required
@require_POST
def two_factor_recovery_codes(request):
    """A new set of recovery codes, shown once; the old ones stop working."""
    try:
        codes = recovery_codes_regenerate(user=request.user)
    except SecondFactorRefusal as exc:
        return refused(request, exc, "accounts:two_factor")
    messages.success(request, _("New recovery codes made; the old ones no longer work."))
    return _recovery_codes_page(request, codes, two_factor.safe_next(request, default="accounts:two_factor"))


@login_required
@require_POST
def two_factor_remove(request):
    """Remove the app and the recovery codes. Staff are sent to set up a new app before anything else."""
    second_factor_remove(user=request.user)
    two_factor.second_factor_forget(request)
    if must_use_second_factor(request.user):
        messages.info(request, _("The authenticator app was removed. Staff must sign in with two factors: set up "
                                 "the new app now."))
        return redirect("accounts:two_factor_enrol")
    messages.success(request, _("Two-factor sign-in is off. You now sign in with your password alone."))
    return redirect("accounts:two_factor")
