"""Fixtures shared by the whole suite: the real unit, and one person for every role."""
import pytest
from django.core.management import call_command

from accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def unit(db):
    """The real standard DG-EJJM-026, revision 1 / 2567, loaded from the project's fixture."""
    from competency.models import Unit

    call_command("loaddata", "dg_ejjm_026", verbosity=0)
    return Unit.objects.get(code="DG-EJJM-026", revision_number=1)


@pytest.fixture
def candidate(db):
    return UserFactory(username="alice", roles=[Role.CANDIDATE])


@pytest.fixture
def other_candidate(db):
    return UserFactory(username="bob", roles=[Role.CANDIDATE])


@pytest.fixture
def assessor(db):
    return UserFactory(username="carol", roles=[Role.ASSESSOR])


@pytest.fixture
def standards_administrator(db):
    return UserFactory(username="dan", is_staff=True, roles=[Role.STANDARDS_ADMINISTRATOR])


@pytest.fixture
def hr_officer(db):
    return UserFactory(username="erin", roles=[Role.HR_OFFICER])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)
