"""The cost-benefit arithmetic against figures worked out by hand."""
from decimal import Decimal

import pytest

from blueprints.economics import CashFlow, appraise


def test_npv_benefit_cost_ratio_and_payback_of_a_three_year_project():
    # Worked by hand, at 10 % a year, year 2569 being year 0 (not discounted):
    #
    #   year  t  cost     benefit  factor 1/1.1^t   PV cost      PV benefit   cumulative PV net
    #   2569  0  100,000        0  1                100,000.00         0.00   -100,000.00
    #   2570  1   10,000   80,000  0.909090…          9,090.91    72,727.27    -36,363.64
    #   2571  2   10,000   80,000  0.826446…          8,264.46    66,115.70     21,487.60
    #
    #   PV costs    = 100,000 + 10,000/1.1 + 10,000/1.21 = 117,355.37
    #   PV benefits = 80,000/1.1 + 80,000/1.21           = 138,842.98
    #   NPV         = 138,842.98 − 117,355.37            =  21,487.60  (21,487.603… before rounding)
    #   BCR         = 138,842.975… / 117,355.371…        =   1.1831… → 1.18
    #   payback     = the cumulative turns positive in 2571 and stays so → 2571
    appraisal = appraise(
        start_year=2569,
        years=3,
        rate_percent=Decimal("10"),
        flows=[
            CashFlow("cost", 2569, 2569, Decimal("100000")),
            CashFlow("cost", 2570, 2571, Decimal("10000")),
            CashFlow("benefit", 2570, 2571, Decimal("80000")),
        ],
    )

    assert appraisal.present_cost == Decimal("117355.37")
    assert appraisal.present_benefit == Decimal("138842.98")
    assert appraisal.npv == Decimal("21487.60")
    assert appraisal.benefit_cost_ratio == Decimal("1.18")
    assert appraisal.payback_year == 2571
    assert [y.cumulative_present_net for y in appraisal.years] == [
        Decimal("-100000.00"), Decimal("-36363.64"), Decimal("21487.60"),
    ]


def test_a_project_that_never_pays_back_within_the_period():
    # At 5 %: PV costs = 500,000; PV benefits = 100,000/1.05 + 100,000/1.05² = 95,238.10 + 90,702.95 = 185,941.04
    # NPV = −314,058.96; BCR = 0.3719 → 0.37; the cumulative never reaches zero, so no payback year.
    appraisal = appraise(
        start_year=2569,
        years=3,
        rate_percent=Decimal("5"),
        flows=[CashFlow("cost", 2569, 2569, Decimal("500000")), CashFlow("benefit", 2570, 2571, Decimal("100000"))],
    )

    assert appraisal.present_benefit == Decimal("185941.04")
    assert appraisal.npv == Decimal("-314058.96")
    assert appraisal.benefit_cost_ratio == Decimal("0.37")
    assert appraisal.payback_year is None


def test_payback_is_the_year_from_which_the_cumulative_stays_positive():
    # No discounting (0 %): cumulative net = +50, −50 (a second investment), +50 → payback 2571, not 2569.
    appraisal = appraise(
        start_year=2569,
        years=3,
        rate_percent=Decimal("0"),
        flows=[
            CashFlow("benefit", 2569, 2571, Decimal("50")),
            CashFlow("cost", 2570, 2570, Decimal("150")),
        ],
    )

    assert [y.cumulative_present_net for y in appraisal.years] == [Decimal("50.00"), Decimal("-50.00"), Decimal("0.00")]
    assert appraisal.payback_year == 2571
    assert appraisal.npv == Decimal("0.00")
    assert appraisal.benefit_cost_ratio == Decimal("1.00")


def test_flows_outside_the_period_are_not_counted_and_no_cost_means_no_ratio():
    appraisal = appraise(
        start_year=2569,
        years=2,
        rate_percent=Decimal("8"),
        flows=[CashFlow("benefit", 2569, 2575, Decimal("1000"))],
    )

    # 1,000 + 1,000/1.08 = 1,925.93; nothing costs anything, so there is no benefit-cost ratio.
    assert appraisal.present_benefit == Decimal("1925.93")
    assert appraisal.benefit_cost_ratio is None
    assert appraisal.payback_year == 2569


@pytest.mark.parametrize("years, rate", [(0, Decimal("8")), (3, Decimal("-100"))])
def test_meaningless_appraisals_are_refused(years, rate):
    with pytest.raises(ValueError):
        appraise(start_year=2569, years=years, rate_percent=rate, flows=[])
