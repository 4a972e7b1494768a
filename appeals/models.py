"""A candidate's appeal against a released decision, the documents that come with it, complaints about the
process, and the events of both kept in the case's timeline."""
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCase
from competency.models import PerformanceCriterion
from judging.models import Decision


class Appeal(models.Model):
    """One appeal per released decision: of one criterion's verdict, or of the whole decision."""

    class Status(models.TextChoices):
        LODGED = "lodged", _("Lodged, waiting for a panel member")
        WITH_PANEL = "with_panel", _("With the appeal panel")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    DECIDED = (Status.UPHELD, Status.DISMISSED)

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="appeals")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="appeal")
    # Empty when the appeal is against the whole decision.
    criterion = models.ForeignKey(PerformanceCriterion, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("criterion appealed"))
    grounds = models.TextField(_("grounds"), max_length=4000)
    lodged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lodged_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.LODGED)
    panel_member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="appeals_on_panel", verbose_name=_("panel member"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    assigned_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True, max_length=4000)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set when the candidate has been emailed the outcome, so a retried task never sends it twice.
    outcome_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-lodged_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.status}"

    @property
    def decided(self) -> bool:
        return self.status in self.DECIDED


def appeal_document_path(instance: "AppealDocument", filename: str) -> str:
    # Stored names are random; the candidate's own file name is kept only for display.
    return f"appeals/{instance.appeal.case_id}/{uuid.uuid4().hex}{instance.extension}"


class AppealDocument(models.Model):
    """A new document the candidate hands in with an appeal, checked as evidence uploads are."""

    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(upload_to=appeal_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["appeal", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Complaint(models.Model):
    """A complaint about how the assessment was run (not about a verdict): recorded, acknowledged, answered."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        ANSWERED = "answered", _("Answered")

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="complaints")
    text = models.TextField(_("complaint"), max_length=4000)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECORDED)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    # Set when the candidate has been emailed the answer, so a retried task never sends it twice.
    answer_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.status}"


class CaseEvent(models.Model):
    """One step of an appeal or a complaint, for the case's timeline. Never edited or deleted."""

    class Kind(models.TextChoices):
        APPEAL_LODGED = "appeal_lodged", _("Appeal lodged")
        APPEAL_ASSIGNED = "appeal_assigned", _("Appeal given to a panel member")
        APPEAL_UPHELD = "appeal_upheld", _("Appeal upheld")
        APPEAL_DISMISSED = "appeal_dismissed", _("Appeal dismissed")
        COMPLAINT_RECORDED = "complaint_recorded", _("Complaint recorded")
        COMPLAINT_ACKNOWLEDGED = "complaint_acknowledged", _("Complaint acknowledged")
        COMPLAINT_ANSWERED = "complaint_answered", _("Complaint answered")

    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="appeal_events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, null=True, blank=True, related_name="events")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind}"
