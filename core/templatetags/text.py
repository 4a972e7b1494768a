"""{{ value|shorten:80 }}: a label shortened at a space, never in the middle of a word."""
from django import template

from core.text import shorten as shorten_text

register = template.Library()


@register.filter
def shorten(value, limit):
    return shorten_text(value, int(limit))
