"""Objective items are scored on submit from what was saved; short answers match however they are typed."""
from decimal import Decimal

import pytest

from exams.models import Attempt, ItemType
from exams.scoring import normalise, short_answer_matches
from exams.services import answer_save, attempt_submit
from tests.exams.factories import answer_of, right_value, start, wrong_value

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed,accepted",
    [
        ("  enterprise   ARCHITECTURE. ", "Enterprise Architecture"),
        ("As-Is", "as is"),
        ("“OKR”!", "OKR"),
        ("G2C", "g2c"),
        ("๔", "4"),
        ("ข้อมูลขนาดใหญ่", "ข้อมูลขนาดใหญ่"),
        ("กรุงเทพฯ", "กรุงเทพ"),
        ("ต่าง ๆ", "ต่างๆ"),
        ("ส\u0e4d\u0e32นักงาน", "สำนักงาน"),  # sara am typed as nikhahit + sara aa
        ("e\u0301", "\u00e9"),  # decomposed and composed é
        ("ข้อมูล\u200bหลัก", "ข้อมูลหลัก"),  # a zero-width space pasted from a document
    ],
)
def test_short_answers_match_after_normalisation(typed, accepted):
    assert short_answer_matches(typed, [accepted])


@pytest.mark.parametrize("typed", ["", "   ", "...", "Big", "As-Is architecture"])
def test_other_short_answers_do_not_match(typed):
    assert not short_answer_matches(typed, ["As-Is"])


def test_normalise_keeps_thai_words_and_collapses_spaces():
    assert normalise("  ธรรมาภิบาล   ข้อมูล ,  ภาครัฐ ") == "ธรรมาภิบาล ข้อมูล ภาครัฐ"


def test_every_objective_type_scores_its_points_only_when_right(case, one_of_each):
    attempt = start(case, one_of_each)
    right = [ItemType.SINGLE_CHOICE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER]
    for item_type in right:
        answer = answer_of(attempt, item_type)
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    multiple = answer_of(attempt, ItemType.MULTIPLE_CHOICE)
    # One right choice of several is not the right set: multiple choice is all or nothing.
    answer_save(attempt=attempt, item_version_id=multiple.item_version_id, value=right_value(multiple)[:1])

    attempt = attempt_submit(attempt=attempt)

    scores = {a.item_version.item_type: a.score for a in attempt.answers.select_related("item_version")}
    assert scores == {
        ItemType.SINGLE_CHOICE: Decimal("1"), ItemType.TRUE_FALSE: Decimal("1"), ItemType.SHORT_ANSWER: Decimal("1"),
        ItemType.MULTIPLE_CHOICE: Decimal("0"), ItemType.ESSAY: None,
    }
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.closed_by == Attempt.ClosedBy.CANDIDATE
    assert attempt.max_score == Decimal("8")  # four objective points and a four-point essay
    assert attempt.released_at is None  # the essay is still to be marked


def test_the_exact_set_of_right_choices_scores_a_multiple_choice_item(case, objective_only):
    attempt = start(case, objective_only)
    multiple = answer_of(attempt, ItemType.MULTIPLE_CHOICE)
    answer_save(attempt=attempt, item_version_id=multiple.item_version_id, value=right_value(multiple))
    attempt_submit(attempt=attempt)
    multiple.refresh_from_db()
    assert multiple.score == Decimal("1")


def test_wrong_and_missing_answers_score_nothing(case, objective_only):
    attempt = start(case, objective_only)
    for item_type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE):
        answer = answer_of(attempt, item_type)
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=wrong_value(answer))

    attempt = attempt_submit(attempt=attempt)

    assert attempt.score == Decimal("0")
    assert attempt.percent == Decimal("0.00")
    assert attempt.passed is False
    assert attempt.released_at is not None  # nothing to mark, so the result is final at once


def test_an_answer_cleared_again_is_not_answered(case, objective_only):
    attempt = start(case, objective_only)
    single = answer_of(attempt, ItemType.SINGLE_CHOICE)
    answer_save(attempt=attempt, item_version_id=single.item_version_id, value=right_value(single))
    answer_save(attempt=attempt, item_version_id=single.item_version_id, value=None)
    single.refresh_from_db()
    assert single.response is None
    assert attempt_submit(attempt=attempt).score == Decimal("0")


def test_an_objective_only_attempt_passes_on_submit_at_the_pass_mark(case, objective_only):
    attempt = start(case, objective_only)
    for item_type in (ItemType.SINGLE_CHOICE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER):
        answer = answer_of(attempt, item_type)
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))

    attempt = attempt_submit(attempt=attempt)

    assert (attempt.score, attempt.max_score, attempt.percent) == (Decimal("3"), Decimal("4"), Decimal("75.00"))
    assert attempt.passed is True
