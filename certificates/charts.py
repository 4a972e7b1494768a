"""Small SVG charts for the HR dashboard and the PDF reports: drawn here, so pages and PDFs need no script."""
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#0b5ed7"
TRACK = "#e9ecef"
INK = "#212529"


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        # The PDFs' faces by name: WeasyPrint applies no page style inside an SVG. Pages override it in CSS.
        f'width="{width}" height="{height}" font-family="PortalThai, PortalLatin, sans-serif" role="img" '
        f'aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(rows: list[tuple[str, float]], *, title: str, maximum: float = 100, suffix: str = "%") -> SafeString:
    """Horizontal bars, one per row, with the label on the left and the value at the end of the bar."""
    label_width, bar_width, row_height = 110, 330, 26
    height = max(row_height * len(rows), row_height)
    body = []
    for index, (label, value) in enumerate(rows):
        y = index * row_height
        length = 0 if not maximum else round(bar_width * min(value, maximum) / maximum)
        body.append(
            f'<text x="0" y="{y + 17}" font-size="13" fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{bar_width}" height="16" fill="{TRACK}"/>'
            f'<rect x="{label_width}" y="{y + 5}" width="{length}" height="16" fill="{BAR}"/>'
            f'<text x="{label_width + bar_width + 6}" y="{y + 17}" font-size="13" fill="{INK}">'
            f"{escape(_number(value))}{escape(suffix)}</text>"
        )
    return _svg(label_width + bar_width + 60, height, title, body)


def column_chart(rows: list[tuple[str, int]], *, title: str) -> SafeString:
    """Vertical columns with their counts above and their labels below, for distributions and trends."""
    column, gap, plot_height, top, bottom = 34, 8, 140, 18, 34
    peak = max((value for _label, value in rows), default=0) or 1
    body = [f'<line x1="0" y1="{top + plot_height}" x2="{len(rows) * (column + gap)}" y2="{top + plot_height}" '
            f'stroke="{INK}" stroke-width="1"/>']
    for index, (label, value) in enumerate(rows):
        x = index * (column + gap)
        height = round(plot_height * value / peak)
        body.append(
            f'<rect x="{x}" y="{top + plot_height - height}" width="{column}" height="{height}" fill="{BAR}"/>'
            f'<text x="{x + column / 2}" y="{top + plot_height - height - 4}" font-size="11" text-anchor="middle" '
            f'fill="{INK}">{value}</text>'
            f'<text x="{x + column / 2}" y="{top + plot_height + 16}" font-size="10" text-anchor="middle" '
            f'fill="{INK}">{escape(label)}</text>'
        )
    return _svg(max(len(rows) * (column + gap), column), top + plot_height + bottom, title, body)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
