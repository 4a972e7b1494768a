"""Item analysis against figures worked out by hand: p, item–rest point-biserial, KR-20, distractors, flags."""
import pytest

from exams.analysis import (
    FLAG_DISTRACTOR_BEATS_KEY,
    FLAG_NEGATIVE_DISCRIMINATION,
    FLAG_TOO_EASY,
    FLAG_UNUSED_DISTRACTOR,
    Response,
    analyse,
    kr20,
    point_biserial,
)

# Five candidates (A–E) and four items, every candidate on the same form (1 = right):
#
#         i1 i2 i3 i4 | total
#     A    1  1  1  1 |   4
#     B    1  1  1  0 |   3
#     C    1  1  0  0 |   2
#     D    1  0  0  0 |   1
#     E    0  0  0  0 |   0
#
# Difficulty p: i1 = 4/5 = 0.8, i2 = 0.6, i3 = 0.4, i4 = 0.2.
# pq: 0.16, 0.24, 0.24, 0.16; Σpq = 0.80.
# Totals 4, 3, 2, 1, 0: mean 2, population variance ((2² + 1² + 0 + 1² + 2²) / 5) = 10 / 5 = 2.
# KR-20 = k/(k−1) · (1 − Σpq/σ²) = 4/3 · (1 − 0.80/2) = 4/3 · 0.6 = 0.8.
#
# Point-biserial of i1 against the rest score (total minus i1): rest = 3, 2, 1, 0, 0.
#   M1 (rest of those right: A–D) = (3 + 2 + 1 + 0)/4 = 1.5;  M0 (E) = 0.
#   rest mean 1.2; deviations 1.8, 0.8, −0.2, −1.2, −1.2; squares 3.24 + 0.64 + 0.04 + 1.44 + 1.44 = 6.8;
#   population SD = √(6.8/5) = √1.36 = 1.16619.
#   r = (M1 − M0)/SD · √(pq) = 1.5/1.16619 · √(0.8 · 0.2) = 1.28624 · 0.4 = 0.51450.
# Point-biserial of i2: rest = 3, 2, 1, 1, 0; M1 (A–C) = 2, M0 (D, E) = 0.5; rest mean 1.4;
#   squares 2.56 + 0.36 + 0.16 + 0.16 + 1.96 = 5.2; SD = √1.04 = 1.01980;
#   r = 1.5/1.01980 · √(0.6 · 0.4) = 1.47087 · 0.48990 = 0.72058.
MATRIX = {"A": [1, 1, 1, 1], "B": [1, 1, 1, 0], "C": [1, 1, 0, 0], "D": [1, 0, 0, 0], "E": [0, 0, 0, 0]}


def _responses(matrix: dict[str, list[int]]) -> list[Response]:
    return [
        Response(attempt_id=ord(person), version_id=item, correct=bool(score), answered=True)
        for person, scores in matrix.items()
        for item, score in enumerate(scores, start=1)
    ]


def test_difficulty_is_the_share_answering_right():
    stats = analyse(_responses(MATRIX), choices={}, keys={}, min_responses=5)
    assert [stats.items[i].p for i in (1, 2, 3, 4)] == pytest.approx([0.8, 0.6, 0.4, 0.2])


def test_kr20_matches_the_hand_calculation():
    stats = analyse(_responses(MATRIX), choices={}, keys={}, min_responses=5)
    assert stats.attempts == 5
    assert stats.mean == pytest.approx(2.0)
    assert stats.sd ** 2 == pytest.approx(2.0)
    assert stats.kr20 == pytest.approx(0.8)
    assert kr20(k=4, sum_pq=0.8, variance=2.0) == pytest.approx(0.8)


def test_point_biserial_matches_the_hand_calculation():
    stats = analyse(_responses(MATRIX), choices={}, keys={}, min_responses=5)
    assert stats.items[1].r_pb == pytest.approx(0.51450, abs=1e-5)
    assert stats.items[2].r_pb == pytest.approx(0.72058, abs=1e-5)
    assert point_biserial([1, 1, 1, 1, 0], [3, 2, 1, 0, 0]) == pytest.approx(0.51450, abs=1e-5)


def test_point_biserial_is_undefined_when_everyone_or_no_one_is_right():
    assert point_biserial([1, 1, 1], [2, 1, 0]) is None
    assert point_biserial([0, 0, 0], [2, 1, 0]) is None


def test_kr20_is_undefined_for_one_item_or_no_spread():
    assert kr20(k=1, sum_pq=0.2, variance=1.0) is None
    assert kr20(k=4, sum_pq=0.0, variance=0.0) is None


def test_a_miskeyed_item_shows_negative_discrimination_and_is_flagged():
    # A fifth item that only E, the weakest candidate, gets right. Totals become 4, 3, 2, 1, 1;
    # its rest scores are 4, 3, 2, 1, 0 (mean 2, SD √2); M1 = 0, M0 = 2.5, p = 0.2:
    # r = (0 − 2.5)/1.41421 · √(0.2 · 0.8) = −1.76777 · 0.4 = −0.70711.
    matrix = {person: scores + [1 if person == "E" else 0] for person, scores in MATRIX.items()}
    stats = analyse(_responses(matrix), choices={}, keys={}, min_responses=5)
    assert stats.items[5].r_pb == pytest.approx(-0.70711, abs=1e-5)
    assert FLAG_NEGATIVE_DISCRIMINATION in stats.items[5].flags
    assert stats.items[2].flags == []


