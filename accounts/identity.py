"""Writes about sign-in identities: finding the person a provider vouched for, linking once, recording sign-ins.

An identity is never turned into a new account: it is linked to an existing one once, through an administrator's
invitation or an agency e-mail address the person confirms, and a linked account takes no second identity from the
same provider. The national ID number is kept only as a keyed hash.
"""
import hashlib
import hmac
import logging
import secrets
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.client_ip import client_ip
from core.refusals import Refusal

from .models import ExternalIdentity, LinkInvitation, SignInEvent, User
from .oidc import Provider, is_multi_factor
from .two_factor import SECOND_FACTOR_SESSION_KEY

logger = logging.getLogger("accounts.oidc")

PENDING_SESSION_KEY = "oidc_pending_identity"
PROVIDER_SESSION_KEY = "oidc_provider"
_CONFIRMATION_SALT = "accounts.identity.link-confirmation"


class LinkRefused(Refusal):
    """Linking a sign-in identity to an account is refused; nothing was linked."""

    status = 409


@dataclass(frozen=True)
class VouchedIdentity:
    """Who a provider vouched for at one sign-in, as the portal keeps it: no national ID number, only its hash."""

    provider: str
    subject: str
    national_id_digest: str
    assurance_level: str
    multi_factor: bool
    email: str

    @classmethod
    def from_claims(cls, provider: Provider, claims: dict) -> "VouchedIdentity":
        national_id = str(claims.get(provider.national_id_claim) or "") if provider.national_id_claim else ""
        return cls(
            provider=provider.slug,
            subject=str(claims["sub"]),
            national_id_digest=national_id_digest(national_id) if national_id else "",
            assurance_level=str(claims.get(provider.assurance_claim) or ""),
            multi_factor=is_multi_factor(provider, claims),
            email=str(claims.get("email") or ""),
        )

    def as_dict(self) -> dict:
        return asdict(self)


