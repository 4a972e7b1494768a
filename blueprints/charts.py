"""The blueprint's charts, drawn on the server: the gap heat map, the cost-benefit chart, the roadmap.

Shapes and numbers are SVG; every word is HTML beside the SVG. WeasyPrint lays out SVG text one
character at a time, which tears Thai vowels and tone marks off their consonants, so no Thai may
go inside an SVG. Only presentation attributes are used (no style attributes), so the page's
Content Security Policy has nothing to object to. The same markup goes into the page and the PDF.
"""
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .economics import Appraisal
from .forms import DIMENSIONS, PRIORITIES

INK = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
CURRENT = "#9ec5fe"
EMPTY = "#f1f3f5"
PRIORITY_FILL = {"high": "#dc3545", "medium": "#fd7e14", "low": "#ffc107"}
GAP_FILL = ("#d1e7dd", "#fff3cd", "#ffe5d0", "#f1aeb5", "#dc3545")
COST = "#dc3545"
BENEFIT = "#198754"
NET = "#0d6efd"
HORIZON_FILL = {"short": "#0d6efd", "long": "#6f42c1"}


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Svg:
    """A tiny SVG builder that escapes every value it is given. Its text is for digits only."""

    def __init__(self, width: float, height: float, **attrs: Any):
        self.width, self.height, self.attrs = width, height, attrs
        self.parts: list[SafeString] = []

    @staticmethod
    def _attrs(attrs: Mapping[str, Any]) -> SafeString:
        return format_html_join(
            "", ' {}="{}"', ((name.replace("_", "-"), value) for name, value in attrs.items() if value is not None)
        )

    def rect(self, x: float, y: float, width: float, height: float, fill: str, **attrs: Any) -> None:
        self.parts.append(
            format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>',
                        _n(x), _n(y), _n(width), _n(height), fill, self._attrs(attrs))
        )

    def number(self, x: float, y: float, text: str, *, size: int = 11, anchor: str = "middle", fill: str = INK,
               bold: bool = False) -> None:
        self.parts.append(
            format_html('<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{}>{}</text>',
                        _n(x), _n(y), size, anchor, fill, mark_safe(' font-weight="bold"') if bold else "", text)
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, *, width: float = 1,
             dash: str | None = None) -> None:
        self.parts.append(
            format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>',
                        _n(x1), _n(y1), _n(x2), _n(y2), stroke, width, self._attrs({"stroke_dasharray": dash}))
        )

    def polyline(self, points: Sequence[tuple[float, float]], stroke: str, *, width: float = 2) -> None:
        self.parts.append(
            format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"/>',
                        " ".join(f"{_n(x)},{_n(y)}" for x, y in points), stroke, width)
        )

    def circle(self, x: float, y: float, r: float, fill: str) -> None:
        self.parts.append(format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', _n(x), _n(y), _n(r), fill))

    def render(self) -> SafeString:
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            'aria-hidden="true" focusable="false"{attrs}>{body}</svg>',
            w=_n(self.width), h=_n(self.height), attrs=self._attrs(self.attrs), body=mark_safe("".join(self.parts)),
        )


def swatch(fill: str, *, line: bool = False, dash: str | None = None) -> SafeString:
    """A small key for a legend; the template writes its words beside it in HTML."""
    svg = Svg(14, 14)
    if line:
        svg.line(0, 7, 14, 7, fill, width=2, dash=dash)
    else:
        svg.rect(1, 1, 12, 12, fill)
    return svg.render()


# ---------------------------------------------------------------- gap heat map

LEVEL_CELL = 40
STRIP_HEIGHT = 26


@dataclass(frozen=True)
class HeatRow:
    dimension: str
    label: str
    as_is: int
    to_be: int
    priority: str
    priority_label: str
    strip: SafeString
    gap_box: SafeString

    @property
    def gap(self) -> int:
        return max(self.to_be - self.as_is, 0)


@dataclass(frozen=True)
class HeatMap:
    kind = "heatmap"
    header: SafeString
    rows: list[HeatRow]
    swatches: dict[str, SafeString]


