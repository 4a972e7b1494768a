"""The portal's roles, the groups that carry them and the permissions each group holds."""
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Values are the group names stored in the database; labels are what people read.
    CANDIDATE = "Candidate", _("Candidate")
    ASSESSOR = "Assessor", _("Assessor")
    STANDARDS_ADMINISTRATOR = "Standards administrator", _("Standards administrator")
    HR_OFFICER = "HR officer", _("HR officer")


# Permissions per role as "app_label.codename"; a name no installed model has stops the groups being set.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CANDIDATE: [],
    Role.ASSESSOR: [
        "competency.view_unit",
        "competency.view_element",
        "competency.view_performancecriterion",
        "competency.view_unitstatement",
    ],
    Role.STANDARDS_ADMINISTRATOR: [
        f"competency.{action}_{model}"
        for model in ("unit", "element", "performancecriterion", "unitstatement", "rubriclevel")
        for action in ("view", "add", "change", "delete")
    ] + [
        f"exams.{action}_{model}"
        for model in ("examdefinition", "definitionrule")
        for action in ("view", "add", "change", "delete")
    ] + ["exams.view_attempt"],
    Role.HR_OFFICER: [
        "accounts.view_user",
        "accounts.view_department",
        "accounts.view_ministry",
    ],
}


def ensure_role_groups(**kwargs) -> None:
    """Create each role's group and give it exactly the permissions listed above."""
    from django.contrib.auth.models import Group, Permission

    unknown = unknown_permissions(ROLE_PERMISSIONS)
    if unknown:
        raise ImproperlyConfigured(f"The role table names permissions no installed model has: {', '.join(unknown)}")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            # Each app's permissions are created on its own post_migrate, so one may not be there yet.
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found:
                wanted.append(found)
        group.permissions.set(wanted)


def unknown_permissions(table: dict[str, list[str]]) -> list[str]:
    """The names in the table that no installed model declares, by its Meta or Django's default actions."""
    from django.apps import apps

    declared = {
        f"{model._meta.app_label}.{codename}"
        for model in apps.get_models()
        for codename in [
            *(f"{action}_{model._meta.model_name}" for action in model._meta.default_permissions),
            *(codename for codename, _name in model._meta.permissions),
        ]
    }
    return sorted({perm for perms in table.values() for perm in perms} - declared)


def user_has_role(user, role: Role) -> bool:
    if not user.is_authenticated:
        return False
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return role.value in names


def user_roles(user) -> list[Role]:
    return [role for role in Role if user_has_role(user, role)]
