"""A competency unit, one row per revision, with its elements, criteria and bilingual sections."""
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import in_language
from core.text import shorten


class Unit(models.Model):
    """One revision of a competency unit (หน่วยสมรรถนะ), e.g. DG-EJJM-026 revision 1 / 2567."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    code = models.CharField(_("unit code"), max_length=40, db_index=True)
    revision_number = models.PositiveSmallIntegerField(_("revision number"))
    revision_year_be = models.PositiveSmallIntegerField(_("revision year (Buddhist Era)"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    family_th = models.CharField(_("family (Thai)"), max_length=300, blank=True)
    family_en = models.CharField(_("family (English)"), max_length=300, blank=True)
    document_status_th = models.CharField(_("document status (Thai)"), max_length=100, blank=True)
    document_status_en = models.CharField(_("document status (English)"), max_length=100, blank=True)
    occupation_codes = models.CharField(_("occupation and code"), max_length=300, blank=True)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    qualification_level = models.CharField(_("qualification level"), max_length=100, blank=True)
    sector_th = models.CharField(_("sector (Thai)"), max_length=300, blank=True)
    sector_en = models.CharField(_("sector (English)"), max_length=300, blank=True)
    other_occupations = models.CharField(_("other occupations and codes"), max_length=300, blank=True)
    regulation_th = models.CharField(_("licensing or regulation (Thai)"), max_length=300, blank=True)
    regulation_en = models.CharField(_("licensing or regulation (English)"), max_length=300, blank=True)
    shared_units = models.CharField(_("shared units"), max_length=300, blank=True)
    shared_industries = models.CharField(_("shared industries or occupation groups"), max_length=300, blank=True)
    assessment_method_th = models.TextField(_("assessment method (Thai)"), blank=True)
    assessment_method_en = models.TextField(_("assessment method (English)"), blank=True)
    previous_revision = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revisions",
        verbose_name=_("previous revision"),
    )
    case_identifier = models.UUIDField(_("CASE identifier"), default=uuid.uuid4, unique=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    last_changed_at = models.DateTimeField(_("last changed at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code", "-revision_number"]
        verbose_name = _("competency unit revision")
        verbose_name_plural = _("competency unit revisions")
        constraints = [
            models.UniqueConstraint(fields=["code", "revision_number"], name="unit_revision_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(state="draft"), name="unit_one_draft_per_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.revision_label})"

    @property
    def revision_label(self) -> str:
        return _("revision %(number)s / %(year)s") % {
            "number": self.revision_number,
            "year": self.revision_year_be,
        }

    @property
    def title(self) -> str:
        return in_language(self.title_th, self.title_en)

    @property
    def family(self) -> str:
        return in_language(self.family_th, self.family_en)

    @property
    def description(self) -> str:
        return in_language(self.description_th, self.description_en)

    @property
    def sector(self) -> str:
        return in_language(self.sector_th, self.sector_en)

    @property
    def regulation(self) -> str:
        return in_language(self.regulation_th, self.regulation_en)

    @property
    def document_status(self) -> str:
        return in_language(self.document_status_th, self.document_status_en)

    @property
    def assessment_method(self) -> str:
        return in_language(self.assessment_method_th, self.assessment_method_en)

    @property
    def is_editable(self) -> bool:
        # Only a draft may change: published revisions are what enrolments and judgments point at.
        return self.state == self.State.DRAFT


class Element(models.Model):
    """An element of competency (สมรรถนะย่อย), e.g. DL201."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="elements", verbose_name=_("unit"))
    code = models.CharField(_("code"), max_length=40)
    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    case_identifier = models.UUIDField(_("CASE identifier"), default=uuid.uuid4, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "order", "code"]
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="element_code_unique_in_unit")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return in_language(self.title_th, self.title_en)


