"""Saved blueprint values as a reader sees them: choice labels, thousands separators, a dash for nothing."""
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms

from .forms.fields import YearField


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
