"""The question bank (items and their versions), exam definitions, timed attempts and the answers saved in them."""
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import AssessmentCase
from competency.models import PerformanceCriterion, Unit, UnitStatement
from core.i18n import in_language


class ItemType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    SHORT_ANSWER = "short_answer", _("Short answer")
    ESSAY = "essay", _("Essay")


CHOICE_TYPES = (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE)
OBJECTIVE_TYPES = (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER)
# Knowledge areas are the unit's required knowledge (13(b)) and its range statement (G2G, G2C, G2B).
KNOWLEDGE_AREA_SECTIONS = (UnitStatement.Section.KNOWLEDGE, UnitStatement.Section.RANGE)


class Item(models.Model):
    """A question's identity in the bank; what it says lives in its versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        RETIRED = "retired", _("Retired")

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MEDIUM = "medium", _("Medium")
        HARD = "hard", _("Hard")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="exam_items", verbose_name=_("unit"))
    code = models.CharField(_("code"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    difficulty = models.CharField(_("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("exam item")
        verbose_name_plural = _("exam items")
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="exam_item_code_unique_in_unit")]

    def __str__(self) -> str:
        return self.code


class ItemVersion(models.Model):
    """What one version of an item asks and how it is scored. Frozen once any attempt has drawn it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    is_current = models.BooleanField(default=True)
    item_type = models.CharField(_("type"), max_length=20, choices=ItemType.choices)
    stem_th = models.TextField(_("question (Thai)"))
    stem_en = models.TextField(_("question (English)"), blank=True)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2, default=Decimal("1"))
    # True/false items: the right answer. Choice items keep theirs on the choices.
    answer_true = models.BooleanField(_("the statement is true"), null=True, blank=True)
    # Short answers: accepted answers in Thai and English, matched after normalisation.
    accepted_answers = models.JSONField(_("accepted answers"), default=list, blank=True)
    # Essays: levels as [{"points": "2", "descriptor_th": "...", "descriptor_en": "..."}], lowest first.
    rubric = models.JSONField(_("rubric"), default=list, blank=True)
    criteria = models.ManyToManyField(
        PerformanceCriterion, blank=True, related_name="exam_item_versions", verbose_name=_("performance criteria")
    )
    knowledge_areas = models.ManyToManyField(
        UnitStatement, blank=True, related_name="exam_item_versions", verbose_name=_("knowledge areas"),
        limit_choices_to={"section__in": KNOWLEDGE_AREA_SECTIONS},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "-number"]
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="exam_item_version_number_unique"),
            models.UniqueConstraint(
                fields=["item"], condition=models.Q(is_current=True), name="exam_item_one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"

    @property
    def stem(self) -> str:
        return in_language(self.stem_th, self.stem_en)

    @property
    def is_objective(self) -> bool:
        return self.item_type in OBJECTIVE_TYPES


class Choice(models.Model):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(default=0)
    text_th = models.CharField(_("choice (Thai)"), max_length=1000)
    text_en = models.CharField(_("choice (English)"), max_length=1000, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return in_language(self.text_th, self.text_en)


class ExamDefinition(models.Model):
    """What a sitting of the written exam is: how many items of each tag, time, pass mark, attempts, window."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="exam_definitions", verbose_name=_("unit"))
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    instructions_th = models.TextField(_("instructions (Thai)"), blank=True)
    instructions_en = models.TextField(_("instructions (English)"), blank=True)
    item_count = models.PositiveSmallIntegerField(
        _("items per form"), help_text=_("Rules are minimums; the rest of the form is filled with objective items.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"))
    pass_mark_percent = models.DecimalField(_("pass mark (%)"), max_digits=5, decimal_places=2)
    attempts_allowed = models.PositiveSmallIntegerField(_("attempts allowed"), default=1)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_items = models.BooleanField(_("shuffle items"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "code"]
        verbose_name = _("exam definition")
        verbose_name_plural = _("exam definitions")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_th, self.title_en)

    @property
    def instructions(self) -> str:
        return in_language(self.instructions_th, self.instructions_en)

    @property
    def time_limit(self) -> timedelta:
        return timedelta(minutes=self.time_limit_minutes)


class DefinitionRule(models.Model):
    """At least `count` items on every form that carry this tag (and are of this kind)."""

    class Kind(models.TextChoices):
        OBJECTIVE = "objective", _("Any objective type")
        SINGLE_CHOICE = ItemType.SINGLE_CHOICE.value, ItemType.SINGLE_CHOICE.label
        MULTIPLE_CHOICE = ItemType.MULTIPLE_CHOICE.value, ItemType.MULTIPLE_CHOICE.label
        TRUE_FALSE = ItemType.TRUE_FALSE.value, ItemType.TRUE_FALSE.label
        SHORT_ANSWER = ItemType.SHORT_ANSWER.value, ItemType.SHORT_ANSWER.label
        ESSAY = ItemType.ESSAY.value, ItemType.ESSAY.label

    definition = models.ForeignKey(ExamDefinition, on_delete=models.CASCADE, related_name="rules")
    criterion = models.ForeignKey(
        PerformanceCriterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("performance criterion"),
    )
    knowledge_area = models.ForeignKey(
        UnitStatement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("knowledge area"), limit_choices_to={"section__in": KNOWLEDGE_AREA_SECTIONS},
    )
    kind = models.CharField(_("kind of item"), max_length=20, choices=Kind.choices, default=Kind.OBJECTIVE)
    count = models.PositiveSmallIntegerField(_("at least"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["definition", "order", "pk"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(criterion__isnull=False) & models.Q(knowledge_area__isnull=False)),
                name="exam_rule_one_tag_at_most",
            )
        ]

    def __str__(self) -> str:
        tag = self.criterion or self.knowledge_area or _("any tag")
        return f"≥ {self.count} · {self.get_kind_display()} · {tag}"


class Attempt(models.Model):
    """One sitting by a candidate, in their case: the form drawn for it, its clock and its result."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    class ClosedBy(models.TextChoices):
        CANDIDATE = "candidate", _("Submitted by the candidate")
        DEADLINE = "deadline", _("Submitted by the server when time ran out")

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="exam_attempts")
    definition = models.ForeignKey(ExamDefinition, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_by = models.CharField(max_length=10, choices=ClosedBy.choices, blank=True)
    # Copied at the start, so a later change to the definition never re-grades a sitting.
    pass_mark_percent = models.DecimalField(max_digits=5, decimal_places=2)
    max_score = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal("0"))
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    released_at = models.DateTimeField(_("result released"), null=True, blank=True)
    result_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("exam attempt")
        verbose_name_plural = _("exam attempts")
        constraints = [
            models.UniqueConstraint(fields=["case", "definition", "number"], name="exam_attempt_number_unique"),
            models.UniqueConstraint(
                fields=["case", "definition"], condition=models.Q(status="in_progress"),
                name="exam_one_attempt_in_progress",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="exam_attempt_overdue")]

    def __str__(self) -> str:
        return f"{self.case} · {self.definition.code} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    @property
    def is_released(self) -> bool:
        return self.released_at is not None


class Answer(models.Model):
    """One item of an attempt's form, in the order and choice order the candidate sees, and what they answered."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    item_version = models.ForeignKey(ItemVersion, on_delete=models.PROTECT, related_name="answers")
    position = models.PositiveSmallIntegerField()
    # Choice ids in the order shown; the browser only ever sees positions in this list.
    choice_order = models.JSONField(default=list)
    # Choice ids (one, or a sorted list), a boolean, or text; None while unanswered.
    response = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(null=True, blank=True)
    mark_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="exam_answer_position_unique"),
            models.UniqueConstraint(fields=["attempt", "item_version"], name="exam_answer_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.position}"

    @property
    def is_answered(self) -> bool:
        return self.response not in (None, "", [])


class Accommodation(models.Model):
    """Extra time or a sitting window of their own, granted to a candidate for one exam in their case, with the
    reason. Rows are never edited: a new grant supersedes the last, and a withdrawal is stamped on the row."""

    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="exam_accommodations")
    definition = models.ForeignKey(ExamDefinition, on_delete=models.PROTECT, related_name="accommodations",
                                   verbose_name=_("exam"))
    extra_minutes = models.PositiveSmallIntegerField(_("extra minutes"), null=True, blank=True)
    extra_percent = models.PositiveSmallIntegerField(_("extra time (%)"), null=True, blank=True)
    window_opens_at = models.DateTimeField(_("own window opens"), null=True, blank=True)
    window_closes_at = models.DateTimeField(_("own window closes"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted"))
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("withdrawn by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("exam accommodation")
        verbose_name_plural = _("exam accommodations")
        indexes = [models.Index(fields=["case", "definition", "-granted_at"], name="exam_accommodation_current")]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(extra_minutes__isnull=False) & models.Q(extra_percent__isnull=False)),
                name="exam_accommodation_minutes_or_percent",
            ),
            models.CheckConstraint(
                condition=(models.Q(window_opens_at__isnull=True) & models.Q(window_closes_at__isnull=True))
                | models.Q(window_opens_at__lt=models.F("window_closes_at")),
                name="exam_accommodation_window_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.definition.code} · {self.granted_at:%Y-%m-%d}"

    @property
    def has_window(self) -> bool:
        return self.window_opens_at is not None


class Sitting(models.Model):
    """A round of the exam that a coordinator schedules for a group of candidates: it opens at one moment and lets
    its candidates in over the admission window, each at a moment of their own, so the whole round never presses
    "start" in the same second. Every candidate's time runs from their own start."""

    definition = models.ForeignKey(ExamDefinition, on_delete=models.PROTECT, related_name="sittings",
                                   verbose_name=_("exam"))
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    admission_minutes = models.PositiveSmallIntegerField(
        _("admission window (minutes)"),
        help_text=_("Candidates are let in one by one over this many minutes after the opening."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("scheduled by"))
    created_at = models.DateTimeField(_("scheduled"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("exam sitting")
        verbose_name_plural = _("exam sittings")
        constraints = [
            models.CheckConstraint(condition=models.Q(admission_minutes__lte=120),
                                   name="exam_sitting_admission_at_most_two_hours"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_th, self.name_en)

    @property
    def admission_closes_at(self):
        """When the last of the sitting's candidates is let in."""
        return self.opens_at + timedelta(minutes=self.admission_minutes)


class Seat(models.Model):
    """A candidate's case seated in a sitting: they start the exam no earlier than their moment of admission."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="seats")
    case = models.ForeignKey(AssessmentCase, on_delete=models.PROTECT, related_name="exam_seats")
    seated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    seated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sitting", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [models.UniqueConstraint(fields=["sitting", "case"], name="exam_seat_once_per_sitting")]

    def __str__(self) -> str:
        return f"{self.sitting} · {self.case}"
