"""Template filters for Buddhist-Era dates: {{ value|be_date }}, {{ value|be_date_short }}, {{ value|be_datetime }},
{{ value|be_datetime_seconds }}."""
from django import template

from core.dates import format_date, format_datetime

register = template.Library()


@register.filter
def be_date(value):
    return format_date(value)


@register.filter
def be_date_short(value):
    return format_date(value, short=True)


@register.filter
def be_datetime(value):
    return format_datetime(value)


@register.filter
def be_datetime_seconds(value):
    return format_datetime(value, seconds=True)
