"""The assessment rules, stated once: a score's verdict, and the unit decision that follows from verdicts."""
from collections.abc import Iterable

from competency.models import PerformanceCriterion, RubricLevel, rubric_for

from .models import Decision, Verdict


def rubric_level(criterion: PerformanceCriterion, score: int) -> RubricLevel | None:
    return next((level for level in rubric_for(criterion) if level.score == score), None)


def verdict_for(level: RubricLevel) -> str:
    """Competent when the chosen level reaches the rubric's threshold, else not yet competent."""
    return Verdict.COMPETENT if level.counts_as_competent else Verdict.NOT_YET_COMPETENT


def unit_outcome(verdicts: Iterable[str], *, exam_passed: bool | None) -> str:
    """Competent only when every criterion is competent and the written exam is passed."""
    all_competent = all(v == Verdict.COMPETENT for v in verdicts)
    return Decision.Outcome.COMPETENT if all_competent and exam_passed else Decision.Outcome.NOT_YET_COMPETENT
