"""Cost-benefit arithmetic of a blueprint: present values, NPV, benefit-cost ratio and payback year.

Conventions, stated once: the first year of the appraisal is year 0 and is not discounted; the
amounts of year t are divided by (1 + r)^t. Money is rounded to the satang only in the results.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CashFlow:
    """A cost or benefit of the same amount every year from first_year to last_year (B.E.)."""

    kind: str  # "cost" or "benefit"
    first_year: int
    last_year: int
    amount: Decimal


@dataclass(frozen=True)
class YearFigures:
    year: int
    cost: Decimal
    benefit: Decimal
    discount_factor: Decimal
    present_net: Decimal
    cumulative_present_net: Decimal

    @property
    def net(self) -> Decimal:
        return self.benefit - self.cost


@dataclass(frozen=True)
class Appraisal:
    years: tuple[YearFigures, ...]
    rate_percent: Decimal
    present_cost: Decimal
    present_benefit: Decimal
    npv: Decimal
    # None when nothing costs anything: a ratio over zero means nothing.
    benefit_cost_ratio: Decimal | None
    # The first year from which the cumulative discounted net benefit stays at or above zero;
    # None when the investment has not paid back by the end of the period.
    payback_year: int | None


def appraise(*, start_year: int, years: int, rate_percent: Decimal, flows: Iterable[CashFlow]) -> Appraisal:
    """Appraise the flows over the years start_year … start_year + years − 1 at the given discount rate."""
    if years < 1:
        raise ValueError("an appraisal covers at least one year")
    if rate_percent <= -100:
        raise ValueError("a discount rate of -100 % or less has no meaning")
    flows = list(flows)
    growth = 1 + Decimal(rate_percent) / 100
    rows: list[YearFigures] = []
    present_cost = present_benefit = cumulative = Decimal(0)
    payback_year: int | None = None
    for t in range(years):
        year = start_year + t
        cost = sum((f.amount for f in flows if f.kind == "cost" and f.first_year <= year <= f.last_year), Decimal(0))
        benefit = sum(
            (f.amount for f in flows if f.kind == "benefit" and f.first_year <= year <= f.last_year), Decimal(0)
        )
        factor = 1 / growth**t
        present_cost += cost * factor
        present_benefit += benefit * factor
        cumulative += (benefit - cost) * factor
        if cumulative < 0:
            payback_year = None
        elif payback_year is None:
            payback_year = year
        rows.append(YearFigures(year, cost, benefit, factor, _round((benefit - cost) * factor), _round(cumulative)))
    return Appraisal(
        years=tuple(rows),
        rate_percent=Decimal(rate_percent),
        present_cost=_round(present_cost),
        present_benefit=_round(present_benefit),
        npv=_round(present_benefit - present_cost),
        benefit_cost_ratio=(present_benefit / present_cost).quantize(CENT, rounding=ROUND_HALF_UP)
        if present_cost
        else None,
        payback_year=payback_year,
    )
