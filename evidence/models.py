"""Evidence items a candidate gathers for a case, their files (every version kept) and criterion mappings."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCase
from competency.models import PerformanceCriterion


class EvidenceItem(models.Model):
    class Kind(models.TextChoices):
        PERFORMANCE = "performance", _("Performance evidence")
        TEST_RESULT = "test_result", _("Knowledge evidence: test result")
        TRAINING_CERTIFICATE = "training_certificate", _("Knowledge evidence: training certificate")
        KNOWLEDGE_OTHER = "knowledge_other", _("Knowledge evidence: other")

    KNOWLEDGE_KINDS = (Kind.TEST_RESULT, Kind.TRAINING_CERTIFICATE, Kind.KNOWLEDGE_OTHER)

    case = models.ForeignKey(
        AssessmentCase, on_delete=models.PROTECT, related_name="evidence_items", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    kind = models.CharField(_("kind of evidence"), max_length=30, choices=Kind.choices, default=Kind.PERFORMANCE)
    work_date = models.DateField(_("date of the work"), null=True, blank=True)
    # The round in which the item was first handed in; items of earlier rounds have been judged.
    added_in_round = models.PositiveSmallIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    criteria = models.ManyToManyField(PerformanceCriterion, through="EvidenceMapping", related_name="evidence_items")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self) -> str:
        return self.title

    @property
    def is_knowledge_evidence(self) -> bool:
        return self.kind in self.KNOWLEDGE_KINDS


class EvidenceMapping(models.Model):
    """The candidate's claim that an item shows a criterion, in their own short words."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="mappings")
    criterion = models.ForeignKey(PerformanceCriterion, on_delete=models.PROTECT, related_name="evidence_mappings")
    statement = models.CharField(_("how this item shows the criterion"), max_length=1000)

    class Meta:
        ordering = ["criterion__order"]
        constraints = [models.UniqueConstraint(fields=["item", "criterion"], name="one_mapping_per_item_and_criterion")]


def evidence_upload_path(instance: "EvidenceFile", filename: str) -> str:
    # Stored names are random; the candidate's own file name is kept only for display.
    return f"evidence/{instance.item.case_id}/{uuid.uuid4().hex}{instance.extension}"


class EvidenceFile(models.Model):
    """One uploaded file of an item. Replacing it adds a new version; the old one is kept."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=evidence_upload_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    version = models.PositiveSmallIntegerField(default=1)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    is_current = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # When the retention period removed the stored file; the record of what was handed in stays.
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"

    @property
    def previews_inline(self) -> bool:
        return self.content_type == "application/pdf" or self.content_type.startswith("image/")


class FileAccess(models.Model):
    """Someone other than the candidate opened one of the candidate's files (PDPA: who saw what, when)."""

    evidence_file = models.ForeignKey(EvidenceFile, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access to a candidate's file")
        verbose_name_plural = _("accesses to candidates' files")
