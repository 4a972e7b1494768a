"""Administrators allocate submitted cases; assessors claim from a pool; nobody judges their own agency."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from assessments.models import Allocation
from core.refusals import NotYours
from judging.services import allocation_assign, allocation_claim
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_allocates_cases_in_bulk(client, superuser, submitted_case, assessor, unit, other_candidate):
    from assessments.services import case_enrol, case_submit
    from evidence.services import evidence_item_create
    from tests.samples import pdf_upload

    second = case_enrol(candidate=other_candidate, unit_code="DG-EJJM-026")
    evidence_item_create(case=second, by=other_candidate, title="x", kind="performance", uploads=[pdf_upload()],
                         mappings={second.unit.criteria.first().pk: "y"})
    case_submit(case=second, by=other_candidate, summary="z")
    client.force_login(superuser)

    response = client.post(reverse("judging:allocation"), {
        "cases": [submitted_case.pk, second.pk], "assessor": assessor.pk, "marking": "first", "override_reason": "",
    })

    assert response.status_code == 302
    assert set(Allocation.objects.filter(assessor=assessor, active=True).values_list("case_id", flat=True)) == {
        submitted_case.pk, second.pk}


def test_an_assessor_from_the_candidates_agency_is_refused(submitted_case, superuser, candidate):
    colleague = UserFactory(username="colleague", department=candidate.department, roles=[Role.ASSESSOR])
    with pytest.raises(ValidationError, match="agency|หน่วยงาน"):
        allocation_assign(case=submitted_case, assessor=colleague, by=superuser)
    assert not Allocation.objects.exists()


def test_an_administrator_may_override_with_a_recorded_reason(submitted_case, superuser, candidate):
    colleague = UserFactory(username="colleague", department=candidate.department, roles=[Role.ASSESSOR])
    allocation = allocation_assign(case=submitted_case, assessor=colleague, by=superuser,
                                   override_reason="ผู้ประเมินเพียงคนเดียวที่มีความเชี่ยวชาญด้านนี้")
    assert allocation.override_reason.startswith("ผู้ประเมิน")


def test_only_administrators_allocate_unless_hr_officers_are_allowed(submitted_case, assessor, hr_officer, settings):
    with pytest.raises(NotYours):
        allocation_assign(case=submitted_case, assessor=assessor, by=hr_officer)
    settings.ALLOCATION_BY_HR_OFFICERS = True
    assert allocation_assign(case=submitted_case, assessor=assessor, by=hr_officer).assessor == assessor


def test_the_allocation_page_is_not_for_assessors(client, assessor):
    client.force_login(assessor)
    assert client.get(reverse("judging:allocation")).status_code == 404


def test_an_assessor_claims_from_the_pool_and_sees_the_case_in_their_queue(client, submitted_case, assessor):
    client.force_login(assessor)
    assert f"#{submitted_case.pk}" in client.get(reverse("judging:queue")).content.decode()

    response = client.post(reverse("judging:claim", args=[submitted_case.pk]))

    assert response.status_code == 302
    queue = client.get(reverse("judging:queue")).content.decode()
    assert reverse("judging:screen", args=[submitted_case.pk]) in queue


def test_a_claimed_case_leaves_the_pool(submitted_case, assessor, other_assessor):
    allocation_claim(case=submitted_case, assessor=assessor)
    with pytest.raises(ValidationError):
        allocation_claim(case=submitted_case, assessor=other_assessor)


def test_the_workload_counts_open_cases(client, superuser, allocated_case, assessor):
    client.force_login(superuser)
    body = client.get(reverse("judging:allocation")).content.decode()
    workload = body.split('id="workload"')[1]
    assert assessor.get_full_name() in workload
    assert "<td>1</td>" in workload


def _offered(body: str) -> str:
    """The assessor list of the allocation form."""
    return body.split('name="assessor"')[1].split("</select>")[0]


def _submitted_case_of(candidate):
    from assessments.services import case_enrol, case_submit
    from evidence.services import evidence_item_create
    from tests.samples import pdf_upload

    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    evidence_item_create(case=case, by=candidate, title="x", kind="performance", uploads=[pdf_upload()],
                         mappings={case.unit.criteria.first().pk: "y"})
    case_submit(case=case, by=candidate, summary="z")
    return case


def test_the_least_loaded_assessors_are_offered_and_a_search_finds_any_other(
        client, superuser, submitted_case, other_candidate, monkeypatch):
    monkeypatch.setattr("judging.views.ALLOCATION_ASSESSORS_SHOWN", 2)
    idle = [UserFactory(username=f"idle-{n}", roles=[Role.ASSESSOR]) for n in range(2)]
    busy = UserFactory(username="busy-bee", roles=[Role.ASSESSOR])
    allocation_assign(case=_submitted_case_of(other_candidate), assessor=busy, by=superuser)
    client.force_login(superuser)
    url = reverse("judging:allocation")

    body = client.get(url).content.decode()
    found = client.get(url, {"find": "busy-bee"}).content.decode()

    assert all(f'value="{person.pk}"' in _offered(body) for person in idle)
    assert f'value="{busy.pk}"' not in _offered(body)
    assert busy.get_full_name() not in body.split('id="workload"')[1]
    assert 'id="more-assessors"' in body
    assert f'value="{busy.pk}"' in _offered(found)
    assert all(f'value="{person.pk}"' not in _offered(found) for person in idle)
    assert "<td>1</td>" in found.split('id="workload"')[1]  # busy-bee's open case


def test_an_administrator_allocates_to_an_assessor_who_is_not_offered(client, superuser, submitted_case,
                                                                       monkeypatch):
    monkeypatch.setattr("judging.views.ALLOCATION_ASSESSORS_SHOWN", 1)
    UserFactory(username="aaa-first", roles=[Role.ASSESSOR])
    unlisted = UserFactory(username="zzz-last", roles=[Role.ASSESSOR])
    client.force_login(superuser)
    assert f'value="{unlisted.pk}"' not in _offered(client.get(reverse("judging:allocation")).content.decode())

    response = client.post(reverse("judging:allocation"), {
        "cases": [submitted_case.pk], "assessor": unlisted.pk, "marking": "first", "override_reason": ""})

    assert response.status_code == 302
    assert Allocation.objects.get(case=submitted_case, active=True).assessor == unlisted


def test_a_search_too_long_is_refused_with_a_message(client, superuser, submitted_case, assessor):
    client.force_login(superuser)

    response = client.get(reverse("judging:allocation"), {"find": "x" * 101})

    assert response.status_code == 400
    body = response.content.decode()
    assert "100" in body.split('class="invalid-feedback')[1].split("</div>")[0]  # at most 100 characters
    assert f'value="{assessor.pk}"' in _offered(body)  # the usual list is still offered
