"""Reads of blueprints: fetched for one user (404 for anyone else), their completeness, charts and figures."""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from assessments.models import AssessmentCase
from competency.models import PerformanceCriterion, UnitStatement
from competency.selectors import unit_current

from . import charts
from .display import display_value
from .economics import Appraisal, CashFlow, appraise
from .forms import EditorContext, SectionEditor, Table
from .models import Blueprint, BlueprintRender, BlueprintSection
from .sections import SECTION_BY_KIND, SECTIONS, Section, covered_criteria, process_names, sections_serving

Contents = dict[str, dict]


# ---------------------------------------------------------------- fetching for a user


def blueprints_of_candidate(*, candidate) -> QuerySet[Blueprint]:
    return Blueprint.objects.filter(owner=candidate).select_related("case").order_by("-updated_at", "-pk")


def worked_examples() -> QuerySet[Blueprint]:
    return Blueprint.objects.filter(worked_example_key__isnull=False).order_by("pk")


def blueprint_for_viewer(*, user, blueprint_id: int) -> Blueprint:
    """The user's own blueprint or a worked example; anyone else's is a 404."""
    if not user.is_authenticated:
        raise Http404("No such blueprint")
    blueprint = (
        Blueprint.objects.select_related("case", "owner")
        .filter(Q(owner=user) | Q(worked_example_key__isnull=False), pk=blueprint_id)
        .first()
    )
    if blueprint is None:
        raise Http404("No such blueprint")
    return blueprint


def blueprint_for_owner(*, user, blueprint_id: int) -> Blueprint:
    """The user's own blueprint; a worked example or anyone else's is a 404."""
    blueprint = (
        Blueprint.objects.select_related("case", "owner").filter(owner=user, pk=blueprint_id).first()
        if user.is_authenticated
        else None
    )
    if blueprint is None:
        raise Http404("No such blueprint")
    return blueprint


def section_of(*, blueprint: Blueprint, kind: str) -> tuple[Section, BlueprintSection]:
    section = SECTION_BY_KIND.get(kind)
    row = blueprint.sections.filter(kind=kind).first() if section else None
    if row is None:
        raise Http404("No such section")
    return section, row


def render_of(*, blueprint: Blueprint, render_id: int) -> BlueprintRender:
    render = blueprint.renders.filter(pk=render_id).first()
    if render is None:
        raise Http404("No such document")
    return render


def blueprint_lock_reason(blueprint: Blueprint) -> str | None:
    """Why the blueprint cannot be changed now, or None when its owner may edit it."""
    if blueprint.is_worked_example:
        return _("This is the worked example: read it, or copy it to start your own blueprint.")
    if blueprint.case_id and not blueprint.case.portfolio_open:
        return _(
            "This blueprint is in a portfolio that has been submitted, so it is read-only while it is assessed. "
            "Copy it to keep working on a new draft."
        )
    return None


def open_case_for(*, candidate, unit_code: str) -> AssessmentCase | None:
    return AssessmentCase.objects.filter(
        candidate=candidate, unit_code=unit_code, state__in=AssessmentCase.OPEN_STATES
    ).first()


def blueprints_of_case(*, case: AssessmentCase) -> QuerySet[Blueprint]:
    return Blueprint.objects.filter(case=case).order_by("-updated_at")


# ---------------------------------------------------------------- completeness and coverage


def blueprint_contents(blueprint: Blueprint) -> Contents:
    return {row.kind: row.content for row in blueprint.sections.all()}


@dataclass
class SectionState:
    section: Section
    row: BlueprintSection
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class CriterionCoverage:
    criterion: PerformanceCriterion
    sections: list[Section]
    covered: bool


@dataclass
class Overview:
    sections: list[SectionState]
    criteria: list[CriterionCoverage]

    @property
    def covered_count(self) -> int:
        return sum(c.covered for c in self.criteria)

    @property
    def complete_count(self) -> int:
        return sum(s.complete for s in self.sections)

    @property
    def covered_codes(self) -> list[str]:
        return [c.criterion.code for c in self.criteria if c.covered]


def section_states(blueprint: Blueprint) -> list[SectionState]:
    rows = {row.kind: row for row in blueprint.sections.all()}
    contents = {kind: row.content for kind, row in rows.items()}
    return [SectionState(s, rows[s.kind], s.missing(contents.get(s.kind, {}), contents)) for s in SECTIONS]


def unit_criteria(blueprint: Blueprint) -> QuerySet[PerformanceCriterion]:
    """The criteria of the revision the blueprint is judged against: its case's, else the current one."""
    unit = blueprint.case.unit if blueprint.case_id else unit_current(code=blueprint.unit_code)
    return PerformanceCriterion.objects.filter(unit=unit).order_by("order")


def blueprint_overview(blueprint: Blueprint) -> Overview:
    states = section_states(blueprint)
    covered = set(covered_criteria({s.section.kind: s.complete for s in states}))
    return Overview(
        sections=states,
        criteria=[
            CriterionCoverage(criterion, sections_serving(criterion.code), criterion.code in covered)
            for criterion in unit_criteria(blueprint)
        ],
    )


# ---------------------------------------------------------------- editing


