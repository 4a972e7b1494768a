"""A query compiled once finds the right row for every set of values, whatever order the ORM puts them in."""
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from accounts.models import User
from core.queries import CompiledQuery

pytestmark = pytest.mark.django_db


def test_each_value_goes_where_its_stand_in_was(candidate, other_candidate):
    group = Group.objects.create(name="ทดสอบ")
    other_candidate.groups.add(group)
    query = CompiledQuery(lambda user_id, group_id: User.objects.filter(groups__id=group_id, pk=user_id),
                          "user_id", "group_id")

    assert query.first(user_id=other_candidate.pk, group_id=group.pk) == other_candidate
    assert query.first(group_id=group.pk, user_id=candidate.pk) is None  # alice is not in the group


def test_a_value_the_query_does_not_use_is_refused_at_once():
    query = CompiledQuery(lambda user_id, group_id: User.objects.filter(pk=user_id), "user_id", "group_id")
    with pytest.raises(ImproperlyConfigured):
        query.first(user_id=1, group_id=2)