def national_id_digest(national_id: str) -> str:
    """HMAC-SHA256 of the 13 digits under NATIONAL_ID_HMAC_KEY: finds the person again, tells no one the number."""
    if not settings.NATIONAL_ID_HMAC_KEY:
        raise RuntimeError("NATIONAL_ID_HMAC_KEY is not set")
    digits = "".join(ch for ch in national_id if ch.isdigit())
    return hmac.new(settings.NATIONAL_ID_HMAC_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()


def identity_owner(vouched: VouchedIdentity) -> User | None:
    """The account this identity was linked to: by the provider's subject, else by the national ID's hash."""
    found = ExternalIdentity.objects.select_related("user").filter(provider=vouched.provider, subject=vouched.subject)
    identity = found.first()
    if identity is None and vouched.national_id_digest:
        identity = ExternalIdentity.objects.select_related("user").filter(
            provider=vouched.provider, national_id_digest=vouched.national_id_digest).first()
    return identity.user if identity else None


def sign_in_record(*, request, user: User, vouched: VouchedIdentity) -> SignInEvent:
    """Record a sign-in through a provider and remember its assurance level (and any second factor) in the session."""
    from .permissions import ASSURANCE_SESSION_KEY

    request.session[ASSURANCE_SESSION_KEY] = vouched.assurance_level or None
    request.session[PROVIDER_SESSION_KEY] = vouched.provider
    if vouched.multi_factor:
        request.session[SECOND_FACTOR_SESSION_KEY] = "oidc"
    return SignInEvent.objects.create(user=user, provider=vouched.provider, outcome=SignInEvent.Outcome.SIGNED_IN,
                                      assurance_level=vouched.assurance_level, multi_factor=vouched.multi_factor,
                                      ip_address=client_ip(request))


def sign_in_refused_record(*, request, provider: str, reason: str, detail: str = "") -> SignInEvent:
    """Record a refused attempt; only the reason is kept, not what the provider (or an attacker) sent."""
    logger.warning("Sign-in through %s refused (%s): %s", provider or "?", reason, detail)
    return SignInEvent.objects.create(provider=provider[:50], outcome=SignInEvent.Outcome.REFUSED, reason=reason,
                                      ip_address=client_ip(request))


@transaction.atomic
def identity_link(*, user: User, vouched: VouchedIdentity, via: str) -> ExternalIdentity:
    """Link the identity to the account, once: refused if the account has an identity from this provider already,
    or the identity (or the national ID) is linked to another account."""
    User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise LinkRefused(_("This account is closed, so nothing can be linked to it."))
    if ExternalIdentity.objects.filter(user=user, provider=vouched.provider).exists():
        raise LinkRefused(_("This account is already linked to another sign-in from the same service. Nothing was "
                            "changed; ask the portal's administrator if that sign-in is no longer yours."))
    if identity_owner(vouched) is not None:
        raise LinkRefused(_("This sign-in is already linked to an account. Nothing was changed."))
    try:
        with transaction.atomic():
            identity = ExternalIdentity.objects.create(
                user=user, provider=vouched.provider, subject=vouched.subject,
                national_id_digest=vouched.national_id_digest, linked_via=via)
    except IntegrityError as exc:
        raise LinkRefused(_("This sign-in is already linked to an account. Nothing was changed.")) from exc
    SignInEvent.objects.create(user=user, provider=vouched.provider, outcome=SignInEvent.Outcome.LINKED,
                               assurance_level=vouched.assurance_level, multi_factor=vouched.multi_factor)
    return identity


def _code_digest(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def link_invitation_create(*, user: User, by: User | None) -> tuple[LinkInvitation, str]:
    """An invitation for `user` to link their sign-in; the code is returned once and only its digest kept."""
    code = secrets.token_urlsafe(18)
    invitation = LinkInvitation.objects.create(
        user=user, code_digest=_code_digest(code), created_by=by,
        expires_at=timezone.now() + timedelta(days=settings.OIDC_LINK_INVITATION_DAYS))
    return invitation, code


@transaction.atomic
def identity_link_by_invitation(*, code: str, vouched: VouchedIdentity) -> User:
    invitation = LinkInvitation.objects.select_for_update().filter(code_digest=_code_digest(code)).first()
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= timezone.now():
        raise LinkRefused(_("This invitation code is not valid: it may be mistyped, used already or expired. Ask the "
                            "portal's administrator for a new one."), status=400)
    identity_link(user=invitation.user, vouched=vouched, via=ExternalIdentity.LinkedVia.INVITATION)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return invitation.user


def link_confirmation_send(*, request, email: str, vouched: VouchedIdentity) -> None:
    """E-mail a link to confirm the identity, if exactly one open account has that agency address. The person is
    told the same whatever the answer, so the form does not reveal who has an account."""
    matches = list(User.objects.filter(email__iexact=email.strip(), is_active=True)[:2])
    if len(matches) != 1:
        logger.info("Link confirmation asked for an address with %d accounts", len(matches))
        return
    user = matches[0]
    token = signing.dumps({"user": user.pk, **vouched.as_dict()}, salt=_CONFIRMATION_SALT)
    link = request.build_absolute_uri(reverse("oidc:confirm", kwargs={"token": token}))
    context = {"user": user, "link": link, "hours": settings.OIDC_LINK_CONFIRMATION_HOURS}
    send_mail(subject=render_to_string("accounts/email/link_confirmation_subject.txt", context).strip(),
              message=render_to_string("accounts/email/link_confirmation.txt", context),
              from_email=None, recipient_list=[user.email])


def link_confirmation_read(token: str) -> tuple[User, VouchedIdentity]:
    """The account and identity an e-mailed confirmation link names, if it is genuine and not too old."""
    try:
        data = signing.loads(token, salt=_CONFIRMATION_SALT, max_age=settings.OIDC_LINK_CONFIRMATION_HOURS * 3600)
        user = User.objects.get(pk=data.pop("user"), is_active=True)
        return user, VouchedIdentity(**data)
    except (signing.BadSignature, User.DoesNotExist, TypeError) as exc:
        raise LinkRefused(_("This confirmation link is not valid or has expired. Sign in with ThaID again to get a "
                            "new one."), status=400) from exc


def identity_link_by_email(*, token: str) -> tuple[User, VouchedIdentity]:
    user, vouched = link_confirmation_read(token)
    identity_link(user=user, vouched=vouched, via=ExternalIdentity.LinkedVia.EMAIL)
    return user, vouched
