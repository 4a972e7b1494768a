"""Reads of the competency standard: which revision is current, and a unit laid out for display."""
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from .models import Element, PerformanceCriterion, Unit, UnitStatement


def unit_current_revisions() -> QuerySet[Unit]:
    """The newest published revision of every unit code."""
    newest = (
        Unit.objects.filter(code=OuterRef("code"), state=Unit.State.PUBLISHED)
        .order_by("-revision_number")
        .values("pk")[:1]
    )
    return Unit.objects.filter(state=Unit.State.PUBLISHED, pk=Subquery(newest)).order_by("code")


def unit_current(*, code: str) -> Unit | None:
    """The revision new enrolments use: the newest published one."""
    return (
        Unit.objects.filter(code=code, state=Unit.State.PUBLISHED).order_by("-revision_number").first()
    )


def unit_for_display(*, code: str, revision_number: int | None = None) -> Unit:
    """A published revision with everything the standard's page shows, or 404."""
    units = Unit.objects.filter(code=code).exclude(state=Unit.State.DRAFT)
    if revision_number is not None:
        units = units.filter(revision_number=revision_number)
    unit = (
        units.order_by("-revision_number")
        .prefetch_related(
            Prefetch(
                "elements",
                queryset=Element.objects.order_by("order", "code").prefetch_related(
                    Prefetch("criteria", queryset=PerformanceCriterion.objects.order_by("order", "code"))
                ),
            ),
            Prefetch("statements", queryset=UnitStatement.objects.order_by("order")),
        )
        .first()
    )
    if unit is None:
        raise Http404("No such unit")
    return unit


def unit_statements_by_section(unit: Unit) -> dict[str, list[UnitStatement]]:
    """The unit's sections 12–15 keyed by section, each in its printed order."""
    sections: dict[str, list[UnitStatement]] = {s: [] for s in UnitStatement.Section.values}
    for statement in unit.statements.all():
        sections[statement.section].append(statement)
    return sections


def unit_revisions(*, code: str) -> QuerySet[Unit]:
    return Unit.objects.filter(code=code).exclude(state=Unit.State.DRAFT).order_by("-revision_number")
