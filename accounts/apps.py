"""App configuration for accounts: role groups are kept in step after every migrate; django-axes's lockouts are
named in the reader's language."""
from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from .roles import ensure_role_groups_after_migrate

        # Permissions are created on post_migrate, so the groups that hold them are too, after the last app.
        post_migrate.connect(ensure_role_groups_after_migrate, dispatch_uid="accounts.ensure_role_groups")


class SignInLockoutsConfig(AxesAppConfig):
    """django-axes (failed sign-ins and lockouts), whose own name in the admin is the untranslatable "Axes"."""

    default = False
    verbose_name = _("Sign-in lockouts")
