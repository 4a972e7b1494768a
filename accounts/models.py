"""People and the agencies they work for (ministry → department)."""
from django.contrib.auth.models import AbstractUser
from django.db import models
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
