"""Writes to the competency standard: drafting the next revision, editing it, publishing it, guarding published ones."""
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from core.dates import buddhist_year
from core.refusals import Refusal

from .models import Element, PerformanceCriterion, Unit, UnitStatement, rubric_for


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


@transaction.atomic
def revision_edit(*, unit: Unit, details, elements, criteria, statements, by=None) -> Unit:
    """Save a draft's details and its elements, criteria and sections from valid, bound forms, all or none."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    unit_assert_editable(unit)
    dropped_elements = {form.instance.pk for form in elements.deleted_forms}
    dropped_criteria = {form.instance.pk for form in criteria.deleted_forms}
    orphaned = (
        PerformanceCriterion.objects.filter(element_id__in=dropped_elements).exclude(pk__in=dropped_criteria)
        .values_list("element__code", flat=True).distinct()
    )
    if orphaned:
        raise Refusal(
            _("Element %(codes)s still has performance criteria: move or delete them before deleting the element.")
            % {"codes": ", ".join(sorted(orphaned))},
            code="element_has_criteria",
        )
    try:
        details.save()
        for formset in (elements, criteria, statements):
            formset.save()
    except IntegrityError as exc:
        raise Refusal(_("Two rows would share a code or a system ID: nothing was saved."), code="not_unique") from exc
    except ProtectedError as exc:
        raise Refusal(
            _("Some of what you deleted is still used (for example by an exam definition's rule): nothing was saved."),
            code="still_used",
        ) from exc
    update_change_reason(unit, f"Edited by {getattr(by, 'username', 'system')}")
    return unit


@transaction.atomic
def criterion_rubric_save(*, criterion: PerformanceCriterion, levels, by=None) -> None:
    """Save a draft criterion's own rubric levels from a valid, bound formset; at least one must count."""
    unit_assert_editable(Unit.objects.select_for_update().get(pk=criterion.unit_id))
    levels.save()
    own = criterion.rubric_levels.all()
    if own.exists() and not own.filter(counts_as_competent=True).exists():
        raise Refusal(_("At least one level must count as competent."), code="no_competent_level")


@transaction.atomic
def criterion_rubric_from_default(*, criterion: PerformanceCriterion, by=None) -> None:
    """Give a draft criterion its own copy of the default scale, to edit."""
    unit_assert_editable(Unit.objects.select_for_update().get(pk=criterion.unit_id))
    if criterion.rubric_levels.exists():
        raise Refusal(_("This criterion already has its own levels."), code="rubric_exists")
    for level in rubric_for(criterion):
        level.save()
