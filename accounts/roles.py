"""The portal's roles, the groups that carry them and the permissions each group holds."""
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Values are the group names stored in the database; labels are what people read.
    CANDIDATE = "Candidate", _("Candidate")
    ASSESSOR = "Assessor", _("Assessor")
    STANDARDS_ADMINISTRATOR = "Standards administrator", _("Standards administrator")
    HR_OFFICER = "HR officer", _("HR officer")
    COORDINATOR = "Assessment coordinator", _("Assessment coordinator")
    MODERATOR = "Moderator", _("Moderator")


# Permissions per role as "app_label.codename". What a role may do in the portal's own pages is decided in
# accounts/permissions.py; these are what its group holds in Django's admin and `has_perm`.
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
    # Allocation, workload and exam sittings.
    Role.COORDINATOR: [
        "accounts.view_user",
        "assessments.view_assessmentcase",
        "assessments.view_allocation",
        "exams.view_examdefinition",
        "exams.view_attempt",
    ],
    # The second-marking queue, disagreements and amendments.
    Role.MODERATOR: [
        "judging.moderate",
        "judging.view_decision",
        "judging.view_disagreement",
        "judging.view_judgment",
    ],
}


def ensure_role_groups(**kwargs) -> None:
    """Create each role's group and give it exactly the permissions listed above; an unknown one is an error."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is None:
                # A typo would otherwise grant nothing, without a word.
                raise ImproperlyConfigured(f"The role {role.value!r} lists the unknown permission {perm!r}.")
            wanted.append(found)
        group.permissions.set(wanted)


def ensure_role_groups_after_migrate(sender, **kwargs) -> None:
    """post_migrate runs once per app; only after the last one does every permission exist."""
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label:
        ensure_role_groups()
