"""The scoring-to-verdict rule and the unit decision rule, stated once and tested here."""
import pytest

from competency.models import RubricLevel, rubric_for
from judging.models import Decision, Verdict
from judging.rules import rubric_level, unit_outcome, verdict_for

pytestmark = pytest.mark.django_db


def test_the_default_rubric_has_four_levels_and_competent_starts_at_two(unit):
    criterion = unit.criteria.get(code="DL201.01")
    levels = rubric_for(criterion)
    assert [level.label_en for level in levels] == ["Not evident", "Developing", "Competent", "Exemplary"]
    assert [verdict_for(level) for level in levels] == [
        Verdict.NOT_YET_COMPETENT, Verdict.NOT_YET_COMPETENT, Verdict.COMPETENT, Verdict.COMPETENT,
    ]


def test_a_criterion_with_its_own_rubric_uses_its_threshold(unit):
    criterion = unit.criteria.get(code="DL203.01")
    for score, competent in ((1, False), (2, False), (3, True)):
        RubricLevel.objects.create(criterion=criterion, score=score, label_th=f"ระดับ {score}",
                                   counts_as_competent=competent)
    assert verdict_for(rubric_level(criterion, 2)) == Verdict.NOT_YET_COMPETENT
    assert verdict_for(rubric_level(criterion, 3)) == Verdict.COMPETENT
    assert rubric_level(criterion, 0) is None


@pytest.mark.parametrize(
    "verdicts,exam_passed,expected",
    [
        ([Verdict.COMPETENT] * 10, True, Decision.Outcome.COMPETENT),
        ([Verdict.COMPETENT] * 10, False, Decision.Outcome.NOT_YET_COMPETENT),
        ([Verdict.COMPETENT] * 10, None, Decision.Outcome.NOT_YET_COMPETENT),
        ([Verdict.COMPETENT] * 9 + [Verdict.NOT_YET_COMPETENT], True, Decision.Outcome.NOT_YET_COMPETENT),
    ],
    ids=["all-competent-exam-passed", "exam-failed", "no-exam", "one-criterion-short"],
)
def test_competent_only_when_every_criterion_is_and_the_exam_is_passed(verdicts, exam_passed, expected):
    assert unit_outcome(verdicts, exam_passed=exam_passed) == expected
