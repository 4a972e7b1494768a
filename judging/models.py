"""Judgments of each criterion, the unit decision, the lease that keeps two assessors apart, moderation."""
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.models import Allocation, AssessmentCase
from competency.models import PerformanceCriterion
from evidence.models import EvidenceItem


class Verdict(models.TextChoices):
    COMPETENT = "competent", _("Competent")
    NOT_YET_COMPETENT = "not_yet_competent", _("Not yet competent")


class Judgment(models.Model):
    """One assessor's score on one criterion of a case, in one round. Changed in place, never deleted:
    the history keeps every earlier value with who and when."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="judgments")
    round = models.PositiveSmallIntegerField()
    criterion = models.ForeignKey(PerformanceCriterion, on_delete=models.PROTECT, related_name="judgments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judgments")
    marking = models.CharField(max_length=10, choices=Allocation.Marking.choices, default=Allocation.Marking.FIRST)
    score = models.PositiveSmallIntegerField(_("score"))
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    evidence_relied_on = models.ManyToManyField(EvidenceItem, blank=True, related_name="+",
                                                verbose_name=_("evidence relied on"))
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[evidence_relied_on])

    class Meta:
        ordering = ["case", "round", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round", "criterion", "marking"], name="one_judgment_per_marking")
        ]
        # One per marking, each holding what the dashboard's pass rates and the marker agreement read, so they
        # count hundreds of thousands of judgments from the index alone.
        indexes = [
            models.Index(fields=["case", "round", "criterion"], include=["verdict", "assessor"],
                         condition=models.Q(marking="first"), name="judgment_first_marking"),
            models.Index(fields=["case", "round", "criterion"], include=["verdict", "assessor"],
                         condition=models.Q(marking="second"), name="judgment_second_marking"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} r{self.round} {self.criterion.code}: {self.verdict}"


class Decision(models.Model):
    """The unit decision for a round, as confirmed by a marker; released to the candidate after moderation."""

    class Outcome(models.TextChoices):
        COMPETENT = "competent", _("Competent")
        NOT_YET_COMPETENT = "not_yet_competent", _("Not yet competent")
        MORE_EVIDENCE = "more_evidence", _("More evidence requested")

    class Status(models.TextChoices):
        AWAITING_SECOND_MARKING = "awaiting_second", _("Awaiting second marking")
        AWAITING_MODERATION = "awaiting_moderation", _("Awaiting moderation")
        RELEASED = "released", _("Released")

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="decisions")
    round = models.PositiveSmallIntegerField()
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    summary = models.TextField(_("summary"), max_length=4000)
    exam_passed = models.BooleanField(null=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=30, choices=Status.choices)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True)
    # The second marker's own summary, written blind to the first marker's; the record of their confirmation.
    second_summary = models.TextField(_("second marker's summary"), blank=True, max_length=4000)
    second_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                            null=True, blank=True)
    second_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Set only when a moderator changes a released decision; the history keeps what it was before.
    amendment_reason = models.TextField(blank=True)
    # Set when the candidate has been emailed, so a retried task never sends the feedback twice.
    feedback_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["feedback_sent_at"])

    class Meta:
        ordering = ["case", "round"]
        constraints = [models.UniqueConstraint(fields=["case", "round"], name="one_decision_per_round")]
        indexes = [  # the decisions released in a period, for the dashboard and the agency report
            models.Index(fields=["released_at"], condition=models.Q(status="released"), name="decision_released_at"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} r{self.round}: {self.outcome} ({self.status})"


class CaseLease(models.Model):
    """While an assessor works on a case, it is theirs alone until the lease expires."""

    case = models.OneToOneField(AssessmentCase, on_delete=models.CASCADE, related_name="lease")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField(default=uuid.uuid4)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.case_id} → {self.assessor_id} until {self.expires_at:%H:%M}"

    @property
    def active(self) -> bool:
        return self.expires_at > timezone.now()


class Disagreement(models.Model):
    """A criterion the first and second markers judged differently, until a moderator settles it."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="disagreements")
    round = models.PositiveSmallIntegerField()
    criterion = models.ForeignKey(PerformanceCriterion, on_delete=models.PROTECT, related_name="+")
    first = models.ForeignKey(Judgment, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Judgment, on_delete=models.PROTECT, related_name="+")
    settled_verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   null=True, blank=True)
    reason = models.TextField(blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "round", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["case", "round", "criterion"], name="one_disagreement_per_criterion")]
        permissions = [("moderate", "Can settle disagreements and amend released decisions")]


# The declaration an assessor ticks to take a case, shown and recorded in the language of the page they read.
NO_CONFLICT_DECLARATION = _(
    "I declare that I have no interest in this case that could affect my impartiality: I am not a relative, "
    "superior or subordinate of the candidate, I have not trained or advised the candidate for this assessment, "
    "and I gain or lose nothing by its outcome. Should a conflict arise, I will stop assessing the case and tell "
    "the assessment coordinator at once."
)


class ImpartialityDeclaration(models.Model):
    """An assessor's declaration of no conflict of interest, made on taking a case for one marking of one round."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="impartiality_declarations")
    round = models.PositiveSmallIntegerField()
    marking = models.CharField(max_length=10, choices=Allocation.Marking.choices)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The words as the assessor read them when ticking the box, so later edits of the wording change no record.
    text = models.TextField()
    language = models.CharField(max_length=10)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round", "marking", "assessor"], name="one_declaration_per_marking")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} r{self.round} {self.marking}: {self.assessor_id} at {self.declared_at:%Y-%m-%d %H:%M}"


class VerdictAmendment(models.Model):
    """A criterion's verdict changed after release by a recorded ruling (an appeal upheld): it stands over the
    markers' and the moderator's verdicts in the candidate's feedback and the certificate."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="verdict_amendments")
    round = models.PositiveSmallIntegerField()
    criterion = models.ForeignKey(PerformanceCriterion, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    reason = models.TextField()
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amended_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "round", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["case", "round", "criterion"], name="one_amendment_per_criterion")]

    def __str__(self) -> str:
        return f"{self.case_id} r{self.round} {self.criterion_id}: {self.verdict}"
