"""The role table is checked against the installed models: a mistyped permission fails loudly, never grants nothing."""
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from accounts.roles import ROLE_PERMISSIONS, Role, ensure_role_groups

pytestmark = pytest.mark.django_db


def test_each_role_group_holds_exactly_the_permissions_of_the_table():
    ensure_role_groups()
    for role, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(perms), role


def test_a_mistyped_permission_stops_the_groups_being_set(monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.HR_OFFICER, [*ROLE_PERMISSIONS[Role.HR_OFFICER], "accounts.veiw_user"])

    with pytest.raises(ImproperlyConfigured, match="accounts.veiw_user"):
        ensure_role_groups()
    assert "accounts.veiw_user" not in {p.codename for p in Group.objects.get(name=Role.HR_OFFICER).permissions.all()}
