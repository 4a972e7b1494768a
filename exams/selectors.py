"""Reads of the bank, definitions and attempts, each fetched for one user so outsiders get a 404."""
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.permissions import is_administrator
from assessments.models import Allocation, AssessmentCase
from competency.models import PerformanceCriterion, Unit, UnitStatement
from core.i18n import in_language

from . import analysis
from .conf import analysis_min_responses, grace_period
from .content import ChoiceContent, ItemContent, RubricLevelContent
from .drawing import PoolItem, RuleSpec
from .models import (
    KNOWLEDGE_AREA_SECTIONS, OBJECTIVE_TYPES, Answer, Attempt, Choice, ExamDefinition, Item, ItemType, ItemVersion,
)
from .scoring import percent_of

State = AssessmentCase.State
# A case may sit the exam while it is being built or assessed, not once the unit has been decided.
EXAM_CASE_STATES = (
    State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED, State.RESUBMITTED,
)


# --- Tags ---------------------------------------------------------------------------------------------------


def knowledge_area_key(statement: UnitStatement) -> str:
    """K1–K9 for the required knowledge of 13(b) in printed order, R1… for the range statement."""
    prefix = "K" if statement.section == UnitStatement.Section.KNOWLEDGE else "R"
    return f"{prefix}{statement.order}"


@dataclass
class TagIndex:
    criteria: dict[str, PerformanceCriterion]
    areas: dict[str, UnitStatement]


def tag_index(unit: Unit) -> TagIndex:
    criteria = PerformanceCriterion.objects.filter(unit=unit).order_by("order", "code")
    statements = UnitStatement.objects.filter(unit=unit, section__in=KNOWLEDGE_AREA_SECTIONS)
    areas = sorted(statements, key=lambda s: (s.section != UnitStatement.Section.KNOWLEDGE, s.order))
    return TagIndex(
        criteria={c.code: c for c in criteria}, areas={knowledge_area_key(s): s for s in areas}
    )


# --- The bank -----------------------------------------------------------------------------------------------