def _level_strip(as_is: int, to_be: int, priority: str) -> SafeString:
    """Levels 1–5: today's level, then the levels still to climb coloured by the priority of climbing them."""
    svg = Svg(LEVEL_CELL * 5, STRIP_HEIGHT)
    for level in range(1, 6):
        if level <= as_is:
            fill, state = CURRENT, "current"
        elif level <= to_be:
            fill, state = PRIORITY_FILL.get(priority, MUTED), "gap"
        else:
            fill, state = EMPTY, "beyond"
        svg.rect((level - 1) * LEVEL_CELL + 1, 1, LEVEL_CELL - 2, STRIP_HEIGHT - 2, fill, data_cell=state)
    return svg.render()


def _gap_box(gap: int) -> SafeString:
    """The size of the gap, hotter the wider it is."""
    svg = Svg(LEVEL_CELL, STRIP_HEIGHT)
    svg.rect(1, 1, LEVEL_CELL - 2, STRIP_HEIGHT - 2, GAP_FILL[min(gap, len(GAP_FILL) - 1)])
    svg.number(LEVEL_CELL / 2, STRIP_HEIGHT / 2 + 4, str(gap), bold=True)
    return svg.render()


def _level_header() -> SafeString:
    svg = Svg(LEVEL_CELL * 5, 16)
    for level in range(1, 6):
        svg.number((level - 0.5) * LEVEL_CELL, 12, str(level), bold=True)
    return svg.render()


def heatmap(rows: Sequence[Mapping[str, Any]]) -> HeatMap | None:
    """Dimensions down, maturity levels 1–5 across, and the size of each gap at the end of its row."""
    labels = dict(DIMENSIONS)
    order = list(labels)
    scored = sorted(
        (row for row in rows if row.get("dimension") in labels and row.get("as_is") and row.get("to_be")),
        key=lambda row: order.index(row["dimension"]),
    )
    if not scored:
        return None
    priorities = dict(PRIORITIES)
    return HeatMap(
        header=_level_header(),
        rows=[
            HeatRow(
                dimension=row["dimension"],
                label=str(labels[row["dimension"]]),
                as_is=row["as_is"],
                to_be=row["to_be"],
                priority=row.get("priority") or "",
                priority_label=str(priorities.get(row.get("priority"), "—")),
                strip=_level_strip(row["as_is"], row["to_be"], row.get("priority") or ""),
                gap_box=_gap_box(max(row["to_be"] - row["as_is"], 0)),
            )
            for row in scored
        ],
        swatches={"today": swatch(CURRENT), **{value: swatch(fill) for value, fill in PRIORITY_FILL.items()}},
    )


# ---------------------------------------------------------------- cost-benefit chart


@dataclass(frozen=True)
class CostBenefitChart:
    kind = "cost_benefit"
    svg: SafeString
    payback_year: int | None
    swatches: dict[str, SafeString]


