"""Certificates of competence, their numbering, the signatory, and the background jobs around them."""
import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from assessments.models import AssessmentCase
from competency.models import Unit
from core.i18n import in_language
from core.jobs import Job, JobFields, JobState


class Signatory(models.Model):
    """The person who signs certificates; the one marked active signs every certificate issued from now on."""

    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position_th = models.CharField(_("position (Thai)"), max_length=300)
    position_en = models.CharField(_("position (English)"), max_length=300, blank=True)
    signature = models.ImageField(_("signature image"), upload_to="certificates/signatures/", blank=True)
    is_active = models.BooleanField(_("signs new certificates"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_active", "-created_at"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=models.Q(is_active=True), name="one_active_signatory")
        ]

    def __str__(self) -> str:
        return in_language(self.name_th, self.name_en)


class CertificateCounter(models.Model):
    """The last sequence number given in one series (unit code) and Buddhist-Era year; locked while issuing."""

    series = models.CharField(max_length=40)
    year_be = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year_be"], name="one_counter_per_series_and_year")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year_be}: {self.last_number}"


def not_expired(today: datetime.date) -> models.Q:
    return models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)


def suspended_on(today: datetime.date) -> models.Q:
    """A suspension in force: it runs through its end date and lapses by itself the day after."""
    return models.Q(suspended_until__gte=today)


