"""Template helpers of the blueprint workspace: money, field widths and a case's blueprints."""
from decimal import Decimal

from django import forms, template

from ..display import number_display
from ..selectors import blueprints_of_case

register = template.Library()


@register.filter
def baht(value) -> str:
    return "—" if value is None else number_display(Decimal(value))


@register.filter
def field_col(bound_field) -> str:
    """Long texts and checkbox lists take the whole width, names half of it; numbers and choices share a line."""
    widget = bound_field.field.widget
    if isinstance(widget, (forms.Textarea, forms.CheckboxSelectMultiple)):
        return "col-12"
    if type(widget) is forms.TextInput:
        return "col-md-6"
    return "col-sm-6 col-lg-3"


@register.simple_tag
def case_blueprints(case):
    return blueprints_of_case(case=case)
