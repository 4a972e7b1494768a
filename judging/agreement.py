"""Agreement between two markers' verdicts: the share they agree on, and Cohen's kappa."""
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    pairs: int
    percent: float
    kappa: float | None  # None when chance agreement is total, so kappa is undefined


def agreement(pairs: Sequence[tuple[str, str]]) -> Agreement:
    """pairs: (first marker's verdict, second marker's verdict) for the same criterion of the same case."""
    return agreement_of_counts(Counter(pairs))


def agreement_of_counts(counts: Mapping[tuple[str, str], int]) -> Agreement:
    """counts: how many criteria got each (first marker's verdict, second marker's verdict).

    kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the agreement expected by
    chance from each marker's own rates."""
    n = sum(counts.values())
    if n == 0:
        return Agreement(pairs=0, percent=0.0, kappa=None)
    observed = sum(count for (a, b), count in counts.items() if a == b) / n
    first, second = Counter(), Counter()
    for (a, b), count in counts.items():
        first[a] += count
        second[b] += count
    expected = sum(first[c] * second[c] for c in first.keys() | second.keys()) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(pairs=n, percent=100 * observed, kappa=kappa)
