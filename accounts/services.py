"""Writes about people: self-registration of candidates and giving people their roles."""
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import Role


@transaction.atomic
def candidate_register(*, form) -> User:
    """Create the account from a valid registration form and make it a candidate."""
    user = form.save()
    user_grant_role(user=user, role=Role.CANDIDATE)
    return user


def user_grant_role(*, user: User, role: Role) -> None:
    user.groups.add(Group.objects.get(name=role.value))
    user.__dict__.pop("_role_names", None)