class PerformanceCriterion(models.Model):
    """A performance criterion (เกณฑ์การปฏิบัติงาน) with its printed code and national system ID."""

    # The unit is stored beside the element so codes and system IDs can be unique per revision.
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("unit"))
    element = models.ForeignKey(
        Element, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("element")
    )
    code = models.CharField(_("PC code (standard)"), max_length=40)
    system_id = models.PositiveIntegerField(_("PC code (system)"))
    text_th = models.TextField(_("criterion (Thai)"))
    text_en = models.TextField(_("criterion (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    case_identifier = models.UUIDField(_("CASE identifier"), default=uuid.uuid4, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "order", "code"]
        verbose_name = _("performance criterion")
        verbose_name_plural = _("performance criteria")
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="criterion_code_unique_in_unit"),
            models.UniqueConstraint(fields=["unit", "system_id"], name="criterion_system_id_unique_in_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.system_id})"

    @property
    def text(self) -> str:
        return in_language(self.text_th, self.text_en)


class UnitStatement(models.Model):
    """One bulleted line of a unit's sections 12–15: prerequisites, skills, knowledge, evidence, range."""

    class Section(models.TextChoices):
        PREREQUISITE = "prerequisite", _("Pre-requisite skill and knowledge")
        SKILL = "skill", _("Required skills")
        KNOWLEDGE = "knowledge", _("Required knowledge")
        PERFORMANCE_EVIDENCE = "performance_evidence", _("Performance evidence")
        KNOWLEDGE_EVIDENCE = "knowledge_evidence", _("Knowledge evidence")
        ASSESSMENT_GUIDANCE = "assessment_guidance", _("Assessment guidance")
        RANGE = "range", _("Range statement")
        RANGE_GUIDANCE = "range_guidance", _("Range statement: guidance")
        RANGE_DETAIL = "range_detail", _("Range statement: detail")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="statements", verbose_name=_("unit"))
    section = models.CharField(_("section"), max_length=40, choices=Section.choices)
    text_th = models.TextField(_("text (Thai)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    case_identifier = models.UUIDField(_("CASE identifier"), default=uuid.uuid4, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "section", "order"]
        verbose_name = _("unit statement")
        verbose_name_plural = _("unit statements")

    def __str__(self) -> str:
        return shorten(self.text, 80)

    @property
    def text(self) -> str:
        return in_language(self.text_th, self.text_en)


class RubricLevel(models.Model):
    """One level of a criterion's scoring rubric, set by standards administrators with the revision.

    A criterion without levels of its own is scored on DEFAULT_RUBRIC."""

    criterion = models.ForeignKey(
        PerformanceCriterion, on_delete=models.CASCADE, related_name="rubric_levels", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    label_th = models.CharField(_("label (Thai)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100, blank=True)
    descriptor_th = models.TextField(_("descriptor (Thai)"), blank=True)
    descriptor_en = models.TextField(_("descriptor (English)"), blank=True)
    counts_as_competent = models.BooleanField(_("counts as competent"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion", "score"]
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        constraints = [models.UniqueConstraint(fields=["criterion", "score"], name="rubric_score_unique_per_criterion")]

    def __str__(self) -> str:
        return f"{self.score} {self.label}"

    @property
    def label(self) -> str:
        return in_language(self.label_th, self.label_en)

    @property
    def descriptor(self) -> str:
        return in_language(self.descriptor_th, self.descriptor_en)


# The default four-level scale (not evident, developing, competent, exemplary); unsaved rows, never stored.
DEFAULT_RUBRIC = (
    (0, "ไม่ปรากฏหลักฐาน", "Not evident", "หลักฐานไม่แสดงถึงเกณฑ์นี้", "The evidence does not show this criterion.", False),
    (1, "กำลังพัฒนา", "Developing", "หลักฐานแสดงบางส่วนแต่ยังไม่ครบถ้วนหรือไม่ชัดเจน",
     "The evidence shows parts of it, incompletely or unclearly.", False),
    (2, "ผ่านเกณฑ์", "Competent", "หลักฐานแสดงเกณฑ์นี้ครบถ้วนตามมาตรฐาน", "The evidence shows the criterion fully, to the standard.", True),
    (3, "ดีเยี่ยม", "Exemplary", "หลักฐานแสดงเกณฑ์นี้อย่างโดดเด่นและเป็นแบบอย่างได้",
     "The evidence shows the criterion outstandingly; it could serve as a model.", True),
)


def rubric_for(criterion: PerformanceCriterion) -> list[RubricLevel]:
    """The criterion's own levels (prefetched as `rubric_levels` when listing many), else the default scale."""
    own = list(criterion.rubric_levels.all())
    if own:
        return own
    return [
        RubricLevel(criterion=criterion, score=s, label_th=lt, label_en=le, descriptor_th=dt, descriptor_en=de,
                    counts_as_competent=c)
        for s, lt, le, dt, de, c in DEFAULT_RUBRIC
    ]