def editor_context(*, blueprint: Blueprint, contents: Contents, kind: str) -> EditorContext:
    """The choices a section offers from the rest of the blueprint and from the unit's own lists."""
    processes = process_names(contents)
    # A process renamed in section 2 stays choosable where it is already used, marked, so saving
    # that section does not fail; the completeness rules ask the candidate to fix it.
    own = contents.get(kind, {})
    used = {role.get("process") for role in own.get("roles", [])} | {
        process for tool in own.get("tools", []) for process in tool.get("processes") or []
    }
    stale = sorted(value for value in used if value and value not in processes)
    stale_label = _("%(process)s (no longer in section 2)")
    unit = unit_current(code=blueprint.unit_code)
    statements = UnitStatement.objects.filter(
        unit=unit, section__in=[UnitStatement.Section.SKILL, UnitStatement.Section.KNOWLEDGE]
    ).order_by("section", "order")
    groups = {UnitStatement.Section.SKILL: [], UnitStatement.Section.KNOWLEDGE: []}
    for statement in statements:
        groups[statement.section].append((str(statement.case_identifier), statement.text))
    profile = contents.get("profile", {})
    return EditorContext(
        processes=tuple((p, p) for p in processes) + tuple((p, stale_label % {"process": p}) for p in stale),
        policies=tuple(row["name"] for row in profile.get("policies", []) if row.get("name")),
        skills=tuple(
            (str(UnitStatement.Section(section).label), tuple(choices)) for section, choices in groups.items()
        ),
    )


def section_editor(*, blueprint: Blueprint, section: Section, row: BlueprintSection, data=None) -> SectionEditor:
    contents = blueprint_contents(blueprint)
    return SectionEditor(
        section, row.content, editor_context(blueprint=blueprint, contents=contents, kind=section.kind), data
    )


# ---------------------------------------------------------------- figures and charts


def appraisal_of(content: dict) -> Appraisal | None:
    """The cost-benefit figures of section 9, or None until its period and rate are given."""
    start, years, rate = (content.get(k) for k in ("appraisal_start_year", "appraisal_years", "discount_rate"))
    if not start or not years or rate in (None, ""):
        return None
    flows = [
        CashFlow(row["kind"], row["first_year"], row["last_year"], Decimal(row["amount"]))
        for row in content.get("items", [])
        if all(row.get(k) not in (None, "") for k in ("kind", "first_year", "last_year", "amount"))
    ]
    return appraise(start_year=start, years=years, rate_percent=Decimal(rate), flows=flows)


@dataclass
class SectionVisual:
    """A section's chart (None until there is enough to draw) and, for costs and benefits, the figures."""

    kind: str | None = None
    chart: charts.HeatMap | charts.CostBenefitChart | charts.Roadmap | None = None
    appraisal: Appraisal | None = None


def section_visual(section: Section, contents: Contents) -> SectionVisual:
    content = contents.get(section.kind, {})
    if section.chart == "heatmap":
        return SectionVisual(section.chart, charts.heatmap(content.get("gaps", [])))
    if section.chart == "cost_benefit":
        appraisal = appraisal_of(content)
        return SectionVisual(section.chart, charts.cost_benefit_chart(appraisal), appraisal)
    if section.chart == "roadmap":
        plan_start_year = contents.get("profile", {}).get("plan_start_year")
        return SectionVisual(section.chart, charts.roadmap_timeline(content.get("initiatives", []), plan_start_year))
    return SectionVisual()


# ---------------------------------------------------------------- reading a section


@dataclass
class DisplayTable:
    table: Table
    headers: list[str]
    rows: list[list[str]]

    @property
    def records(self) -> list[list[tuple[str, str]]]:
        return [list(zip(self.headers, row)) for row in self.rows]


@dataclass
class SectionDisplay:
    section: Section
    state: SectionState
    fields: list[tuple[str, str]]
    tables: list[DisplayTable]
    visual: SectionVisual
    criteria: list[PerformanceCriterion] = field(default_factory=list)


def section_display(
    *, blueprint: Blueprint, state: SectionState, contents: Contents, criteria: dict[str, PerformanceCriterion]
) -> SectionDisplay:
    """A section as a reader sees it: labels, choice names and formatted numbers, for the page and the PDF."""
    section, content = state.section, state.row.content
    editor = SectionEditor(section, content, editor_context(blueprint=blueprint, contents=contents, kind=section.kind))
    fields = [(str(f.label), display_value(f, content.get(name))) for name, f in editor.form.fields.items()]
    tables = []
    for table, formset in editor.formsets:
        row_fields = formset.empty_form.fields
        names = [name for name in row_fields if name != "DELETE"]
        tables.append(
            DisplayTable(
                table,
                [str(row_fields[n].label) for n in names],
                [[display_value(row_fields[n], row.get(n)) for n in names] for row in content.get(table.name, [])],
            )
        )
    return SectionDisplay(
        section=section,
        state=state,
        fields=fields,
        tables=tables,
        visual=section_visual(section, contents),
        criteria=[criteria[code] for code in section.criteria if code in criteria],
    )


def blueprint_document(blueprint: Blueprint) -> dict[str, Any]:
    """Everything the blueprint document shows: overview, coverage and every section with its charts."""
    overview = blueprint_overview(blueprint)
    contents = blueprint_contents(blueprint)
    criteria = {c.criterion.code: c.criterion for c in overview.criteria}
    profile = contents.get("profile", {})
    return {
        "blueprint": blueprint,
        "overview": overview,
        "agency": profile.get("agency", ""),
        "sections": [
            section_display(blueprint=blueprint, state=state, contents=contents, criteria=criteria)
            for state in overview.sections
        ],
    }


# ---------------------------------------------------------------- documents


def render_is_stuck(render: BlueprintRender) -> bool:
    """Waiting, or rendering, longer than a task may run: its worker is gone, and it may be tried again."""
    return render.job_stuck


def renders_of(blueprint: Blueprint) -> QuerySet[BlueprintRender]:
    return blueprint.renders.select_related("evidence_file").order_by("-requested_at", "-pk")
