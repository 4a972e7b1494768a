"""The admin shows a case's allocations but makes none: allocating goes through the rules of the allocation screen."""
import pytest
from django.urls import reverse

from accounts.roles import Role
from assessments.models import Allocation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _change_form(case, allocation_rows: list[dict]) -> dict:
    """What the case's change form posts: its inline tables, with the allocation rows given."""
    data = {
        "allocations-TOTAL_FORMS": str(len(allocation_rows)), "allocations-INITIAL_FORMS": "0",
        "allocations-MIN_NUM_FORMS": "0", "allocations-MAX_NUM_FORMS": "1000",
        "transitions-TOTAL_FORMS": "0", "transitions-INITIAL_FORMS": "0",
        "transitions-MIN_NUM_FORMS": "0", "transitions-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for n, row in enumerate(allocation_rows):
        data |= {f"allocations-{n}-{name}": value for name, value in row.items()}
        data[f"allocations-{n}-case"] = str(case.pk)
    return data


def test_an_allocation_made_in_the_admin_cannot_skip_the_same_agency_rule(client, superuser, submitted_case,
                                                                          candidate):
    colleague = UserFactory(username="colleague", department=candidate.department, roles=[Role.ASSESSOR])
    client.force_login(superuser)
    url = reverse("admin:assessments_assessmentcase_change", args=[submitted_case.pk])

    client.post(url, _change_form(submitted_case, [{"assessor": str(colleague.pk), "active": "on"}]))

    assert not Allocation.objects.filter(case=submitted_case).exists()


def test_the_admin_shows_a_cases_allocations_read_only(client, superuser, allocated_case, assessor):
    client.force_login(superuser)

    page = client.get(reverse("admin:assessments_assessmentcase_change", args=[allocated_case.pk]))

    body = page.content.decode()
    assert page.status_code == 200
    assert str(assessor) in body
    for editable in ('name="allocations-0-assessor"', 'name="allocations-0-active"', "allocations-__prefix__"):
        assert editable not in body