def _with_content(versions: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
    return versions.select_related("item").prefetch_related("choices", "criteria", "knowledge_areas")


def bank_items(*, unit_code: str | None = None, status: str = "", item_type: str = "", search: str = "") -> list[Item]:
    """Items with their current version, newest first by code, for the authoring list and exports."""
    items = Item.objects.select_related("unit").prefetch_related(
        Prefetch("versions", queryset=_with_content(ItemVersion.objects.filter(is_current=True)), to_attr="current")
    )
    if unit_code:
        items = items.filter(unit__code=unit_code)
    if status:
        items = items.filter(status=status)
    if item_type:
        items = items.filter(versions__is_current=True, versions__item_type=item_type)
    if search:
        items = items.filter(
            Q(code__icontains=search)
            | Q(versions__is_current=True, versions__stem_th__icontains=search)
            | Q(versions__is_current=True, versions__stem_en__icontains=search)
        ).distinct()
    result = list(items.order_by("code"))
    for item in result:
        item.current = item.current[0] if item.current else None
    return result


def item_for_author(*, item_id: int) -> Item:
    item = Item.objects.select_related("unit").filter(pk=item_id).first()
    if item is None:
        raise Http404("No such item")
    return item


def item_current_version(item: Item) -> ItemVersion:
    return _with_content(ItemVersion.objects.filter(item=item, is_current=True)).get()


def item_versions(item: Item) -> QuerySet[ItemVersion]:
    return ItemVersion.objects.filter(item=item).select_related("created_by").order_by("-number")


def version_has_been_drawn(version: ItemVersion) -> bool:
    """An item a candidate has seen is never changed in place: attempts keep the version they saw."""
    return Answer.objects.filter(item_version=version).exists()


def content_of(version: ItemVersion) -> ItemContent:
    return ItemContent(
        item_type=version.item_type,
        stem_th=version.stem_th,
        stem_en=version.stem_en,
        points=version.points,
        choices=tuple(ChoiceContent(c.text_th, c.text_en, c.is_correct) for c in version.choices.all()),
        answer_true=version.answer_true,
        accepted_answers=tuple(version.accepted_answers),
        rubric=tuple(
            RubricLevelContent(Decimal(level["points"]), level["descriptor_th"], level.get("descriptor_en", ""))
            for level in version.rubric
        ),
        criterion_codes=tuple(sorted(c.code for c in version.criteria.all())),
        knowledge_keys=tuple(sorted(knowledge_area_key(s) for s in version.knowledge_areas.all())),
    )


def bank_pool(unit: Unit) -> list[PoolItem]:
    """The approved items' current versions: what a new form is drawn from."""
    versions = ItemVersion.objects.filter(
        is_current=True, item__status=Item.Status.APPROVED, item__unit=unit
    ).select_related("item").prefetch_related("criteria", "knowledge_areas")
    return [
        PoolItem(
            version_id=v.pk,
            code=v.item.code,
            item_type=v.item_type,
            criterion_ids=frozenset(c.pk for c in v.criteria.all()),
            knowledge_area_ids=frozenset(s.pk for s in v.knowledge_areas.all()),
        )
        for v in versions
    ]


def definition_rules(definition: ExamDefinition) -> list[RuleSpec]:
    return [
        RuleSpec(order=r.order, count=r.count, kind=r.kind, criterion_id=r.criterion_id,
                 knowledge_area_id=r.knowledge_area_id)
        for r in definition.rules.all()
    ]


# --- Taking the exam ----------------------------------------------------------------------------------------


def attempt_is_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Past the deadline and the grace period: no answer is accepted and the server submits it."""
    return (now or timezone.now()) > attempt.deadline + grace_period()


def remaining_seconds(attempt: Attempt, now: datetime | None = None) -> int:
    if not attempt.is_open:
        return 0
    return max(0, math.ceil((attempt.deadline - (now or timezone.now())).total_seconds()))


def overdue_attempt_ids(now: datetime | None = None) -> list[int]:
    cutoff = (now or timezone.now()) - grace_period()
    return list(
        Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lt=cutoff).values_list("pk", flat=True)
    )


def attempt_for_candidate(*, user, attempt_id: int) -> Attempt:
    """The attempt if this user is the candidate whose case it belongs to; anyone else gets a 404."""
    if not user.is_authenticated:
        raise Http404("No such attempt")
    attempt = (
        Attempt.objects.select_related("definition", "case").filter(pk=attempt_id, case__candidate=user).first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


def definition_is_open(definition: ExamDefinition, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    closed = definition.closes_at is not None and now >= definition.closes_at
    return definition.is_active and definition.opens_at <= now and not closed


def start_refusal(case: AssessmentCase, definition: ExamDefinition, attempts: list[Attempt]) -> str | None:
    """Why the candidate may not start a new attempt now, or None. An attempt in progress is resumed instead."""
    if definition.unit.code != case.unit_code:
        return _("This exam is for another unit.")
    if case.state not in EXAM_CASE_STATES:
        return _("The exam can no longer be taken in this case: the unit has been decided.")
    if not definition_is_open(definition):
        return _("The exam is not open at the moment.")
    if any(a.passed for a in attempts):
        return _("You have already passed this exam.")
    if any(not a.is_open and not a.is_released for a in attempts):
        return _("Your previous attempt is still being marked; you can try again once its result is out.")
    if len(attempts) >= definition.attempts_allowed:
        return _("You have used all %(n)s attempts allowed.") % {"n": definition.attempts_allowed}
    return None


@dataclass
class ExamOffer:
    """One exam a candidate's case can sit, with the attempts made so far."""

    case: AssessmentCase
    definition: ExamDefinition
    attempts: list[Attempt]
    refusal: str | None

    @property
    def in_progress(self) -> Attempt | None:
        return next((a for a in self.attempts if a.is_open), None)


def exam_offers_for_candidate(user) -> list[ExamOffer]:
    """Each exam of each case: those the candidate can still sit, and those they sat, with their results."""
    cases = list(AssessmentCase.objects.filter(candidate=user).select_related("unit"))
    # Three queries however many cases and exams the candidate has.
    definitions_by_code = defaultdict(list)
    for definition in ExamDefinition.objects.filter(unit__code__in={case.unit_code for case in cases}).select_related("unit"):
        definitions_by_code[definition.unit.code].append(definition)
    attempts_by_pair = defaultdict(list)
    for attempt in Attempt.objects.filter(case__in=cases).order_by("number"):
        attempts_by_pair[(attempt.case_id, attempt.definition_id)].append(attempt)
    offers = []
    for case in cases:
        for definition in definitions_by_code[case.unit_code]:
            attempts = attempts_by_pair[(case.pk, definition.pk)]
            if attempts or (definition.is_active and case.state in EXAM_CASE_STATES):
                offers.append(ExamOffer(case, definition, attempts, start_refusal(case, definition, attempts)))
    return offers


def exam_offer(*, user, case_id: int, definition_id: int) -> ExamOffer:
    offer = next(
        (o for o in exam_offers_for_candidate(user) if o.case.pk == case_id and o.definition.pk == definition_id), None
    )
    if offer is None:
        raise Http404("No such exam")
    return offer


@dataclass
class ChoiceView:
    index: int
    text: str
    selected: bool


@dataclass
class QuestionView:
    """An item as the candidate sees it: never anything that tells the right answer."""

    number: int
    version_id: int
    item_type: str
    stem: str
    points: Decimal
    choices: list[ChoiceView]
    text: str
    true_false: bool | None
    answered: bool

    @property
    def type_label(self) -> str:
        return ItemType(self.item_type).label

    @property
    def points_label(self) -> str:
        points = f"{self.points.normalize():f}"
        return ngettext("%(points)s point", "%(points)s points", 1 if self.points == 1 else 2) % {"points": points}


def _question(answer: Answer, choice_texts: dict[int, str]) -> QuestionView:
    version = answer.item_version
    selected = answer.response if isinstance(answer.response, list) else [answer.response]
    return QuestionView(
        number=answer.position,
        version_id=version.pk,
        item_type=version.item_type,
        stem=version.stem,
        points=version.points,
        choices=[
            ChoiceView(index, choice_texts[choice_id], choice_id in selected)
            for index, choice_id in enumerate(answer.choice_order)
        ],
        text=answer.response if isinstance(answer.response, str) else "",
        true_false=answer.response if isinstance(answer.response, bool) else None,
        answered=answer.is_answered,
    )


def attempt_questions(attempt: Attempt) -> list[QuestionView]:
    answers = list(attempt.answers.select_related("item_version").order_by("position"))
    choices = Choice.objects.filter(version_id__in=[a.item_version_id for a in answers]).only("text_th", "text_en")
    choice_texts = {choice.pk: choice.text for choice in choices}
    return [_question(answer, choice_texts) for answer in answers]


@dataclass
class ItemPreview:
    """An item as the candidate will see it, and beside it — for authors only — its key."""

    question: QuestionView
    correct_indices: set[int]
    answer_true: bool | None
    accepted_answers: list[str]
    rubric: list[RubricLevelContent]


def preview_of(content: ItemContent) -> ItemPreview:
    question = QuestionView(
        number=1, version_id=0, item_type=content.item_type,
        stem=in_language(content.stem_th, content.stem_en), points=content.points,
        choices=[ChoiceView(n, in_language(c.text_th, c.text_en), False) for n, c in enumerate(content.choices)],
        text="", true_false=None, answered=False,
    )
    return ItemPreview(
        question=question,
        correct_indices={n for n, c in enumerate(content.choices) if c.is_correct},
        answer_true=content.answer_true,
        accepted_answers=list(content.accepted_answers),
        rubric=list(content.rubric),
    )


def attempt_state(attempt: Attempt) -> dict:
    """What the page needs to stay in step with the server: its clock and whether the attempt is still open."""
    return {
        "status": attempt.status,
        "remaining_seconds": remaining_seconds(attempt),
        "answered": attempt.answers.filter(response__isnull=False).count(),
    }


# --- Results ------------------------------------------------------------------------------------------------


@dataclass
class TagResult:
    key: str
    text: str
    score: Decimal = Decimal("0")
    max_score: Decimal = Decimal("0")
    items: int = 0

    @property
    def percent(self) -> Decimal:
        return percent_of(self.score, self.max_score)


@dataclass
class AttemptResult:
    attempt: Attempt
    by_knowledge_area: list[TagResult]
    by_criterion: list[TagResult]
    essays_awaiting: int


def attempt_result(attempt: Attempt) -> AttemptResult:
    """The attempt's score broken down per knowledge area and per criterion, from the versions it drew."""
    answers = attempt.answers.select_related("item_version").prefetch_related(
        "item_version__criteria", "item_version__knowledge_areas"
    )
    areas: dict[int, TagResult] = {}
    criteria: dict[int, TagResult] = {}
    awaiting = 0
    for answer in answers:
        version = answer.item_version
        if answer.score is None:
            awaiting += 1
        for statement in version.knowledge_areas.all():
            row = areas.setdefault(statement.pk, TagResult(knowledge_area_key(statement), statement.text))
            _add(row, answer)
        for criterion in version.criteria.all():
            row = criteria.setdefault(criterion.pk, TagResult(criterion.code, criterion.text))
            _add(row, answer)

    def key_order(row: TagResult):
        return (row.key[0] != "K", int(row.key[1:]) if row.key[1:].isdigit() else 0, row.key)

    return AttemptResult(
        attempt=attempt,
        by_knowledge_area=sorted(areas.values(), key=key_order),
        by_criterion=sorted(criteria.values(), key=lambda row: row.key),
        essays_awaiting=awaiting,
    )


def _add(row: TagResult, answer: Answer) -> None:
    row.items += 1
    row.max_score += answer.item_version.points
    row.score += answer.score or Decimal("0")


@dataclass
class ExamOutcome:
    """The written exam's part in a case's decision."""

    passed: bool | None
    score: Decimal
    max_score: Decimal
    percent: Decimal
    pass_mark_percent: Decimal
    released: bool
    attempt_id: int | None


def _outcome(attempt: Attempt) -> ExamOutcome:
    score = attempt.score if attempt.score is not None else Decimal("0")
    return ExamOutcome(
        passed=attempt.passed if attempt.is_released else None,
        score=score,
        max_score=attempt.max_score,
        percent=percent_of(score, attempt.max_score),
        pass_mark_percent=attempt.pass_mark_percent,
        released=attempt.is_released,
        attempt_id=attempt.pk,
    )


def exam_outcome_for_case(case: AssessmentCase) -> ExamOutcome | None:
    """The attempt that counts, by "highest grade": a pass stands; else a sitting still being marked; else the best.

    None when the candidate has not submitted an attempt."""
    attempts = list(
        Attempt.objects.filter(case=case, status=Attempt.Status.SUBMITTED).order_by("-percent", "-submitted_at")
    )
    if not attempts:
        return None
    passed = [a for a in attempts if a.is_released and a.passed]
    if passed:
        return _outcome(passed[0])
    pending = sorted((a for a in attempts if not a.is_released), key=lambda a: a.submitted_at, reverse=True)
    if pending:
        return _outcome(pending[0])
    return _outcome(attempts[0])


# --- Marking ------------------------------------------------------------------------------------------------


def _essays_awaiting() -> QuerySet[Answer]:
    return (
        Answer.objects.filter(
            attempt__status=Attempt.Status.SUBMITTED, item_version__item_type=ItemType.ESSAY, marked_at__isnull=True
        )
        .select_related("attempt__case__candidate", "attempt__definition", "item_version")
        .order_by("attempt__submitted_at", "position")
    )


def essays_awaiting_marking(case: AssessmentCase) -> QuerySet[Answer]:
    """Essay answers of the case's submitted attempts that no assessor has marked yet."""
    return _essays_awaiting().filter(attempt__case=case)


def _allocated_cases(user) -> QuerySet[AssessmentCase]:
    if is_administrator(user):
        return AssessmentCase.objects.all()
    allocated = Allocation.objects.filter(case=OuterRef("pk"), assessor=user, active=True)
    return AssessmentCase.objects.filter(Exists(allocated))


def essays_awaiting_marking_for(assessor) -> QuerySet[Answer]:
    return _essays_awaiting().filter(attempt__case__in=_allocated_cases(assessor))


def essay_for_marker(*, user, answer_id: int) -> Answer:
    """An essay answer of a case allocated to this assessor; anyone else gets a 404."""
    answer = (
        Answer.objects.filter(
            pk=answer_id, item_version__item_type=ItemType.ESSAY, attempt__status=Attempt.Status.SUBMITTED,
            attempt__case__in=_allocated_cases(user),
        )
        .select_related("attempt__case__candidate", "attempt__definition", "item_version", "marked_by")
        .first()
    )
    if answer is None:
        raise Http404("No such answer")
    return answer


# --- Item analysis ------------------------------------------------------------------------------------------


@dataclass
class ChoiceCount:
    text: str
    count: int
    is_correct: bool


FLAG_LABELS = {
    analysis.FLAG_TOO_HARD: gettext_lazy("Too hard: fewer than 20% answer it right"),
    analysis.FLAG_TOO_EASY: gettext_lazy("Too easy: more than 90% answer it right"),
    analysis.FLAG_WEAK_DISCRIMINATION: gettext_lazy("Weak discrimination: point-biserial below 0.20"),
    analysis.FLAG_NEGATIVE_DISCRIMINATION: gettext_lazy(
        "Negative discrimination: stronger candidates miss it more often; check the key"),
    analysis.FLAG_DISTRACTOR_BEATS_KEY: gettext_lazy("A wrong choice is picked more often than the right one"),
    analysis.FLAG_UNUSED_DISTRACTOR: gettext_lazy("A wrong choice almost nobody picks"),
}


@dataclass
class ItemAnalysisRow:
    version: ItemVersion
    stats: analysis.ItemStats
    choices: list[ChoiceCount] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.stats.flags]

    @property
    def choice_shares(self) -> list[tuple[ChoiceCount, float]]:
        return [(choice, choice.count / self.stats.n if self.stats.n else 0.0) for choice in self.choices]


