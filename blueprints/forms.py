"""Forms of the blueprint sections: each section's own fields plus its tables, validated as one.

Every field is optional so a half-written section can be saved as the candidate types; what a
section still needs before it evidences its criteria is decided by the completeness rules in
``sections.py``. What the forms refuse is input that is wrong whatever the stage of writing:
negative or absurd numbers, years in the wrong era or the wrong order, a target below today.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

BE_YEAR_MIN = 2550
BE_YEAR_MAX = 2650
MONEY_MAX = Decimal(100_000_000_000)
MAX_ROWS = 50


@dataclass(frozen=True)
class EditorContext:
    """Choices a section offers that come from elsewhere: other sections and the unit itself."""

    processes: tuple[tuple[str, str], ...] = ()
    policies: tuple[str, ...] = ()
    skills: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


# ---------------------------------------------------------------- fields


def text(label, *, long: bool = False, **attrs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 3, **attrs}) if long else forms.TextInput(attrs=attrs)
    return forms.CharField(label=label, required=False, max_length=4000 if long else 300, widget=widget)


def choice(label, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", "—"), *choices],
        error_messages={"invalid_choice": _("Choose one of the options offered.")},
    )


def choices_many(label, choices=()) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the options offered.")},
    )


class YearField(forms.IntegerField):
    """A Buddhist-Era year, shown as 2569 and never as 2,569."""


def be_year(label) -> YearField:
    return YearField(
        label=label,
        required=False,
        min_value=BE_YEAR_MIN,
        max_value=BE_YEAR_MAX,
        widget=forms.NumberInput(attrs={"placeholder": "2569"}),
        error_messages={
            "invalid": _("Enter a Buddhist-Era year as a number, for example 2569."),
            "min_value": _("Use a Buddhist-Era year, %(limit_value)s or later (for example 2569, not 2026)."),
            "max_value": _("Use a Buddhist-Era year, %(limit_value)s or earlier."),
        },
    )


def decimal_field(label, *, max_value: Decimal = MONEY_MAX) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=max_value,
        max_digits=15,
        decimal_places=2,
        error_messages={
            "invalid": _("Enter a number, without units or commas."),
            "min_value": _("This cannot be negative."),
            "max_value": _("More than %(limit_value)s is not a plausible figure here: check the number of zeros."),
            "max_decimal_places": _("Use at most %(max)s decimal places."),
            "max_digits": _("This number is too long."),
        },
    )


def count(label, *, min_value: int = 0, max_value: int = 100_000) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=min_value,
        max_value=max_value,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": (
                _("This cannot be negative.") if min_value == 0 else _("This cannot be less than %(limit_value)s.")
            ),
            "max_value": _("More than %(limit_value)s is not plausible here."),
        },
    )


def percent(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Enter a percentage from 0 to 100."),
            "min_value": _("Enter a percentage from 0 to 100."),
            "max_value": _("Enter a percentage from 0 to 100."),
        },
    )


LEVELS = [(str(n), str(n)) for n in range(1, 6)]


def level(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=[("", "—"), *LEVELS],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose a level from 1 to 5.")},
    )


# ---------------------------------------------------------------- choices

POLICY_LEVELS = [
    ("national", _("National policy or strategy")),
    ("agency", _("Agency policy or strategy")),
]
STAGES = [("upstream", _("Upstream")), ("midstream", _("Midstream")), ("downstream", _("Downstream"))]
WORKLOAD_UNITS = [("person_days", _("person-days a year")), ("fte", _("FTE (full-time equivalents)"))]
SENSITIVITY = [
    ("none", _("No personal data")),
    ("personal", _("Personal data")),
    ("sensitive", _("Sensitive personal data")),
]
PARTNERS = [("g2g", _("Other agencies (G2G)")), ("g2c", _("Citizens (G2C)")), ("g2b", _("Businesses (G2B)"))]
CHANNELS = [("api", _("API")), ("file", _("File exchange")), ("portal", _("Portal or web service"))]
DIMENSIONS = [
    ("process", _("Process")),
    ("people", _("People")),
    ("data", _("Data")),
    ("technology", _("Technology")),
    ("structure", _("Structure")),
    ("governance", _("Governance")),
]
PRIORITIES = [("high", _("High")), ("medium", _("Medium")), ("low", _("Low"))]
UNIT_CHANGES = [
    ("create", _("Created")),
    ("merge", _("Merged")),
    ("change", _("Changed")),
    ("dissolve", _("Dissolved")),
]
PERSONNEL_MEASURES = [
    ("recruit", _("Recruiting")),
    ("reskill", _("Reskilling")),
    ("upskill", _("Upskilling")),
    ("career_path", _("Career path")),
    ("incentive", _("Incentive")),
]
CASH_KINDS = [("cost", _("Cost")), ("benefit", _("Benefit"))]
AFFECTED = [("users", _("Service users")), ("organisation", _("The organisation"))]
HORIZONS = [("short", _("Years 1–2")), ("long", _("Years 2–5"))]
AUDIENCES = [
    ("internal", _("Inside the agency")),
    ("agencies", _("Other agencies")),
    ("citizens", _("Citizens and businesses")),
]


# ---------------------------------------------------------------- forms


class ContextForm(forms.Form):
    """A form told the choices that come from the rest of the blueprint."""

    def __init__(self, *args, context: EditorContext, **kwargs):
        self.context = context
        super().__init__(*args, **kwargs)
        self.use_required_attribute = False


class RowForm(ContextForm):
    """One row of a section's table."""

    # The field whose value names the row in messages ("“Apply online”: fill in owner").
    name_field = "name"

    def ensure_order(self, cleaned: dict, first: str, last: str, message) -> None:
        earlier, later = cleaned.get(first), cleaned.get(last)
        if earlier is not None and later is not None and later < earlier:
            self.add_error(last, message % {"first": earlier, "last": later})


