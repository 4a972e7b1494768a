"""A candidate's assessment case in one unit revision, the states it moves through and who assesses it."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from competency.models import Unit


class CaseState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    MORE_EVIDENCE_REQUESTED = "more_evidence_requested", _("More evidence requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    COMPETENT = "competent", _("Competent")
    NOT_YET_COMPETENT = "not_yet_competent", _("Not yet competent")
    CERTIFIED = "certified", _("Certified")


# A candidate may hold only one case per unit in these states.
OPEN_CASE_STATES = (
    CaseState.DRAFT,
    CaseState.SUBMITTED,
    CaseState.UNDER_ASSESSMENT,
    CaseState.MORE_EVIDENCE_REQUESTED,
    CaseState.RESUBMITTED,
    CaseState.COMPETENT,
)


class AssessmentCase(models.Model):
    """Created when a candidate enrols; holds the portfolio and, later, the judgments and decision."""

    State = CaseState
    OPEN_STATES = OPEN_CASE_STATES

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_cases", verbose_name=_("candidate")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("unit revision"))
    # Copied from the unit so "one open case per unit" holds across revisions in one constraint.
    unit_code = models.CharField(_("unit code"), max_length=40, editable=False)
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.DRAFT)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    summary = models.TextField(_("submission summary"), blank=True)
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    # The earlier case whose certificate this one recertifies (see certificates.services.certificate_recertify).
    renews = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="renewals",
                               verbose_name=_("recertifies"))
    # Which round's submission receipt has been emailed, so a retried task never sends it twice.
    receipt_sent_round = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment case")
        verbose_name_plural = _("assessment cases")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "unit_code"],
                condition=models.Q(state__in=[state.value for state in OPEN_CASE_STATES]),
                name="one_open_case_per_candidate_and_unit",
            )
        ]
        # Cases enrolled and submitted in a period, counted by the dashboard and the agency report.
        indexes = [models.Index(fields=["created_at"], name="case_created_at"),
                   models.Index(fields=["submitted_at"], name="case_submitted_at")]

    def __str__(self) -> str:
        return f"{self.unit_code} · {self.candidate}"

    @property
    def portfolio_open(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.MORE_EVIDENCE_REQUESTED)


class CaseTransition(models.Model):
    """One move of a case from one state to another: who, when and why. Never edited or deleted."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=30, choices=AssessmentCase.State.choices)
    to_state = models.CharField(max_length=30, choices=AssessmentCase.State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case transition")
        verbose_name_plural = _("case transitions")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_state} → {self.to_state}"


class Allocation(models.Model):
    """An assessor assigned to a case; only they (and administrators) may open its evidence."""

    class Marking(models.TextChoices):
        FIRST = "first", _("First marking")
        SECOND = "second", _("Second marking")

    case = models.ForeignKey(AssessmentCase, on_delete=models.CASCADE, related_name="allocations")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("assessor")
    )
    marking = models.CharField(_("marking"), max_length=10, choices=Marking.choices, default=Marking.FIRST)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)
    # Why an administrator allowed an assessor from the candidate's own agency; empty when not needed.
    override_reason = models.TextField(_("reason for allowing an assessor from the same agency"), blank=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "assessor"], condition=models.Q(active=True), name="one_active_allocation_per_assessor"
            ),
            models.UniqueConstraint(
                fields=["case", "marking"], condition=models.Q(active=True), name="one_active_marker_per_marking"
            ),
        ]
        # Each assessor's open cases, counted for the allocation page's workload from this index alone.
        indexes = [models.Index(fields=["assessor", "case"], condition=models.Q(active=True),
                                name="allocation_active_by_assessor")]

    def __str__(self) -> str:
        return f"{self.case} → {self.assessor}"
