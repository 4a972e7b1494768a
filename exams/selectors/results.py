"""An attempt's result per knowledge area and criterion, and the attempt that counts in a case's decision."""
from dataclasses import dataclass
from decimal import Decimal

from assessments.models import AssessmentCase

from ..models import Answer, Attempt
from ..scoring import percent_of
from .tags import knowledge_area_key


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
