"""Reads of the competency standard: which revision is current, a unit laid out for display, and what a draft changed."""
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from core.diff import word_diff

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


def revisions_for_editor() -> QuerySet[Unit]:
    """Every revision of every unit, drafts included, newest first within each code."""
    return Unit.objects.order_by("code", "-revision_number")


def revision_for_editor(*, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).select_related("previous_revision").first()
    if unit is None:
        raise Http404("No such revision")
    return unit


@dataclass(frozen=True)
class Change:
    """One thing a draft changed against the revision it was made from: what, and its old and new text."""

    what: str
    field: str
    old: str
    new: str

    @property
    def runs(self) -> list[tuple[str, str]]:
        return word_diff(self.old, self.new)


# The unit's own text fields compared by the change list, with the label an editor knows them by.
_UNIT_FIELDS = (
    "title_th", "title_en", "family_th", "family_en", "document_status_th", "document_status_en", "occupation_codes",
    "description_th", "description_en", "qualification_level", "sector_th", "sector_en", "other_occupations",
    "regulation_th", "regulation_en", "shared_units", "shared_industries", "assessment_method_th",
    "assessment_method_en", "revision_year_be",
)


def _compare(what: str, old, new, fields) -> list[Change]:
    changes = []
    for name in fields:
        before = "" if old is None else str(getattr(old, name))
        after = "" if new is None else str(getattr(new, name))
        if before != after:
            changes.append(Change(what, str(type(old or new)._meta.get_field(name).verbose_name), before, after))
    return changes


def revision_changes(unit: Unit) -> list[Change]:
    """What `unit` changed against the revision it was copied from, field by field (empty for a first one).

    Elements and criteria are matched by code, rubric levels by criterion code and score, section lines by
    section and position: a line moved within a section shows as changed lines."""
    base = unit.previous_revision
    if base is None:
        return []
    changes = _compare(str(unit.code), base, unit, _UNIT_FIELDS)

    def by_code(revision):
        return {e.code: e for e in revision.elements.all()}, {
            c.code: c for c in revision.criteria.select_related("element").prefetch_related("rubric_levels")}

    old_elements, old_criteria = by_code(base)
    new_elements, new_criteria = by_code(unit)
    for code in sorted(old_elements.keys() | new_elements.keys()):
        changes += _compare(code, old_elements.get(code), new_elements.get(code), ("code", "title_th", "title_en", "order"))
    for code in sorted(old_criteria.keys() | new_criteria.keys()):
        old, new = old_criteria.get(code), new_criteria.get(code)
        changes += _compare(code, old, new, ("code", "system_id", "text_th", "text_en", "order"))
        if old and new and old.element.code != new.element.code:
            changes.append(Change(code, str(_("element")), old.element.code, new.element.code))
        old_levels = {lv.score: lv for lv in (old.rubric_levels.all() if old else [])}
        new_levels = {lv.score: lv for lv in (new.rubric_levels.all() if new else [])}
        for score in sorted(old_levels.keys() | new_levels.keys()):
            changes += _compare(
                f"{code} · {_('level')} {score}", old_levels.get(score), new_levels.get(score),
                ("label_th", "label_en", "descriptor_th", "descriptor_en", "counts_as_competent"),
            )
    old_sections, new_sections = unit_statements_by_section(base), unit_statements_by_section(unit)
    labels = dict(UnitStatement.Section.choices)
    for section in UnitStatement.Section.values:
        old_lines, new_lines = old_sections[section], new_sections[section]
        for position in range(max(len(old_lines), len(new_lines))):
            old = old_lines[position] if position < len(old_lines) else None
            new = new_lines[position] if position < len(new_lines) else None
            changes += _compare(f"{labels[section]} {position + 1}", old, new, ("text_th", "text_en"))
    return changes
