"""The portal's roles, the groups that carry them and the permissions each group holds."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Values are the group names stored in the database; labels are what people read.
    CANDIDATE = "Candidate", _("Candidate")
    ASSESSOR = "Assessor", _("Assessor")
    STANDARDS_ADMINISTRATOR = "Standards administrator", _("Standards administrator")
    HR_OFFICER = "HR officer", _("HR officer")


# Permissions per role as "app_label.codename"; permissions of apps not yet built are skipped.
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

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found:
                wanted.append(found)
        group.permissions.set(wanted)


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
