"""The date field every form uses: typed as dd/mm/yyyy, in the Buddhist Era in Thai and AD in English."""
import datetime

from django import forms
from django.core.exceptions import ValidationError

from .dates import DateInputError, date_input_hint, format_date_input, parse_date_input


class BuddhistEraDateInput(forms.TextInput):
    """A text box for a date, with its pattern shown beside it and named to screen readers.

    The browser's own date picker is Gregorian whatever the page's language, so the portal does not use it."""

    template_name = "core/widgets/thai_date.html"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "maxlength": "10", "spellcheck": "false"}
                         | (attrs or {}))

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return format_date_input(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        hint = date_input_hint()
        widget_attrs.setdefault("placeholder", hint)
        if widget_attrs.get("id"):
            hint_id = f"{widget_attrs['id']}_format"
            described = [part for part in widget_attrs.get("aria-describedby", "").split() if part]
            widget_attrs["aria-describedby"] = " ".join([hint_id, *described])
            context["widget"]["hint_id"] = hint_id
        context["widget"]["hint"] = hint
        return context


class ThaiDateField(forms.DateField):
    """A date read with the same rules the page shows: core.dates.parse_date_input, in the active language."""

    widget = BuddhistEraDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date_input(str(value))
        except DateInputError as exc:
            raise ValidationError(exc.message, code=exc.code) from None

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        return (self.to_python(initial) if initial not in self.empty_values else None) != data
