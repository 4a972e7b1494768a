"""Field factories of the blueprint forms: every field optional, with messages that say what a plausible value is."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

BE_YEAR_MIN = 2550
BE_YEAR_MAX = 2650
MONEY_MAX = Decimal(100_000_000_000)


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
