"""The page links under a paginated list: {% page_url number %} keeps the list's filters or search in the link."""
from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"
