"""Agreement between markers, checked against figures worked by hand."""
import pytest

from judging.agreement import agreement

C, N = "competent", "not_yet_competent"


def test_kappa_against_a_hand_worked_table():
    # 10 criteria: both C on 6, both N on 2, first C/second N on 1, first N/second C on 1.
    # p_o = 8/10 = 0.80. First marker: C 7, N 3; second: C 7, N 3.
    # p_e = (7*7 + 3*3) / 100 = 0.58. kappa = (0.80 - 0.58) / (1 - 0.58) = 0.22 / 0.42 = 0.5238…
    pairs = [(C, C)] * 6 + [(N, N)] * 2 + [(C, N), (N, C)]
    result = agreement(pairs)
    assert result.pairs == 10
    assert result.percent == pytest.approx(80.0)
    assert result.kappa == pytest.approx(0.22 / 0.42)


def test_kappa_when_agreement_is_no_better_than_chance():
    # p_o = 0.5; each marker says C half the time: p_e = (2*2 + 2*2)/16 = 0.5, so kappa = 0.
    pairs = [(C, C), (N, N), (C, N), (N, C)]
    assert agreement(pairs).kappa == pytest.approx(0.0)


def test_kappa_is_undefined_when_both_markers_only_ever_say_competent():
    result = agreement([(C, C)] * 5)
    assert result.percent == 100.0
    assert result.kappa is None


def test_no_pairs_no_figures():
    assert agreement([]).pairs == 0
