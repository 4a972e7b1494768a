"""Signing in with a password, and the signed-in person loaded once per request with what every request asks of them.

Every request of a signed-in person reads their roles (`permissions.has_role`), whether they have an authenticator
app (`two_factor.second_factor_due`) and, on every page, their permissions (the menu asks `may_moderate`); loading
them with the person makes them one query, not five.
That matters most on the exam's answer save, which every candidate sends every few seconds."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.queries import CompiledQuery

User = get_user_model()


class PortalModelBackend(ModelBackend):
    """Django's username-and-password backend; only `get_user` (the per-request load) differs."""

    def get_user(self, user_id):
        if connection.vendor != "postgresql":  # the embedded SQLite of `make run` has no arrays: Django's own load
            return super().get_user(user_id)
        user = _PERSON.first(user_id=user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        # The names `permissions.has_role`, `two_factor.second_factor_due` and ModelBackend look for before querying.
        user._role_names = set(user.role_names)
        user._has_confirmed_totp = user.has_confirmed_totp
        if not user.is_superuser:  # a superuser's permissions are all of them: left to ModelBackend
            user._user_perm_cache = set(user.user_permissions_loaded)
            user._group_perm_cache = set(user.group_permissions_loaded)
        return user


def _permission_names(permissions):
    """As ModelBackend names them: "app_label.codename"."""
    return permissions.annotate(
        full_name=Concat("content_type__app_label", Value("."), "codename")).values("full_name")


_PERSON = CompiledQuery(lambda user_id: User._default_manager.filter(pk=user_id).annotate(
    role_names=ArraySubquery(User.groups.through.objects.filter(user_id=OuterRef("pk")).values("group__name")),
    has_confirmed_totp=Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)),
    user_permissions_loaded=ArraySubquery(_permission_names(Permission.objects.filter(user=OuterRef("pk")))),
    group_permissions_loaded=ArraySubquery(_permission_names(Permission.objects.filter(group__user=OuterRef("pk")))),
), "user_id")
