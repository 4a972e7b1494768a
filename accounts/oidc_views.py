"""Views of signing in through an OpenID Connect provider, linking the identity once, and signing out there too."""
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LogoutView
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.refusals import refused

from . import identity, oidc
from .identity import PENDING_SESSION_KEY, PROVIDER_SESSION_KEY, LinkRefused, VouchedIdentity

_BACKEND = "accounts.backends.PortalModelBackend"


class InvitationForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Invitation code"), max_length=100)


class AgencyEmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your agency e-mail address"),
                             help_text=gettext_lazy("The address your portal account has."))


@require_POST
def start(request, provider: str):
    """Send the person to the provider to sign in (a POST: it starts a sign-in in the session)."""
    chosen = oidc.provider_named(provider)
    try:
        return redirect(oidc.authorization_redirect(request, chosen))
    except oidc.SignInRefused as exc:
        identity.sign_in_refused_record(request=request, provider=chosen.slug, reason=exc.reason, detail=exc.detail)
        messages.error(request, exc.message)
        return redirect("accounts:login")


@never_cache
@require_GET
def callback(request):
    """The provider's answer: sign the person in if their identity is linked, else offer to link it."""
    try:
        provider, claims, entry = oidc.verified_claims(request)
    except oidc.SignInRefused as exc:
        identity.sign_in_refused_record(request=request, provider=exc.provider, reason=exc.reason, detail=exc.detail)
        messages.error(request, exc.message)
        return redirect("accounts:login")
    vouched = VouchedIdentity.from_claims(provider, claims)
    user = identity.identity_owner(vouched)
    if user is None:
        request.session[PENDING_SESSION_KEY] = vouched.as_dict()
        request.session["oidc_after_link"] = entry.get("next")
        return redirect("oidc:link")
    if not user.is_active:
        identity.sign_in_refused_record(request=request, provider=provider.slug, reason="inactive")
        messages.error(request, oidc.REASONS["inactive"])
        return redirect("accounts:login")
    return _sign_in(request, user, vouched, entry.get("next"))


def _sign_in(request, user, vouched: VouchedIdentity, next_url: str | None):
    request.session.pop(PENDING_SESSION_KEY, None)
    login(request, user, backend=_BACKEND)
    identity.sign_in_record(request=request, user=user, vouched=vouched)
    messages.success(request, _("Signed in with %(provider)s.") % {"provider": oidc.provider_named(vouched.provider)
                                                                   .display_name})
    return redirect(next_url or "portal:home")


def _pending(request) -> VouchedIdentity | None:
    data = request.session.get(PENDING_SESSION_KEY)
    return VouchedIdentity(**data) if data else None


@never_cache
@require_http_methods(["GET", "POST"])
def link(request):
    """After a first sign-in through a provider: link the identity to the person's account, by an administrator's
    invitation code or by confirming the agency e-mail address of the account."""
    vouched = _pending(request)
    if vouched is None:
        messages.info(request, _("Sign in with ThaID first; then you can link it to your account."))
        return redirect("accounts:login")
    invitation_form = InvitationForm(request.POST if request.POST.get("action") == "invitation" else None,
                                     prefix="invitation")
    email_form = AgencyEmailForm(request.POST if request.POST.get("action") == "email" else None,
                                 initial={"email": vouched.email}, prefix="email")
    context = {"invitation_form": invitation_form, "email_form": email_form,
               "provider": oidc.provider_named(vouched.provider)}
    if request.method == "POST" and invitation_form.is_bound and invitation_form.is_valid():
        try:
            user = identity.identity_link_by_invitation(code=invitation_form.cleaned_data["code"], vouched=vouched)
        except LinkRefused as exc:
            return refused(request, exc, lambda status: render(request, "accounts/oidc/link.html", context,
                                                               status=status), form=invitation_form, field="code")
        messages.success(request, _("Your sign-in is now linked to your account."))
        return _sign_in(request, user, vouched, request.session.pop("oidc_after_link", None))
    if request.method == "POST" and email_form.is_bound and email_form.is_valid():
        identity.link_confirmation_send(request=request, email=email_form.cleaned_data["email"], vouched=vouched)
        return render(request, "accounts/message_page.html", {
            "title": _("Check your e-mail"),
            "message": _("If a portal account has that agency address, we have sent it a link. Open it to confirm "
                         "that this sign-in is yours."),
        })
    status = 400 if (invitation_form.errors or email_form.errors) else 200
    return render(request, "accounts/oidc/link.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The link e-mailed to the account's agency address: the person confirms that the sign-in is theirs. It works
    only in the browser that signed in with the provider, so whoever reads the mailbox cannot link someone else's
    sign-in to the account by clicking it."""
    try:
        user, vouched = identity.link_confirmation_read(token)
    except LinkRefused as exc:
        return refused(request, exc, "accounts:login")
    pending = _pending(request)
    if pending is None or (pending.provider, pending.subject) != (vouched.provider, vouched.subject):
        return refused(request, LinkRefused(_("Open this link in the browser where you signed in with ThaID, soon "
                                              "after signing in. Nothing was linked."), status=400), "accounts:login")
    if request.method == "GET":
        return render(request, "accounts/oidc/confirm.html", {
            "account": user, "provider": oidc.provider_named(vouched.provider)})
    try:
        user, vouched = identity.identity_link_by_email(token=token)
    except LinkRefused as exc:
        return refused(request, exc, "accounts:login")
    messages.success(request, _("Your sign-in is now linked to your account."))
    return _sign_in(request, user, pending, request.session.pop("oidc_after_link", None))


class SignOutView(LogoutView):
    """Sign out here, and at the provider too when the person signed in through one that offers it."""

    def post(self, request, *args, **kwargs):
        provider = request.session.get(PROVIDER_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        if provider:
            at_provider = oidc.end_session_url(request, provider)
            if at_provider:
                return redirect(at_provider)
        return response
