"""The row forms of the sections' tables, and the fields each section has of its own outside its tables."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import ContextForm, RowForm
from .choices import (
    AFFECTED,
    AUDIENCES,
    CASH_KINDS,
    CHANNELS,
    DIMENSIONS,
    HORIZONS,
    PARTNERS,
    PERSONNEL_MEASURES,
    POLICY_LEVELS,
    PRIORITIES,
    SENSITIVITY,
    STAGES,
    UNIT_CHANGES,
    WORKLOAD_UNITS,
)
from .fields import be_year, choice, choices_many, count, decimal_field, level, percent, text


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
