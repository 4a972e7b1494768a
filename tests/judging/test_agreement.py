"""Agreement between markers, checked against figures worked by hand, and the page that lists it by pair."""
import pytest
from django.urls import reverse

from judging.agreement import agreement

C, N = "competent", "not_yet_competent"


def test_kappa_against_a_hand_worked_table():
    # 10 criteria: both C on 6, both N on 2, first C/second N on 1, first N/second C on 1.
    # p_o = 8/10 = 0.80. First marker: C 7, N 3; second: C 7, N 3.
    # p_e = (7*7 + 3*3) / 100 = 0.58. kappa = (0.80 - 0.58) / (1 - 0.58) = 0.22 / 0.42 = 0.5238…
    pairs = [(C, C)] * 6 + [(N, N)] * 2 + [(C, N), (N, C)]
    result = agreement(pairs)
    assert result.pairs == 10
    assert result.percent == pytest.approx(80.0)
    assert result.kappa == pytest.approx(0.22 / 0.42)


def test_kappa_when_agreement_is_no_better_than_chance():
    # p_o = 0.5; each marker says C half the time: p_e = (2*2 + 2*2)/16 = 0.5, so kappa = 0.
    pairs = [(C, C), (N, N), (C, N), (N, C)]
    assert agreement(pairs).kappa == pytest.approx(0.0)


def test_kappa_is_undefined_when_both_markers_only_ever_say_competent():
    result = agreement([(C, C)] * 5)
    assert result.percent == 100.0
    assert result.kappa is None


def test_no_pairs_no_figures():
    assert agreement([]).pairs == 0


# --- The agreement page -----------------------------------------------------------------------------------


def _second_marked(unit, first, second, *, criteria: int, disagree_on: int = 0):
    """A case of a new candidate whose first `criteria` criteria both markers judged; they disagree on some."""
    from assessments.models import AssessmentCase
    from judging.models import Judgment
    from tests.factories import UserFactory

    case = AssessmentCase.objects.create(candidate=UserFactory(), unit=unit, unit_code=unit.code,
                                         state=AssessmentCase.State.COMPETENT)
    for n, criterion in enumerate(unit.criteria.order_by("order")[:criteria]):
        for marker, marking in ((first, "first"), (second, "second")):
            verdict = N if marking == "second" and n < disagree_on else C
            Judgment.objects.create(case=case, round=1, criterion=criterion, assessor=marker, marking=marking,
                                    score=2 if verdict == C else 1, verdict=verdict)
    return case


@pytest.fixture
def markers(db, unit):
    """Three pairs of markers: amy with bea on ten criteria, amy with dee on five, cat with dee on three."""
    from accounts.roles import Role
    from tests.factories import UserFactory

    people = {name: UserFactory(username=f"marker-{name}", roles=[Role.ASSESSOR])
              for name in ("amy", "bea", "cat", "dee")}
    _second_marked(unit, people["amy"], people["bea"], criteria=10, disagree_on=1)
    _second_marked(unit, people["cat"], people["dee"], criteria=3)
    _second_marked(unit, people["amy"], people["dee"], criteria=5, disagree_on=5)
    return people


def _rows(body: str) -> list[list[str]]:
    """The table's rows, each as the text of its cells."""
    import re

    table = body.split('id="agreement"')[1].split("</table>")[0].split("</thead>")[1]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in table.split("<tr>")[1:]]


def _pair(markers, first, second, shared, percent):
    return [markers[first].get_full_name(), markers[second].get_full_name(), str(shared), percent]


def test_the_pairs_sharing_the_most_criteria_come_first_a_page_at_a_time(client, superuser, markers, monkeypatch):
    monkeypatch.setattr("judging.views.AGREEMENT_PAGE_SIZE", 2)
    client.force_login(superuser)
    url = reverse("judging:agreement")

    first_page = client.get(url).content.decode()
    second_page = client.get(url, {"page": 2}).content.decode()

    # amy and bea agree on 9 of their 10 criteria; amy and dee on none of their 5
    assert [row[:4] for row in _rows(first_page)] == [_pair(markers, "amy", "bea", 10, "90.0%"),
                                                      _pair(markers, "amy", "dee", 5, "0.0%")]
    assert [row[:4] for row in _rows(second_page)] == [_pair(markers, "cat", "dee", 3, "100.0%")]
    assert 'href="?page=2"' in first_page
    assert _rows(client.get(url, {"page": "last"}).content.decode()) == _rows(first_page)  # not a number: the first
    assert _rows(client.get(url, {"page": 99}).content.decode()) == _rows(second_page)  # past the end: the last


def test_finding_an_assessor_shows_only_the_pairs_they_are_in(client, superuser, markers):
    client.force_login(superuser)
    url = reverse("judging:agreement")

    found = client.get(url, {"find": "marker-dee"})
    nobody = client.get(url, {"find": "nobody-at-all"})

    assert found.status_code == nobody.status_code == 200
    assert [row[:3] for row in _rows(found.content.decode())] == [_pair(markers, "amy", "dee", 5, "")[:3],
                                                                  _pair(markers, "cat", "dee", 3, "")[:3]]
    assert len(_rows(nobody.content.decode())) == 1
    assert all(person.get_full_name() not in _rows(nobody.content.decode())[0][0] for person in markers.values())


def test_a_search_too_long_is_refused_with_a_message_and_every_pair_still_shown(client, superuser, markers):
    client.force_login(superuser)

    response = client.get(reverse("judging:agreement"), {"find": "x" * 101})

    assert response.status_code == 400
    body = response.content.decode()
    assert "100" in body.split('class="invalid-feedback')[1].split("</div>")[0]  # at most 100 characters
    assert len(_rows(body)) == 3


def test_the_next_page_of_a_search_stays_within_it(client, superuser, markers, monkeypatch):
    monkeypatch.setattr("judging.views.AGREEMENT_PAGE_SIZE", 1)
    client.force_login(superuser)
    url = reverse("judging:agreement")

    first_page = client.get(url, {"find": "marker-dee"}).content.decode()
    second_page = client.get(url, {"find": "marker-dee", "page": 2}).content.decode()

    assert 'href="?find=marker-dee&amp;page=2"' in first_page
    assert [row[:3] for row in _rows(first_page) + _rows(second_page)] == [
        _pair(markers, "amy", "dee", 5, "")[:3], _pair(markers, "cat", "dee", 3, "")[:3]]
