"""Template filters of the exams pages: knowledge-area keys and the numbers item analysis shows."""
from django import template

from exams.selectors import knowledge_area_key

register = template.Library()


@register.filter
def area_key(statement) -> str:
    return knowledge_area_key(statement)


@register.filter
def scaled(value, scale: int = 100) -> str:
    """A proportion (0–1) as a length for an inline SVG bar, clamped to the chart."""
    if value is None:
        return "0"
    return f"{max(0.0, min(1.0, float(value))) * int(scale):.1f}"


@register.filter
def signed_offset(value, half: int = 50) -> str:
    """Where a bar for a value in −1…1 starts on a chart whose zero is in the middle."""
    if value is None:
        return str(half)
    return f"{half + min(0.0, max(-1.0, float(value))) * half:.1f}"


@register.filter
def signed_width(value, half: int = 50) -> str:
    if value is None:
        return "0"
    return f"{abs(max(-1.0, min(1.0, float(value)))) * half:.1f}"

