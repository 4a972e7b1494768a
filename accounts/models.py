"""People and the agencies they work for (ministry → department)."""
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import in_language


class Ministry(models.Model):
    name_th = models.CharField(_("name (Thai)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")

    def __str__(self) -> str:
        return in_language(self.name_th, self.name_en)


class Department(models.Model):
    """An agency: the department (กรม) or equivalent body a civil servant belongs to."""

    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="departments", verbose_name=_("ministry")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["ministry__name_th", "name_th"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["ministry", "name_th"], name="department_unique_per_ministry")
        ]

    def __str__(self) -> str:
        return in_language(self.name_th, self.name_en)


class User(AbstractUser):
    """A civil servant or staff member, named in Thai and in English."""

    # The single-language name fields of AbstractUser are replaced by the bilingual ones below.
    first_name = None
    last_name = None

    name_prefix_th = models.CharField(_("prefix (Thai)"), max_length=50, blank=True)
    first_name_th = models.CharField(_("first name (Thai)"), max_length=150)
    last_name_th = models.CharField(_("last name (Thai)"), max_length=150)
    name_prefix_en = models.CharField(_("prefix (English)"), max_length=50, blank=True)
    first_name_en = models.CharField(_("first name (English)"), max_length=150, blank=True)
    last_name_en = models.CharField(_("last name (English)"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
    )

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def full_name_th(self) -> str:
        # Thai prefixes such as นาย/นาง are written against the first name, without a space.
        return f"{self.name_prefix_th}{self.first_name_th} {self.last_name_th}".strip()

    @property
    def full_name_en(self) -> str:
        return " ".join(p for p in (self.name_prefix_en, self.first_name_en, self.last_name_en) if p)

    def get_full_name(self) -> str:
        return in_language(self.full_name_th, self.full_name_en) or self.username

    def get_short_name(self) -> str:
        return in_language(self.first_name_th, self.first_name_en) or self.username

    def __str__(self) -> str:
        return self.get_full_name()


class ExternalIdentity(models.Model):
    """A person's identity at an OpenID Connect provider (ThaID, an agency's sign-on), linked to their account once.

    The national ID number is never kept: only its HMAC-SHA256 under NATIONAL_ID_HMAC_KEY, to find the person again.
    """

    class LinkedVia(models.TextChoices):
        INVITATION = "invitation", _("an administrator's invitation")
        EMAIL = "email", _("a confirmed agency e-mail address")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities",
                             verbose_name=_("user"))
    provider = models.CharField(_("provider"), max_length=50)
    subject = models.CharField(_("subject at the provider"), max_length=255)
    national_id_digest = models.CharField(_("national ID (keyed hash)"), max_length=64, blank=True, db_index=True)
    linked_via = models.CharField(_("linked through"), max_length=20, choices=LinkedVia.choices)
    linked_at = models.DateTimeField(_("linked at"), default=timezone.now)

    class Meta:
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique_subject"),
            # One identity per provider and account: a second ThaID identity cannot take over a linked account.
            models.UniqueConstraint(fields=["user", "provider"], name="external_identity_one_per_provider"),
            models.UniqueConstraint(fields=["provider", "national_id_digest"], condition=~Q(national_id_digest=""),
                                    name="external_identity_unique_national_id"),
        ]


class SignInEvent(models.Model):
    """One sign-in through a provider, or one refused attempt: who, which provider, at what assurance level, when."""

    class Outcome(models.TextChoices):
        SIGNED_IN = "signed_in", _("signed in")
        LINKED = "linked", _("linked to the account")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="sign_in_events", verbose_name=_("user"))
    provider = models.CharField(_("provider"), max_length=50)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=50, blank=True)
    assurance_level = models.CharField(_("assurance level"), max_length=50, blank=True)
    multi_factor = models.BooleanField(_("multi-factor at the provider"), default=False)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("sign-in through a provider")
        verbose_name_plural = _("sign-ins through providers")


class LinkInvitation(models.Model):
    """An administrator's invitation for one person to link their ThaID (or agency) sign-in to their account.

    Only a digest of the code is kept; the code itself is shown once, to the administrator who made it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="link_invitations",
                             verbose_name=_("user"))
    code_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation to link a sign-in")
        verbose_name_plural = _("invitations to link a sign-in")