class PolicyRow(RowForm):
    level = choice(_("Level"), POLICY_LEVELS)
    name = text(_("Policy or strategy"))
    contribution = text(_("How the design serves it"), long=True)


class ProcessRow(RowForm):
    name = text(_("Process"))
    stage = choice(_("Stage"), STAGES)
    owner = text(_("Owner"))
    policy = text(_("Policy or strategy it serves"), list="blueprint-policies")
    as_is = text(_("As-is"), long=True)
    to_be = text(_("To-be"), long=True)
    digital_now = percent(_("Digitalisation/automation now (%)"))
    digital_target = percent(_("Digitalisation/automation targeted (%)"))

    def clean(self):
        cleaned = super().clean()
        self.ensure_order(
            cleaned, "digital_now", "digital_target",
            _("The target (%(last)s %%) cannot be below today's level (%(first)s %%)."),
        )
        return cleaned


class RoleRow(RowForm):
    name_field = "role"

    role = text(_("Role"))
    process = forms.ChoiceField(label=_("Core process"), required=False)
    duties = text(_("Duties"), long=True)
    workload = decimal_field(_("Workload"), max_value=Decimal(1_000_000))
    workload_unit = choice(_("Workload unit"), WORKLOAD_UNITS)
    skills = choices_many(_("Skills and knowledge needed"))
    headcount_now = count(_("Headcount now"))
    headcount_needed = count(_("Headcount needed"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", "—"), *self.context.processes]
        self.fields["process"].error_messages["invalid_choice"] = _("Choose one of the processes of section 2.")
        self.fields["skills"].choices = self.context.skills


class DatasetRow(RowForm):
    name = text(_("Data set"))
    owner = text(_("Owner"))
    standard = text(_("Data standard"))
    sensitivity = choice(_("Personal-data sensitivity"), SENSITIVITY)
    shared_with = choices_many(_("Shared with"), PARTNERS)
    channels = choices_many(_("How"), CHANNELS)
    from_year = be_year(_("Shared from (year B.E.)"))


class GapRow(RowForm):
    name_field = "dimension"

    dimension = choice(_("Dimension"), DIMENSIONS)
    as_is = level(_("As-is (1–5)"))
    to_be = level(_("To-be (1–5)"))
    priority = choice(_("Priority"), PRIORITIES)
    action = text(_("Action to close the gap"), long=True)

    def clean(self):
        cleaned = super().clean()
        self.ensure_order(
            cleaned, "as_is", "to_be", _("The target level (%(last)s) cannot be below the current level (%(first)s).")
        )
        return cleaned


class UnitChangeRow(RowForm):
    name_field = "unit"

    unit = text(_("Unit"))
    change = choice(_("Change"), UNIT_CHANGES)
    description = text(_("What changes and why"), long=True)
    reports_to = text(_("Reports to"))


class PersonnelRow(RowForm):
    name_field = "description"

    measure = choice(_("Measure"), PERSONNEL_MEASURES)
    description = text(_("What will be done"), long=True)
    target_group = text(_("Who"))
    people = count(_("Number of people"))
    year = be_year(_("Year (B.E.)"))


class ToolRow(RowForm):
    name = text(_("Tool or equipment"))
    purpose = text(_("Purpose"), long=True)
    processes = choices_many(_("Processes supported"))
    cost = decimal_field(_("Cost (baht)"))
    year = be_year(_("When (year B.E.)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["processes"].choices = self.context.processes


class KpiRow(RowForm):
    name = text(_("Joint KPI"))
    partners = text(_("Partner agencies"))
    baseline = text(_("Baseline"))
    target = text(_("Target"))


class CashRow(RowForm):
    kind = choice(_("Cost or benefit"), CASH_KINDS)
    name = text(_("Item"))
    first_year = be_year(_("First year (B.E.)"))
    last_year = be_year(_("Last year (B.E.)"))
    amount = decimal_field(_("Amount a year (baht)"))

    def clean(self):
        cleaned = super().clean()
        self.ensure_order(
            cleaned, "first_year", "last_year",
            _("The last year (%(last)s) comes before the first year (%(first)s): put the years in order."),
        )
        return cleaned


class RiskRow(RowForm):
    name_field = "description"

    description = text(_("Impact or risk"), long=True)
    affects = choice(_("Affects"), AFFECTED)
    likelihood = level(_("Likelihood (1–5)"))
    impact = level(_("Impact (1–5)"))
    response = text(_("Response"), long=True)


class InitiativeRow(RowForm):
    name = text(_("Initiative"))
    horizon = choice(_("Horizon"), HORIZONS)
    start_year = be_year(_("Start (year B.E.)"))
    end_year = be_year(_("End (year B.E.)"))
    owner = text(_("Owner"))
    outcome = text(_("Expected outcome"), long=True)

    def clean(self):
        cleaned = super().clean()
        self.ensure_order(
            cleaned, "start_year", "end_year",
            _("The initiative ends (%(last)s) before it starts (%(first)s): put the years in order."),
        )
        return cleaned


class CommunicationRow(RowForm):
    name_field = "message"

    audience = choice(_("Audience"), AUDIENCES)
    message = text(_("Message"), long=True)
    channel = text(_("Channel"))
    timing = text(_("Timing"))
    owner = text(_("Owner"))


class NoFields(ContextForm):
    pass


class ProfileFields(ContextForm):
    agency = text(_("Agency"))
    mission = text(_("Mission"), long=True)
    direction = text(_("Direction"), long=True)
    plan_start_year = be_year(_("First year of the plan (B.E.)"))
    horizon_short = text(_("Horizon 1–2 years"), long=True)
    horizon_long = text(_("Horizon 2–5 years"), long=True)


class StructureFields(ContextForm):
    reporting_lines = text(_("Reporting lines"), long=True)
    governance = text(_("Digital governance"), long=True)
    management = text(_("Management approach"), long=True)


class EconomicsFields(ContextForm):
    appraisal_start_year = be_year(_("Appraisal starts (year B.E.)"))
    appraisal_years = count(_("Years appraised"), min_value=1, max_value=10)
    discount_rate = decimal_field(_("Discount rate (% a year)"), max_value=Decimal(30))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discount_rate"].error_messages["max_value"] = _(
            "A discount rate above %(limit_value)s %% a year is not plausible; "
            "public projects are usually appraised at 6–12 %%."
        )


# ---------------------------------------------------------------- tables


class RowFormSet(forms.BaseFormSet):
    """The rows of one table. Any row may be left blank and is then dropped, so no row is 'initial'."""

    def initial_form_count(self) -> int:
        return 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # One form per saved row, or one blank row to start typing in.
            self.extra = max(len(self.initial or ()), 1)

    def rows(self) -> list[dict]:
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


@dataclass(frozen=True)
class Table:
    """A table of a section, with what a row needs before it counts towards completeness."""

    name: str
    row_form: type[RowForm]
    title: Any
    add_label: Any
    required: tuple[str, ...]
    # Tables with long texts read better as one block per row than as columns.
    as_records: bool = False

    def formset_class(self) -> type[RowFormSet]:
        return forms.formset_factory(
            self.row_form, formset=RowFormSet, extra=0, can_delete=True, max_num=MAX_ROWS, validate_max=True
        )


def to_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


@dataclass
class SectionEditor:
    """A section's own fields and its tables bound together: the one form every save goes through."""

    section: Any
    content: dict
    context: EditorContext
    data: Any = None
    form: ContextForm = field(init=False)
    formsets: list[tuple[Table, RowFormSet]] = field(init=False)

    def __post_init__(self) -> None:
        form_class = self.section.form_class
        initial = None if self.data is not None else {n: self.content.get(n) for n in form_class.base_fields}
        self.form = form_class(self.data, initial=initial, context=self.context)
        self.formsets = [
            (
                table,
                table.formset_class()(
                    self.data,
                    # Bound rows are compared with blank, not with the saved row, so an unchanged row is kept.
                    initial=None if self.data is not None else self.content.get(table.name, []),
                    prefix=table.name,
                    form_kwargs={"context": self.context},
                    error_messages={"too_many_forms": _("A table can hold at most %(num)d rows.")},
                ),
            )
            for table in self.section.tables
        ]

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), *(formset.is_valid() for _table, formset in self.formsets)]
        if not all(results):
            return False
        self.section.clean(self)
        return self.form.is_valid() and all(formset.is_valid() for _table, formset in self.formsets)

    def formset(self, name: str) -> RowFormSet:
        return next(formset for table, formset in self.formsets if table.name == name)

    def cleaned_content(self) -> dict:
        content = {name: to_json(value) for name, value in self.form.cleaned_data.items()}
        for table, formset in self.formsets:
            content[table.name] = [
                {name: to_json(value) for name, value in row.items()} for row in formset.rows()
            ]
        return content

    def error_messages(self) -> dict[str, list[str]]:
        """Every error keyed by the name of the input it belongs to ("__all__" for the section as a whole)."""
        errors: dict[str, list[str]] = {}
        every_form = [self.form, *(form for _table, formset in self.formsets for form in formset.forms)]
        for form in every_form:
            for name, messages in form.errors.items():
                key = "__all__" if name == "__all__" else form.add_prefix(name)
                errors.setdefault(key, []).extend(messages)
        for _table, formset in self.formsets:
            if formset.non_form_errors():
                errors.setdefault("__all__", []).extend(formset.non_form_errors())
        return errors


# ---------------------------------------------------------------- display


def flat_choices(choices: Iterable) -> dict[str, str]:
    flat: dict[str, str] = {}
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            flat.update(flat_choices(label))
        else:
            flat[str(value)] = str(label)
    return flat


def display_value(form_field: forms.Field, value: Any) -> str:
    """A saved value as a reader sees it: choice labels, thousands separators, a dash for nothing."""
    if value in (None, "", []):
        return "—"
    if isinstance(form_field, forms.ChoiceField):
        labels = flat_choices(form_field.choices)
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        return labels.get(str(value), str(value))
    if isinstance(form_field, (forms.DecimalField, forms.IntegerField)) and not isinstance(form_field, YearField):
        return number_display(Decimal(str(value)))
    return str(value)


def number_display(number: Decimal) -> str:
    """1,250,000 for whole numbers, 6.50 for fractions."""
    return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"


class BlueprintTitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class SaveForm(forms.Form):
    """What a section save carries besides the section itself: which revision and which window it comes from."""

    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    editor_session = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    editor_seq = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