@dataclass
class DefinitionAnalysis:
    definition: ExamDefinition
    stats: analysis.DefinitionStats
    rows: list[ItemAnalysisRow]
    min_responses: int

    @property
    def enough(self) -> bool:
        return self.stats.attempts >= self.min_responses

    @property
    def flagged(self) -> list[ItemAnalysisRow]:
        return [row for row in self.rows if row.stats.flags]


def definition_analysis(definition: ExamDefinition) -> DefinitionAnalysis:
    """p, point-biserial, distractor counts and KR-20 from the definition's submitted attempts."""
    answers = Answer.objects.filter(
        attempt__definition=definition, attempt__status=Attempt.Status.SUBMITTED,
        item_version__item_type__in=OBJECTIVE_TYPES,
    ).select_related("item_version")
    versions: dict[int, ItemVersion] = {}
    responses = []
    for answer in answers:
        versions.setdefault(answer.item_version_id, answer.item_version)
        picked = answer.response if isinstance(answer.response, list) else [answer.response]
        responses.append(analysis.Response(
            attempt_id=answer.attempt_id,
            version_id=answer.item_version_id,
            correct=bool(answer.score),
            answered=answer.is_answered,
            choice_ids=tuple(p for p in picked if isinstance(p, int) and not isinstance(p, bool)),
        ))
    choices: dict[int, list[Choice]] = defaultdict(list)
    for choice in Choice.objects.filter(version_id__in=versions).order_by("order", "pk"):
        choices[choice.version_id].append(choice)
    stats = analysis.analyse(
        responses,
        choices={vid: [c.pk for c in cs] for vid, cs in choices.items()},
        keys={vid: {c.pk for c in cs if c.is_correct} for vid, cs in choices.items()},
        min_responses=analysis_min_responses(),
    )
    rows = [
        ItemAnalysisRow(
            version=versions[vid],
            stats=item_stats,
            choices=[ChoiceCount(c.text, item_stats.choice_counts.get(c.pk, 0), c.is_correct) for c in choices[vid]],
        )
        for vid, item_stats in stats.items.items()
    ]
    rows.sort(key=lambda row: (row.version.item.code, row.version.number))
    return DefinitionAnalysis(definition, stats, rows, analysis_min_responses())


def definitions_for_authors() -> QuerySet[ExamDefinition]:
    return ExamDefinition.objects.select_related("unit").prefetch_related(
        "rules__criterion", "rules__knowledge_area"
    ).order_by("unit__code", "code")


def definition_for_author(*, definition_id: int) -> ExamDefinition:
    definition = definitions_for_authors().filter(pk=definition_id).first()
    if definition is None:
        raise Http404("No such exam definition")
    return definition

