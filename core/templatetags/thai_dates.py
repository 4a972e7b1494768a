"""Template filters for Buddhist-Era dates: {{ value|be_date }}, {{ value|be_date_short }}, {{ value|be_datetime }}."""
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
def be_datetime(value, arg: str = ""):
    """{{ value|be_datetime }}; {{ value|be_datetime:"seconds" }} shows the seconds too."""
    return format_datetime(value, seconds=arg == "seconds")
