"""The eleven sections of a blueprint: the criteria each evidences and when it is complete enough to.

A criterion counts as covered by a blueprint when every section that serves it is complete.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from core.text import shorten

from . import forms as f
from .display import display_value
from .forms import SectionEditor, Table

Content = Mapping[str, Any]
Rule = Callable[[Content, Mapping[str, Content]], list[str]]


def _blank(value: Any) -> bool:
    return value in (None, "", [])


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


@dataclass(frozen=True)
class Section:
    kind: str
    number: int
    title: Any
    criteria: tuple[str, ...]
    guidance: Any
    form_class: type[f.ContextForm] = f.NoFields
    required: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    rules: tuple[Rule, ...] = ()
    # Checks across rows or against the section's own fields; they add errors to the editor's forms.
    checks: tuple[Callable[[SectionEditor], None], ...] = ()
    # Which chart the section draws, if any: "heatmap", "cost_benefit" or "roadmap".
    chart: str | None = None

    def clean(self, editor: SectionEditor) -> None:
        for check in self.checks:
            check(editor)

    def missing(self, content: Content, blueprint: Mapping[str, Content]) -> list[str]:
        """What the section still needs before it evidences its criteria, in words the candidate can act on."""
        messages = []
        fields = self.form_class.base_fields
        blank = [str(fields[name].label) for name in self.required if _blank(content.get(name))]
        if blank:
            messages.append(_t("Fill in: %(fields)s.") % {"fields": ", ".join(blank)})
        for table in self.tables:
            rows = content.get(table.name) or []
            if not rows:
                messages.append(_t("Add at least one row to “%(table)s”.") % {"table": table.title})
            row_fields = table.row_form.base_fields
            for number, row in enumerate(rows, 1):
                gaps = [str(row_fields[name].label) for name in table.required if _blank(row.get(name))]
                if gaps:
                    messages.append(
                        _t("%(table)s, row %(number)s (%(name)s): fill in %(fields)s.")
                        % {"table": table.title, "number": number, "name": row_name(table, row),
                           "fields": ", ".join(gaps)}
                    )
        for rule in self.rules:
            messages.extend(rule(content, blueprint))
        return messages


def row_name(table: Table, row: Content) -> str:
    field_name = table.row_form.name_field
    value = display_value(table.row_form.base_fields[field_name], row.get(field_name))
    return shorten(value, 60)


# ---------------------------------------------------------------- completeness rules


def _each_present(table: str, field: str, choices, message) -> Rule:
    """A rule that every choice of a field appears in at least one row of the table."""

    def rule(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
        present = {row.get(field) for row in content.get(table) or []}
        return [message % {"value": label} for value, label in choices if value not in present]

    return rule


def process_names(blueprint: Mapping[str, Content]) -> list[str]:
    return [row["name"] for row in (blueprint.get("processes") or {}).get("processes") or [] if row.get("name")]


def _roles_cover_processes(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
    processes = process_names(blueprint)
    if not processes:
        return [_t("Define the core processes in section 2 first: every role works in one of them.")]
    roles = content.get("roles") or []
    messages = [
        _t("No role yet in the process “%(process)s”.") % {"process": process}
        for process in processes
        if not any(role.get("process") == process for role in roles)
    ]
    messages += [
        _t("The role “%(role)s” is in “%(process)s”, which is no longer a process of section 2.")
        % {"role": role.get("role") or "—", "process": role["process"]}
        for role in roles
        if role.get("process") and role["process"] not in processes
    ]
    return messages


def _data_is_shared(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
    rows = content.get("datasets") or []
    messages = []
    if not any(row.get("shared_with") for row in rows):
        messages.append(_t("Share at least one data set with other agencies, citizens or businesses."))
    messages += [
        _t("Say how “%(name)s” is shared: API, file exchange or portal.") % {"name": row.get("name") or "—"}
        for row in rows
        if row.get("shared_with") and not row.get("channels")
    ]
    return messages


def _gaps_have_actions(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
    labels = _labels(f.DIMENSIONS)
    return [
        _t("Say what will close the gap in “%(dimension)s”.") % {"dimension": labels.get(row.get("dimension"), "—")}
        for row in content.get("gaps") or []
        if (row.get("to_be") or 0) > (row.get("as_is") or 0) and _blank(row.get("action"))
    ]


def _tools_support_known_processes(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
    processes = set(process_names(blueprint))
    return [
        _t("“%(tool)s” supports “%(process)s”, which is no longer a process of section 2.")
        % {"tool": row.get("name") or "—", "process": process}
        for row in content.get("tools") or []
        for process in row.get("processes") or []
        if process not in processes
    ]


def _costs_and_benefits(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
    kinds = {row.get("kind") for row in content.get("items") or []}
    messages = []
    if "cost" not in kinds:
        messages.append(_t("Add at least one cost item."))
    if "benefit" not in kinds:
        messages.append(_t("Add at least one benefit item."))
    return messages


def _roadmap_inside_plan(content: Content, blueprint: Mapping[str, Content]) -> list[str]:
    first = (blueprint.get("profile") or {}).get("plan_start_year")
    if not first:
        return [_t("Give the first year of the plan in section 1, so the roadmap can be placed on it.")]
    last = first + 4
    messages = []
    for row in content.get("initiatives") or []:
        name = row.get("name") or "—"
        if row.get("start_year") and row["start_year"] < first:
            messages.append(
                _t("“%(name)s” starts before the plan's first year (%(year)s).") % {"name": name, "year": first}
            )
        if row.get("end_year") and row["end_year"] > last:
            messages.append(
                _t("“%(name)s” ends after the plan's fifth year (%(year)s).") % {"name": name, "year": last}
            )
    return messages


# ---------------------------------------------------------------- cross-row checks


def _one_row_per_dimension(editor: SectionEditor) -> None:
    seen = set()
    for form in editor.formset("gaps").forms:
        dimension = (form.cleaned_data or {}).get("dimension")
        if not dimension or form.cleaned_data.get("DELETE"):
            continue
        if dimension in seen:
            form.add_error("dimension", _t("This dimension is already scored above; score each dimension once."))
        seen.add(dimension)


def _items_inside_appraisal(editor: SectionEditor) -> None:
    start = editor.form.cleaned_data.get("appraisal_start_year")
    years = editor.form.cleaned_data.get("appraisal_years")
    if not start or not years:
        return
    end = start + years - 1
    for form in editor.formset("items").forms:
        for name in ("first_year", "last_year"):
            year = (form.cleaned_data or {}).get(name)
            if year and not start <= year <= end and not form.cleaned_data.get("DELETE"):
                form.add_error(
                    name,
                    _t("%(year)s is outside the appraisal period %(start)s–%(end)s.")
                    % {"year": year, "start": start, "end": end},
                )


# ---------------------------------------------------------------- the sections

SECTIONS: tuple[Section, ...] = (
    Section(
        kind="profile",
        number=1,
        title=_("Organisation profile and direction"),
        criteria=("DL203.01",),
        guidance=_(
            "Who the agency is, its mission, and the national and agency policies and strategies the design "
            "serves; what the organisation should achieve in 1–2 years and in 2–5 years."
        ),
        form_class=f.ProfileFields,
        required=("agency", "mission", "direction", "plan_start_year", "horizon_short", "horizon_long"),
        tables=(
            Table("policies", f.PolicyRow, _("Policies and strategies served"), _("Add a policy or strategy"),
                  required=("level", "name", "contribution")),
        ),
        rules=(
            _each_present("policies", "level", f.POLICY_LEVELS, _("Name at least one “%(value)s” the design serves.")),
        ),
    ),
    Section(
        kind="processes",
        number=2,
        title=_("Core processes"),
        criteria=("DL201.01",),
        guidance=_(
            "The core work processes the digital organisation should have, aligned with policy and strategy: "
            "each as-is and to-be, from upstream through midstream to downstream, with its owner and the level "
            "of digitalisation now and targeted."
        ),
        tables=(
            Table("processes", f.ProcessRow, _("Core processes"), _("Add a process"),
                  required=("name", "stage", "owner", "policy", "as_is", "to_be", "digital_now", "digital_target"),
                  as_records=True),
        ),
        rules=(
            _each_present(
                "processes", "stage", f.STAGES,
                _("No process at the “%(value)s” stage yet: cover the work from upstream to downstream."),
            ),
        ),
    ),
    Section(
        kind="roles",
        number=3,
        title=_("Roles, duties, workload and skills"),
        criteria=("DL201.02",),
        guidance=_(
            "For every role in the core processes: its duties, its workload, the skills and knowledge it needs "
            "(from the unit's own lists) and the headcount now and needed."
        ),
        tables=(
            Table("roles", f.RoleRow, _("Roles"), _("Add a role"),
                  required=("role", "process", "duties", "workload", "workload_unit", "skills", "headcount_now",
                            "headcount_needed"),
                  as_records=True),
        ),
        rules=(_roles_cover_processes,),
    ),
    Section(
        kind="data",
        number=4,
        title=_("Core data and information sharing"),
        criteria=("DL201.03",),
        guidance=_(
            "The core data sets, who owns them, their standard and personal-data sensitivity, and with whom they "
            "are shared (G2G, G2C, G2B), how and from when."
        ),
        tables=(
            Table("datasets", f.DatasetRow, _("Core data sets"), _("Add a data set"),
                  required=("name", "owner", "standard", "sensitivity", "from_year"), as_records=True),
        ),
        rules=(_data_is_shared,),
    ),
    Section(
        kind="gaps",
        number=5,
        title=_("Gap analysis"),
        criteria=("DL201.04",),
        guidance=_(
            "For each dimension, the level today and the level the digital organisation needs (1 = lowest, "
            "5 = highest), the priority of closing the gap and the action that will close it."
        ),
        tables=(
            Table("gaps", f.GapRow, _("Dimensions"), _("Add a dimension"),
                  required=("dimension", "as_is", "to_be", "priority")),
        ),
        rules=(
            _each_present("gaps", "dimension", f.DIMENSIONS, _("Score the dimension “%(value)s”.")),
            _gaps_have_actions,
        ),
        checks=(_one_row_per_dimension,),
        chart="heatmap",
    ),
    Section(
        kind="structure",
        number=6,
        title=_("Structure and management"),
        criteria=("DL202.01",),
        guidance=_(
            "Units created, merged or changed, the reporting lines, and how digital work is governed "
            "(for example a chief digital officer or a committee)."
        ),
        form_class=f.StructureFields,
        required=("reporting_lines", "governance", "management"),
        tables=(
            Table("units", f.UnitChangeRow, _("Changes to units"), _("Add a unit"),
                  required=("unit", "change", "description", "reports_to")),
        ),
    ),
    Section(
        kind="personnel",
        number=7,
        title=_("Personnel management"),
        criteria=("DL202.02",),
        guidance=_("How people are recruited, reskilled and upskilled, their career paths and incentives."),
        tables=(
            Table("measures", f.PersonnelRow, _("Measures"), _("Add a measure"),
                  required=("measure", "description", "target_group", "people", "year")),
        ),
        rules=(
            _each_present(
                "measures", "measure", f.PERSONNEL_MEASURES,
                _("No “%(value)s” measure yet: cover recruiting, reskilling, upskilling, career paths and "
                  "incentives."),
            ),
        ),
    ),
    Section(
        kind="tools",
        number=8,
        title=_("Tools and equipment"),
        criteria=("DL202.03", "DL203.03"),
        guidance=_("The tools and equipment that support the move: purpose, processes supported, cost and when."),
        tables=(
            Table("tools", f.ToolRow, _("Tools and equipment"), _("Add a tool"),
                  required=("name", "purpose", "processes", "cost", "year")),
        ),
        rules=(_tools_support_known_processes,),
    ),
    Section(
        kind="kpis-costs",
        number=9,
        title=_("Joint KPIs, costs and benefits"),
        criteria=("DL203.01",),
        guidance=_(
            "KPIs shared with partner agencies; every cost and benefit per year with a discount rate, giving the "
            "NPV, benefit-cost ratio and payback year; the impacts and risks for users and the organisation."
        ),
        form_class=f.EconomicsFields,
        required=("appraisal_start_year", "appraisal_years", "discount_rate"),
        tables=(
            Table("kpis", f.KpiRow, _("Joint KPIs"), _("Add a KPI"), required=("name", "partners", "target")),
            Table("items", f.CashRow, _("Costs and benefits"), _("Add a cost or benefit"),
                  required=("kind", "name", "first_year", "last_year", "amount")),
            Table("risks", f.RiskRow, _("Impacts and risks"), _("Add an impact or risk"),
                  required=("description", "affects", "likelihood", "impact", "response"), as_records=True),
        ),
        rules=(
            _costs_and_benefits,
            _each_present("risks", "affects", f.AFFECTED, _("Name at least one impact or risk for “%(value)s”.")),
        ),
        checks=(_items_inside_appraisal,),
        chart="cost_benefit",
    ),
    Section(
        kind="roadmap",
        number=10,
        title=_("Roadmap"),
        criteria=("DL203.01",),
        guidance=_("The initiatives that take the agency there, placed on the 1–2 and 2–5 year horizons."),
        tables=(
            Table("initiatives", f.InitiativeRow, _("Initiatives"), _("Add an initiative"),
                  required=("name", "horizon", "start_year", "end_year", "owner", "outcome")),
        ),
        rules=(
            _each_present("initiatives", "horizon", f.HORIZONS, _("Place at least one initiative in “%(value)s”.")),
            _roadmap_inside_plan,
        ),
        chart="roadmap",
    ),
    Section(
        kind="communication",
        number=11,
        title=_("Communication plan"),
        criteria=("DL203.02",),
        guidance=_(
            "How the move is explained inside the agency, to other agencies and to citizens: message, channel, "
            "timing and who is responsible."
        ),
        tables=(
            Table("messages", f.CommunicationRow, _("Communication"), _("Add a message"),
                  required=("audience", "message", "channel", "timing", "owner"), as_records=True),
        ),
        rules=(
            _each_present("messages", "audience", f.AUDIENCES, _("Plan at least one message for “%(value)s”.")),
        ),
    ),
)

SECTION_BY_KIND: dict[str, Section] = {section.kind: section for section in SECTIONS}
SECTION_KINDS = [(section.kind, section.title) for section in SECTIONS]


def sections_serving(code: str) -> list[Section]:
    return [section for section in SECTIONS if code in section.criteria]


def covered_criteria(complete: Mapping[str, bool]) -> list[str]:
    """The criteria codes, in order, whose every serving section is complete."""
    codes = sorted({code for section in SECTIONS for code in section.criteria})
    return [code for code in codes if all(complete.get(s.kind) for s in sections_serving(code))]
