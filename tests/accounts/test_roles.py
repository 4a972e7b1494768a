"""The role table: every role is a group holding exactly its listed permissions, and a typo fails loudly."""
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from accounts.permissions import may_allocate, may_moderate, may_read_agreement, may_use_desk
from accounts.roles import ROLE_PERMISSIONS, Role, ensure_role_groups

pytestmark = pytest.mark.django_db


def test_after_migrate_every_role_has_its_group_with_every_listed_permission():
    for role, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(perms), role


def test_an_unknown_permission_in_the_role_table_is_an_error_not_a_silent_grant_of_nothing(monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.MODERATOR, ["judging.moderate", "judging.moderat"])
    with pytest.raises(ImproperlyConfigured, match="judging.moderat"):
        ensure_role_groups()


def test_a_coordinator_allocates_and_a_moderator_moderates_without_being_superusers(coordinator, moderator):
    assert not coordinator.is_superuser and not moderator.is_superuser
    assert may_allocate(coordinator) and may_read_agreement(coordinator) and not may_moderate(coordinator)
    assert may_moderate(moderator) and may_read_agreement(moderator) and not may_allocate(moderator)
    assert not may_use_desk(coordinator) and not may_use_desk(moderator)
