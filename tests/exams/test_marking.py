"""Essays wait for an allocated assessor, who marks them against the rubric; then the result is released."""
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Allocation
from exams.models import Attempt, ItemType
from exams.selectors import essays_awaiting_marking, exam_outcome_for_case
from exams.services import ExamRefused, MarkingRefused, answer_save, attempt_submit, essay_mark
from tests.exams.factories import answer_of, right_value, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(case, one_of_each):
    """An attempt with every objective item right and an essay written, handed in."""
    attempt = start(case, one_of_each)
    for answer in attempt.answers.select_related("item_version"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    return attempt_submit(attempt=attempt)


@pytest.fixture
def allocated(case, assessor):
    Allocation.objects.create(case=case, assessor=assessor)
    return assessor


def test_an_essay_waits_for_marking_and_the_outcome_is_pending(case, submitted):
    essay = answer_of(submitted, ItemType.ESSAY)
    assert list(essays_awaiting_marking(case)) == [essay]
    outcome = exam_outcome_for_case(case)
    assert outcome.passed is None
    assert outcome.released is False
    assert outcome.attempt_id == submitted.pk
    assert (outcome.score, outcome.max_score) == (Decimal("4"), Decimal("8"))


def test_the_allocated_assessor_marks_against_the_rubric_and_the_result_is_released(case, submitted, allocated):
    essay = answer_of(submitted, ItemType.ESSAY)

    essay_mark(answer=essay, assessor=allocated, rubric_level_or_score=3, comment="ครบถ้วน แต่ขาดตัวอย่าง")

    submitted.refresh_from_db()
    assert not essays_awaiting_marking(case).exists()
    assert submitted.score == Decimal("7")
    assert submitted.percent == Decimal("87.50")
    assert submitted.passed is True
    assert submitted.released_at is not None
    outcome = exam_outcome_for_case(case)
    assert (outcome.passed, outcome.released, outcome.percent, outcome.pass_mark_percent) == (
        True, True, Decimal("87.50"), Decimal("60.00"))


def test_a_mark_off_the_rubric_is_refused(submitted, allocated):
    essay = answer_of(submitted, ItemType.ESSAY)
    with pytest.raises(ExamRefused, match="rubric"):
        essay_mark(answer=essay, assessor=allocated, rubric_level_or_score="2.5", comment="")
    essay.refresh_from_db()
    assert essay.marked_at is None


def test_an_assessor_not_allocated_may_not_mark(submitted, other_assessor):
    essay = answer_of(submitted, ItemType.ESSAY)
    with pytest.raises(MarkingRefused, match="allocated"):
        essay_mark(answer=essay, assessor=other_assessor, rubric_level_or_score=4, comment="")


def test_an_essay_is_marked_once(submitted, allocated):
    essay = answer_of(submitted, ItemType.ESSAY)
    essay_mark(answer=essay, assessor=allocated, rubric_level_or_score=2, comment="")
    with pytest.raises(MarkingRefused, match="already been marked"):
        essay_mark(answer=essay, assessor=allocated, rubric_level_or_score=4, comment="")
    essay.refresh_from_db()
    assert essay.score == Decimal("2")


def test_the_marking_page_lists_and_marks_essays_of_allocated_cases(client, submitted, allocated):
    essay = answer_of(submitted, ItemType.ESSAY)
    client.force_login(allocated)
    listing = client.get(reverse("exams:marking_list")).content.decode()
    assert reverse("exams:mark", args=[essay.pk]) in listing
    page = client.get(reverse("exams:mark", args=[essay.pk])).content.decode()
    assert "คำตอบเรียงความ" in page

    response = client.post(reverse("exams:mark", args=[essay.pk]), {"level": "4", "comment": "ดีมาก"})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.score == Decimal("8")


def test_an_assessor_not_allocated_gets_404_for_the_marking_page(client, submitted, other_assessor):
    essay = answer_of(submitted, ItemType.ESSAY)
    client.force_login(other_assessor)
    assert client.get(reverse("exams:mark", args=[essay.pk])).status_code == 404
    assert reverse("exams:mark", args=[essay.pk]) not in client.get(reverse("exams:marking_list")).content.decode()


def test_candidates_cannot_open_the_marking_pages(client, candidate, submitted):
    client.force_login(candidate)
    assert client.get(reverse("exams:marking_list")).status_code == 404


def test_no_outcome_before_a_submitted_attempt(case, one_of_each):
    assert exam_outcome_for_case(case) is None
    start(case, one_of_each)
    assert exam_outcome_for_case(case) is None


def test_a_pass_stands_and_otherwise_the_best_released_attempt_counts(case, objective_only):
    first = start(case, objective_only)
    answer = answer_of(first, ItemType.SINGLE_CHOICE)
    answer_save(attempt=first, item_version_id=answer.item_version_id, value=right_value(answer))
    attempt_submit(attempt=first)  # 1 of 4: 25 %
    second = attempt_submit(attempt=start(case, objective_only))  # 0 %

    outcome = exam_outcome_for_case(case)

    assert second.percent == Decimal("0.00")
    assert (outcome.attempt_id, outcome.passed, outcome.percent) == (first.pk, False, Decimal("25.00"))
    assert Attempt.objects.filter(case=case).count() == 2