class CertificateQuerySet(models.QuerySet):
    def valid(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(not_expired(today)).exclude(suspended_on(today))

    def suspended(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(not_expired(today)).filter(suspended_on(today))

    def expired(self, today: datetime.date | None = None):
        return self.filter(revoked_at__isnull=True, expires_on__lt=today or timezone.localdate())

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def with_status(self, status: str):
        return {"valid": self.valid, "suspended": self.suspended, "expired": self.expired,
                "revoked": self.revoked}[status]()


# What a certificate's status is derived from, carried by the desk's indexes.
STATUS_COLUMNS = ["replaces", "revoked_at", "expires_on", "suspended_until"]


class Certificate(Job):
    """A certificate of competence in one unit revision, as issued: names and texts are copied, never looked up.

    Its PDF is rendered in the background: the row carries that job in its render_* columns."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    RenderState = JobState
    job_fields = JobFields(state="render_state", error="render_error", queued="render_enqueued_at",
                           started="render_started_at", finished="rendered_at", attempts="render_attempts",
                           task="render_task_id")

    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    series = models.CharField(max_length=40, editable=False)
    year_be = models.PositiveSmallIntegerField(_("year (Buddhist Era)"), editable=False)
    sequence = models.PositiveIntegerField(editable=False)
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="certificates")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates",
                               verbose_name=_("holder"))
    holder_name_th = models.CharField(_("holder's name (Thai)"), max_length=400)
    holder_name_en = models.CharField(_("holder's name (English)"), max_length=400, blank=True)
    # The holder's agency when the certificate was issued: the HR desk of that agency sees it.
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="certificates", verbose_name=_("agency"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("unit revision"))
    unit_code = models.CharField(_("unit code"), max_length=40)
    unit_title_th = models.CharField(_("unit title (Thai)"), max_length=300)
    unit_title_en = models.CharField(_("unit title (English)"), max_length=300, blank=True)
    unit_revision_number = models.PositiveSmallIntegerField(_("revision number"))
    unit_revision_year_be = models.PositiveSmallIntegerField(_("revision year (Buddhist Era)"))
    # [{"code": "DL201.01", "system_id": 217398, "text_th": "…", "text_en": "…"}, …] as achieved.
    criteria = models.JSONField(_("criteria achieved"), default=list)
    signatory = models.ForeignKey(Signatory, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signatory_name_th = models.CharField(max_length=200, blank=True)
    signatory_name_en = models.CharField(max_length=200, blank=True)
    signatory_position_th = models.CharField(max_length=300, blank=True)
    signatory_position_en = models.CharField(max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_on = models.DateField(_("issue date"))
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revocation_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The suspension in force, if any (its history, with who lifted it, is in Suspension): the last day it
    # covers and why. Past that day the certificate is valid again without anything being written.
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True, editable=False)
    suspension_reason = models.TextField(_("reason for suspension"), blank=True, editable=False)
    # When the holder was told that the certificate is due for recertification.
    renewal_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="replaced_by", verbose_name=_("replaces"))
    render_state = models.CharField(_("PDF"), max_length=10, choices=JobState.choices, default=JobState.PENDING)
    render_error = models.TextField(_("why the PDF failed"), blank=True)
    render_enqueued_at = models.DateTimeField(null=True, blank=True)
    render_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_attempts = models.PositiveIntegerField(default=0, editable=False)
    render_task_id = models.CharField(max_length=255, blank=True, editable=False)
    # How often a PDF was stored: once, however many workers rendered it.
    render_count = models.PositiveIntegerField(default=0, editable=False)
    pdf = models.FileField(upload_to="certificates/", blank=True)
    # Its position in the published revocation and suspension lists (certificates/status_lists.py), for good.
    status_list_index = models.PositiveIntegerField(_("status list position"), unique=True, editable=False)
    # The SHA-256 of the signed PDF as issued: the verification page tells that very file from any other.
    pdf_sha256 = models.CharField(_("SHA-256 of the issued PDF"), max_length=64, blank=True, editable=False,
                                  db_index=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["series", "year_be", "sequence"], name="certificate_sequence_unique"),
            # A case is certified once; later certificates for it are reissues that replace the earlier one.
            models.UniqueConstraint(fields=["case"], condition=models.Q(replaces__isnull=True),
                                    name="one_original_certificate_per_case"),
        ]
        # The desk lists newest first, for one agency or for all; both orders are read straight off an index.
        # They also carry what the dashboard counts by (reissue, revocation, expiry, suspension), so it reads no
        # table row.
        indexes = [
            models.Index(fields=["department", "-issued_on", "-id"], include=STATUS_COLUMNS,
                         name="certificate_desk_agency"),
            models.Index(fields=["-issued_on", "-id"], include=STATUS_COLUMNS, name="certificate_desk_all"),
            models.Index(fields=["render_state", "render_enqueued_at"], name="certificate_render_queue"),
            # The bits of the published status lists are read straight off these.
            models.Index(fields=["status_list_index"], condition=models.Q(revoked_at__isnull=False),
                         name="certificate_revoked_bits"),
            models.Index(fields=["status_list_index"], condition=models.Q(suspended_until__isnull=False),
                         name="certificate_suspended_bits"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def pdf_ready(self) -> bool:
        return self.job_ready

    @property
    def status(self) -> str:
        """Revoked, else expired, else suspended, else valid: derived from the dates at each read."""
        today = timezone.localdate()
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_on and self.expires_on < today:
            return self.Status.EXPIRED
        if self.suspended_until and self.suspended_until >= today:
            return self.Status.SUSPENDED
        return self.Status.VALID

    @property
    def suspended_through(self) -> datetime.date | None:
        """The last day of the suspension in force; None when none is."""
        return self.suspended_until if self.status == self.Status.SUSPENDED else None

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def holder_name(self) -> str:
        return in_language(self.holder_name_th, self.holder_name_en)

    @property
    def unit_title(self) -> str:
        return in_language(self.unit_title_th, self.unit_title_en)

    def verification_url(self) -> str:
        """The public page the QR code on the PDF leads to."""
        return settings.PORTAL_BASE_URL + reverse("certificates:verify", args=[self.code])

    @property
    def code_display(self) -> str:
        """The code in groups of five, as printed, easier to read aloud or type."""
        return "-".join(self.code[i:i + 5] for i in range(0, len(self.code), 5))


class Suspension(models.Model):
    """One suspension of a certificate: who suspended it, when, why and until when; who reinstated it early.

    A suspension not reinstated ends by itself after `ends_on`. Never deleted: it is the certificate's record."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="suspensions")
    reason = models.TextField(_("reason"))
    ends_on = models.DateField(_("suspended until"))
    suspended_at = models.DateTimeField(_("suspended at"))
    suspended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("suspended by"))
    reinstated_at = models.DateTimeField(_("reinstated at"), null=True, blank=True)
    reinstated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("reinstated by"))
    reinstatement_note = models.TextField(_("note on reinstatement"), blank=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    reinstatement_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-suspended_at", "-pk"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self) -> str:
        return f"{self.certificate} · {self.ends_on}"

    @property
    def ended_by_itself(self) -> bool:
        return self.reinstated_at is None and self.ends_on < timezone.localdate()


class BulkDownload(Job):
    """A ZIP of the certificates an HR officer selected, built in the background; its link expires."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The selection as it was when asked for, so the ZIP holds exactly what the list showed.
    certificate_ids = models.JSONField(default=list)
    description = models.CharField(max_length=500, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.PENDING)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="certificates/bulk/", blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, editable=False)
    task_id = models.CharField(max_length=255, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk download")
        verbose_name_plural = _("bulk downloads")

    def __str__(self) -> str:
        return f"#{self.pk} · {self.total}"

    @property
    def expired(self) -> bool:
        return bool(self.expires_at and self.expires_at <= timezone.now())

    @property
    def downloadable(self) -> bool:
        return self.job_ready and not self.expired and bool(self.file)


class Report(Job):
    """A report rendered to PDF in the background: a candidate's result, or an agency's figures for a period."""

    class Kind(models.TextChoices):
        CANDIDATE_RESULT = "candidate_result", _("Candidate's result report")
        AGENCY = "agency", _("Agency report")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    decision_round = models.PositiveSmallIntegerField(null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                   verbose_name=_("agency"))
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.PENDING)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="certificates/reports/", blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    rendered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, editable=False)
    task_id = models.CharField(max_length=255, blank=True, editable=False)

    job_fields = JobFields(finished="rendered_at")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["case", "decision_round"], condition=models.Q(kind="candidate_result"),
                                    name="one_result_report_per_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def pdf_ready(self) -> bool:
        return self.job_ready


class ApiToken(models.Model):
    """A key an HR system sends as `Authorization: Bearer …`; only its SHA-256 is stored.

    The token reads what its user may read on the HR desk: their own agency, or everything for an administrator."""

    name = models.CharField(_("name"), max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("acts as"))
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
