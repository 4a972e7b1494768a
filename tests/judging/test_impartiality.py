"""Impartiality: an assessor declares no conflict of interest to take a case, and the declarations and every
same-agency override are reported, with a CSV export, to coordinators, moderators and administrators only."""
import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from assessments.models import AssessmentCase
from core.dates import buddhist_year
from judging.models import CaseLease, ImpartialityDeclaration
from judging.selectors import case_timeline
from judging.services import allocation_assign
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DECLARATION_OPENING = "ข้าพเจ้าขอรับรองว่าไม่มีส่วนได้ส่วนเสีย"
OVERRIDE_REASON = "=ผู้ประเมินเพียงคนเดียวที่เชี่ยวชาญระบบสารบรรณอิเล็กทรอนิกส์"


def _take(client, case, **data):
    return client.post(reverse("judging:take", args=[case.pk]), data)


def test_the_screen_shows_the_declaration_beside_the_take_button(client, allocated_case, assessor):
    client.force_login(assessor)
    page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
    assert DECLARATION_OPENING in page
    assert 'name="declaration"' in page


def test_taking_a_case_without_the_declaration_is_refused_and_writes_nothing(client, allocated_case, assessor):
    client.force_login(assessor)

    response = _take(client, allocated_case)

    assert response.status_code == 400
    assert "ทำเครื่องหมายในช่องคำรับรองว่าท่านไม่มีส่วนได้ส่วนเสีย" in response.content.decode()
    assert not CaseLease.objects.filter(case=allocated_case).exists()
    assert not ImpartialityDeclaration.objects.exists()
    allocated_case.refresh_from_db()
    assert allocated_case.state == AssessmentCase.State.SUBMITTED


def test_taking_a_case_records_the_declaration_as_shown(client, allocated_case, assessor):
    client.force_login(assessor)
    before = timezone.now()

    response = _take(client, allocated_case, declaration="on")

    assert response.status_code == 302
    assert CaseLease.objects.get(case=allocated_case).assessor == assessor
    declaration = ImpartialityDeclaration.objects.get()
    assert (declaration.case, declaration.assessor, declaration.round, declaration.marking) == (
        allocated_case, assessor, 1, "first")
    assert declaration.text.startswith(DECLARATION_OPENING)
    assert declaration.language == "th"
    assert declaration.declared_at >= before


def test_taking_the_case_again_keeps_the_first_declaration_of_the_round(client, allocated_case, assessor):
    client.force_login(assessor)
    _take(client, allocated_case, declaration="on")
    CaseLease.objects.filter(case=allocated_case).update(expires_at=timezone.now())

    assert _take(client, allocated_case, declaration="on").status_code == 302
    assert ImpartialityDeclaration.objects.count() == 1


def test_a_declaration_is_not_recorded_when_another_assessor_holds_the_case(client, allocated_case, assessor,
                                                                           other_assessor, superuser):
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser)  # replaces assessor
    client.force_login(other_assessor)
    _take(client, allocated_case, declaration="on")
    allocation_assign(case=allocated_case, assessor=assessor, by=superuser)
    client.force_login(assessor)

    response = _take(client, allocated_case, declaration="on")

    assert response.status_code == 409
    assert list(ImpartialityDeclaration.objects.values_list("assessor", flat=True)) == [other_assessor.pk]


def test_the_same_agency_rule_still_stands(submitted_case, candidate, coordinator):
    colleague = UserFactory(username="colleague", department=candidate.department, roles=[Role.ASSESSOR])

    with pytest.raises(ValidationError):
        allocation_assign(case=submitted_case, assessor=colleague, by=coordinator, override_reason="จำเป็น")


@pytest.fixture
def overridden(submitted_case, candidate, superuser):
    colleague = UserFactory(username="colleague", last_name_th="เพื่อนร่วมงาน", department=candidate.department,
                            roles=[Role.ASSESSOR])
    return allocation_assign(case=submitted_case, assessor=colleague, by=superuser, override_reason=OVERRIDE_REASON)


def test_the_report_lists_each_override_with_its_reason_who_allowed_it_and_when(client, overridden, coordinator,
                                                                               superuser):
    client.force_login(coordinator)

    page = client.get(reverse("judging:impartiality")).content.decode()

    assert f'data-allocation="{overridden.pk}"' in page
    assert OVERRIDE_REASON in page
    assert overridden.assessor.get_full_name() in page
    assert superuser.get_full_name() in page
    assert str(buddhist_year(timezone.localdate())) in page


def test_the_report_lists_the_declarations(client, allocated_case, assessor, moderator):
    client.force_login(assessor)
    _take(client, allocated_case, declaration="on")
    client.force_login(moderator)

    page = client.get(reverse("judging:impartiality")).content.decode()

    declaration = ImpartialityDeclaration.objects.get()
    assert f'data-declaration="{declaration.pk}"' in page
    assert DECLARATION_OPENING in page


def test_the_csv_exports_hold_the_overrides_and_declarations_in_safe_cells(client, overridden, superuser):
    client.force_login(superuser)
    overrides = client.get(reverse("judging:impartiality_overrides_csv"))
    rows = list(csv.reader(io.StringIO(b"".join(overrides.streaming_content).decode("utf-8-sig"))))

    assert overrides["Content-Type"].startswith("text/csv")
    assert len(rows) == 2
    assert rows[1][0] == str(overridden.case_id)
    assert f"'{OVERRIDE_REASON}" in rows[1]  # a reason starting with = is not a formula
    assert any(str(buddhist_year(timezone.localdate())) in cell for cell in rows[1])

    declarations = client.get(reverse("judging:impartiality_declarations_csv"))
    assert len(list(csv.reader(io.StringIO(b"".join(declarations.streaming_content).decode("utf-8-sig"))))) == 1


@pytest.mark.parametrize("who", ["assessor", "candidate", "hr_officer", "standards_administrator"])
@pytest.mark.parametrize("url", ["judging:impartiality", "judging:impartiality_overrides_csv",
                                 "judging:impartiality_declarations_csv"])
def test_the_report_is_not_found_for_anyone_else(client, overridden, request, who, url):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(url)).status_code == 404


def test_the_declaration_is_in_the_cases_history(client, allocated_case, assessor):
    client.force_login(assessor)
    _take(client, allocated_case, declaration="on")

    entries = [entry for entry in case_timeline(allocated_case) if entry.who == assessor]
    assert any(entry.what.startswith("คำรับรองว่าไม่มีส่วนได้ส่วนเสีย รอบที่ 1") for entry in entries)
