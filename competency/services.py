"""Writes to the competency standard: drafting the next revision, publishing it, guarding published ones."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from core.dates import buddhist_year
from core.refusals import Refusal

from .models import Element, PerformanceCriterion, Unit, UnitStatement


class RevisionLocked(Refusal):
    """A change was attempted on a revision that is no longer a draft."""

    status = 409


def unit_assert_editable(unit: Unit) -> None:
    """Refuse any change to a revision that has been published."""
    if not unit.is_editable:
        raise RevisionLocked(
            _(
                "%(unit)s is published and cannot be changed in place: assessments point at it. "
                "Create a new revision, edit that, and publish it."
            )
            % {"unit": unit},
            code="revision_locked",
        )


@transaction.atomic
def unit_revision_create(*, unit: Unit, by=None) -> Unit:
    """Copy a published revision, with all its elements, criteria and sections, into a new draft."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.state == Unit.State.DRAFT:
        raise Refusal(_("%(unit)s is still a draft: edit it instead.") % {"unit": unit})
    if Unit.objects.filter(code=unit.code, state=Unit.State.DRAFT).exists():
        raise Refusal(
            _("A draft revision of %(code)s already exists: edit or publish it first.") % {"code": unit.code}
        )
    newest = Unit.objects.filter(code=unit.code).order_by("-revision_number").first()
    draft = Unit.objects.get(pk=unit.pk)
    draft.pk = None
    draft.id = None
    draft._state.adding = True
    draft.case_identifier = Unit._meta.get_field("case_identifier").default()
    draft.revision_number = newest.revision_number + 1
    draft.revision_year_be = buddhist_year(timezone.localdate())
    draft.state = Unit.State.DRAFT
    draft.previous_revision = unit
    draft.published_at = None
    draft.save()
    update_change_reason(draft, f"Created from revision {unit.revision_number}")

    element_copies: dict[int, Element] = {}
    for element in unit.elements.all():
        original_pk = element.pk
        element.pk = None
        element._state.adding = True
        element.unit = draft
        element.case_identifier = Element._meta.get_field("case_identifier").default()
        element.save()
        element_copies[original_pk] = element
    for criterion in unit.criteria.prefetch_related("rubric_levels"):
        levels = list(criterion.rubric_levels.all())
        criterion.pk = None
        criterion._state.adding = True
        criterion.unit = draft
        criterion.element = element_copies[criterion.element_id]
        criterion.case_identifier = PerformanceCriterion._meta.get_field("case_identifier").default()
        criterion.save()
        for level in levels:
            level.pk = None
            level._state.adding = True
            level.criterion = criterion
            level.save()
    for statement in unit.statements.all():
        statement.pk = None
        statement._state.adding = True
        statement.unit = draft
        statement.case_identifier = UnitStatement._meta.get_field("case_identifier").default()
        statement.save()
    return draft


@transaction.atomic
def unit_publish(*, unit: Unit, by=None) -> Unit:
    """Publish a draft: it becomes the revision new enrolments use; older ones are superseded."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.state != Unit.State.DRAFT:
        raise Refusal(_("%(unit)s is already published.") % {"unit": unit})
    if not unit.criteria.exists():
        raise Refusal(_("%(unit)s has no performance criteria: add them before publishing.") % {"unit": unit})
    for older in Unit.objects.filter(code=unit.code, state=Unit.State.PUBLISHED):
        older.state = Unit.State.SUPERSEDED
        older.save(update_fields=["state", "last_changed_at"])
        update_change_reason(older, f"Superseded by revision {unit.revision_number}")
    unit.state = Unit.State.PUBLISHED
    unit.published_at = timezone.now()
    unit.save(update_fields=["state", "published_at", "last_changed_at"])
    update_change_reason(unit, "Published")
    return unit