def test_items_are_not_flagged_before_enough_responses():
    matrix = {person: scores + [1 if person == "E" else 0] for person, scores in MATRIX.items()}
    stats = analyse(_responses(matrix), choices={}, keys={}, min_responses=20)
    assert all(not item.flags for item in stats.items.values())


def test_distractors_are_counted_choice_by_choice_and_bad_ones_flagged():
    # Key 11; candidates pick 11, 11, 12, 12, 12 and nobody picks 13 or 14.
    picks = [11, 11, 12, 12, 12]
    responses = [
        Response(attempt_id=n, version_id=1, correct=pick == 11, answered=True, choice_ids=(pick,))
        for n, pick in enumerate(picks)
    ]
    stats = analyse(responses, choices={1: [11, 12, 13, 14]}, keys={1: {11}}, min_responses=5)
    item = stats.items[1]
    assert item.choice_counts == {11: 2, 12: 3, 13: 0, 14: 0}
    assert item.omitted == 0
    assert FLAG_DISTRACTOR_BEATS_KEY in item.flags
    assert FLAG_UNUSED_DISTRACTOR in item.flags


def test_an_item_everyone_gets_right_is_too_easy_and_omissions_are_counted():
    responses = [Response(attempt_id=n, version_id=1, correct=True, answered=True) for n in range(9)]
    responses.append(Response(attempt_id=9, version_id=1, correct=False, answered=False))
    responses += [Response(attempt_id=n, version_id=2, correct=n % 2 == 0, answered=True) for n in range(10)]
    stats = analyse(responses, choices={}, keys={}, min_responses=10)
    assert stats.items[1].omitted == 1
    assert stats.items[1].p == pytest.approx(0.9)
    assert FLAG_TOO_EASY not in stats.items[1].flags  # 0.9 is the edge, not beyond it
    everyone = [Response(attempt_id=n, version_id=3, correct=True, answered=True) for n in range(10)]
    assert FLAG_TOO_EASY in analyse(everyone, choices={}, keys={}, min_responses=10).items[3].flags


def test_random_forms_use_the_mean_form_length_and_each_forms_own_sum_of_pq():
    # Two forms share item 1: form X = items 1, 2 (attempts a, b), form Y = items 1, 3 (attempts c, d).
    #   item 1: right for a, c → p = 0.5, pq = 0.25; item 2: right for a → p = 0.5; item 3: right for c → 0.5.
    #   Σpq per attempt = 0.25 + 0.25 = 0.5 for every attempt, so the mean Σpq is 0.5; k = 2.
    #   totals a = 2, b = 0, c = 2, d = 0: mean 1, variance 1.
    #   KR-20 = 2/1 · (1 − 0.5/1) = 1.0.
    rows = [("a", 1, 1), ("a", 2, 1), ("b", 1, 0), ("b", 2, 0), ("c", 1, 1), ("c", 3, 1), ("d", 1, 0), ("d", 3, 0)]
    responses = [Response(attempt_id=ord(a), version_id=v, correct=bool(s), answered=True) for a, v, s in rows]
    assert analyse(responses, choices={}, keys={}, min_responses=1).kr20 == pytest.approx(1.0)


# --- The analysis page, from real attempts ---------------------------------------------------------------------


@pytest.fixture
def sat(bank, objective_only):
    """Six candidates sit the same four items: five get the single-choice item right, one gets everything right."""
    from accounts.roles import Role
    from assessments.services import case_enrol
    from exams.models import ItemType
    from exams.services import answer_save, attempt_submit
    from tests.exams.factories import answer_of, right_value, start, wrong_value
    from tests.factories import UserFactory

    for n in range(6):
        case = case_enrol(candidate=UserFactory(username=f"sitter{n}", roles=[Role.CANDIDATE]),
                          unit_code="DG-EJJM-026")
        attempt = start(case, objective_only)
        single = answer_of(attempt, ItemType.SINGLE_CHOICE)
        answer_save(attempt=attempt, item_version_id=single.item_version_id,
                    value=right_value(single) if n else wrong_value(single))
        if n == 5:
            for item_type in (ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER):
                answer = answer_of(attempt, item_type)
                answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
        attempt_submit(attempt=attempt)
    return objective_only


@pytest.mark.django_db
def test_the_analysis_page_shows_each_item_with_its_charts_and_kr20(client, standards_administrator, sat, settings):
    from django.urls import reverse

    from exams.selectors import definition_analysis

    settings.EXAM_ANALYSIS_MIN_RESPONSES = 5
    analysis = definition_analysis(sat)
    single = next(row for row in analysis.rows if row.version.item_type == "single_choice")
    assert analysis.stats.attempts == 6
    assert single.stats.n == 6 and single.stats.p == pytest.approx(5 / 6)
    assert sum(choice.count for choice in single.choices) == 6
    assert analysis.stats.kr20 is not None

    client.force_login(standards_administrator)
    body = client.get(reverse("exams:analysis", args=[sat.pk])).content.decode()

    assert body.count("<tr data-item=") == 4
    assert "<svg" in body and " style=" not in body
    assert 'data-kr20>' in body
    assert "data-flagged" in body  # three items nobody but one candidate answered are too hard


@pytest.mark.django_db
def test_candidates_cannot_see_the_analysis(client, candidate, objective_only):
    from django.urls import reverse

    client.force_login(candidate)
    assert client.get(reverse("exams:analysis", args=[objective_only.pk])).status_code == 404
