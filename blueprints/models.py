"""A candidate's blueprint of a future digital organisation, its sections and the PDFs rendered from it."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCase
from core.jobs import ACTIVE, Job, JobFields, JobState
from evidence.models import EvidenceFile, EvidenceItem


class BlueprintManager(models.Manager):
    def get_by_natural_key(self, worked_example_key: str) -> "Blueprint":
        return self.get(worked_example_key=worked_example_key)


class Blueprint(models.Model):
    """One draft of a blueprint (พิมพ์เขียว). Candidates may keep several; a worked example has no owner."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blueprints",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=200)
    unit_code = models.CharField(_("unit code"), max_length=40, default="DG-EJJM-026")
    # Set only on worked examples: the fixture finds its own row by it, so loading it again updates in place.
    worked_example_key = models.SlugField(max_length=60, null=True, blank=True, unique=True, editable=False)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", verbose_name=_("copied from")
    )
    # The portfolio its document went into; once that portfolio is submitted the blueprint is read-only.
    case = models.ForeignKey(
        AssessmentCase, on_delete=models.PROTECT, null=True, blank=True, related_name="blueprints",
        verbose_name=_("assessment case"),
    )
    evidence_item = models.OneToOneField(
        EvidenceItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="blueprint", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    objects = BlueprintManager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("blueprint")
        verbose_name_plural = _("blueprints")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(worked_example_key__isnull=False),
                name="blueprint_has_owner_or_is_worked_example",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.worked_example_key,)

    @property
    def is_worked_example(self) -> bool:
        return self.worked_example_key is not None


class BlueprintSectionManager(models.Manager):
    def get_by_natural_key(self, kind: str, worked_example_key: str) -> "BlueprintSection":
        return self.get(kind=kind, blueprint__worked_example_key=worked_example_key)


class BlueprintSection(models.Model):
    """One section of a blueprint; its content is the validated data of that section's form."""

    blueprint = models.ForeignKey(Blueprint, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("section"), max_length=40)
    content = models.JSONField(_("content"), default=dict, blank=True)
    # Raised on every save: a window that edits an older revision than the stored one is refused.
    revision = models.PositiveIntegerField(default=0, editable=False)
    # Which open editor made the last save and the sequence number of that save, so a slower, older
    # request from the same window never overwrites a newer one.
    editor_session = models.CharField(max_length=64, blank=True, editable=False)
    editor_seq = models.PositiveBigIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)

    objects = BlueprintSectionManager()

    class Meta:
        verbose_name = _("blueprint section")
        verbose_name_plural = _("blueprint sections")
        constraints = [models.UniqueConstraint(fields=["blueprint", "kind"], name="one_section_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.blueprint_id}:{self.kind}"

    def natural_key(self) -> tuple[str, str]:
        return (self.kind, *self.blueprint.natural_key())

    natural_key.dependencies = ["blueprints.blueprint"]


# The job's states as the candidate reads them on the blueprint page.
RENDER_STATUS_CHOICES = [
    (JobState.PENDING, _("Waiting for the worker")),
    (JobState.RUNNING, _("Rendering")),
    (JobState.READY, _("In your portfolio")),
    (JobState.FAILED, _("Failed")),
]


class BlueprintRender(Job):
    """One request to produce the blueprint document; its status is what the page shows."""

    Status = JobState
    ACTIVE = ACTIVE
    # A retry, or the sweep that finds the request lost, queues it again as if requested then.
    job_fields = JobFields(state="status", error="failure_reason", queued="requested_at")

    blueprint = models.ForeignKey(Blueprint, on_delete=models.CASCADE, related_name="renders")
    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The document speaks the language the candidate used when asking for it.
    language = models.CharField(max_length=8, default="th")
    status = models.CharField(_("status"), max_length=20, choices=RENDER_STATUS_CHOICES, default=JobState.PENDING)
    failure_reason = models.TextField(_("why it failed"), blank=True)
    # Raised by every claim; a run finishing with an older number has been overtaken and discards its PDF.
    attempts = models.PositiveSmallIntegerField(default=0)
    # The Celery task holding the claim: its own retries may take the claim back at once, others wait.
    task_id = models.CharField(max_length=255, blank=True, editable=False)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    evidence_file = models.ForeignKey(
        EvidenceFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("blueprint document")
        verbose_name_plural = _("blueprint documents")
        constraints = [
            models.UniqueConstraint(
                fields=["blueprint"],
                condition=Q(status__in=["pending", "running"]),
                name="one_active_render_per_blueprint",
            )
        ]

    def __str__(self) -> str:
        return f"{self.blueprint} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.job_active

    @property
    def in_portfolio(self) -> bool:
        return self.job_ready