def _nice_step(span: float) -> float:
    raw = span / 4 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _millions(value: float) -> str:
    text = f"{value / 1_000_000:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def cost_benefit_chart(appraisal: Appraisal | None) -> CostBenefitChart | None:
    """Benefits up and costs down for every year (million baht), with the cumulative discounted net line."""
    if appraisal is None or not any(y.cost or y.benefit for y in appraisal.years):
        return None
    years = appraisal.years
    high = float(max(max(y.benefit for y in years), max(y.cumulative_present_net for y in years), Decimal(0)))
    low = float(min(-max(y.cost for y in years), min(y.cumulative_present_net for y in years), Decimal(0)))
    step = _nice_step(high - low)
    top_value, bottom_value = math.ceil(high / step) * step, math.floor(low / step) * step
    left, top, plot_height = 56, 10, 220
    column = max(60, min(110, 560 // len(years)))
    width = left + column * len(years) + 10

    def y_of(value: float) -> float:
        return top + (top_value - value) / ((top_value - bottom_value) or 1) * plot_height

    svg = Svg(width, top + plot_height + 26, data_chart="cost_benefit")
    tick = bottom_value
    while tick <= top_value + step / 2:
        svg.line(left, y_of(tick), width - 10, y_of(tick), GRID)
        svg.number(left - 6, y_of(tick) + 4, _millions(tick), anchor="end", size=10, fill=MUTED)
        tick += step
    svg.line(left, y_of(0), width - 10, y_of(0), INK)
    bar = column * 0.3
    points = []
    for index, year in enumerate(years):
        centre = left + column * (index + 0.5)
        if year.benefit:
            svg.rect(centre - bar - 2, y_of(float(year.benefit)), bar, y_of(0) - y_of(float(year.benefit)), BENEFIT,
                     data_benefit=year.year)
        if year.cost:
            svg.rect(centre + 2, y_of(0), bar, y_of(-float(year.cost)) - y_of(0), COST, data_cost=year.year)
        svg.number(centre, top + plot_height + 18, str(year.year))
        points.append((centre, y_of(float(year.cumulative_present_net))))
    svg.polyline(points, NET)
    for x, y in points:
        svg.circle(x, y, 3, NET)
    if appraisal.payback_year is not None:
        x = left + column * (appraisal.payback_year - years[0].year + 0.5)
        svg.line(x, top, x, top + plot_height, INK, dash="4 3")
    return CostBenefitChart(
        svg=svg.render(),
        payback_year=appraisal.payback_year,
        swatches={"benefit": swatch(BENEFIT), "cost": swatch(COST), "cumulative": swatch(NET, line=True),
                  "payback": swatch(INK, line=True, dash="4 3")},
    )


# ---------------------------------------------------------------- roadmap timeline

YEAR_COLUMN = 56
LANE_HEIGHT = 22


@dataclass(frozen=True)
class RoadmapLane:
    name: str
    horizon: str
    start_year: int
    end_year: int
    strip: SafeString


@dataclass(frozen=True)
class Roadmap:
    kind = "roadmap"
    header: SafeString
    lanes: list[RoadmapLane]
    swatches: dict[str, SafeString]


def roadmap_timeline(initiatives: Sequence[Mapping[str, Any]], plan_start_year: int | None) -> Roadmap | None:
    """The plan's years across, one lane per initiative; the two horizons banded above the years."""
    placed = [row for row in initiatives if row.get("start_year") and row.get("end_year")]
    if not placed:
        return None
    start = plan_start_year or min(row["start_year"] for row in placed)
    first = min(start, *(row["start_year"] for row in placed))
    last = max(start + 4, *(row["end_year"] for row in placed))
    width = YEAR_COLUMN * (last - first + 1)

    def x_of(year: int) -> float:
        return (year - first) * YEAR_COLUMN

    header = Svg(width, 40)
    for offset, (key, (band_start, band_end)) in enumerate(
        (("short", (start, start + 1)), ("long", (start + 1, start + 4)))
    ):
        header.rect(x_of(band_start) + 1, 2 + offset * 9, x_of(band_end + 1) - x_of(band_start) - 2, 7,
                    HORIZON_FILL[key], fill_opacity="0.35", data_band=key)
    for year in range(first, last + 1):
        header.number(x_of(year) + YEAR_COLUMN / 2, 35, str(year), bold=True)

    def strip(row: Mapping[str, Any]) -> SafeString:
        svg = Svg(width, LANE_HEIGHT)
        for year in range(first, last + 2):
            svg.line(x_of(year), 0, x_of(year), LANE_HEIGHT, GRID)
        svg.rect(x_of(row["start_year"]) + 3, 4, x_of(row["end_year"] + 1) - x_of(row["start_year"]) - 6,
                 LANE_HEIGHT - 8, HORIZON_FILL.get(row.get("horizon") or "", MUTED), rx=4)
        return svg.render()

    return Roadmap(
        header=header.render(),
        lanes=[
            RoadmapLane(
                row.get("name") or "—", row.get("horizon") or "", row["start_year"], row["end_year"], strip(row)
            )
            for row in placed
        ],
        swatches={value: swatch(fill) for value, fill in HORIZON_FILL.items()},
    )
