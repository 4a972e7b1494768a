"""Classical item analysis of objective items: difficulty p, item–rest point-biserial, distractors, KR-20."""
import math
from collections import defaultdict
from dataclasses import dataclass, field

# Review thresholds, as commonly used in classical test theory.
TOO_HARD_BELOW = 0.20
TOO_EASY_ABOVE = 0.90
WEAK_DISCRIMINATION_BELOW = 0.20
UNUSED_DISTRACTOR_BELOW = 0.05

FLAG_TOO_HARD = "too_hard"
FLAG_TOO_EASY = "too_easy"
FLAG_WEAK_DISCRIMINATION = "weak_discrimination"
FLAG_NEGATIVE_DISCRIMINATION = "negative_discrimination"
FLAG_DISTRACTOR_BEATS_KEY = "distractor_beats_key"
FLAG_UNUSED_DISTRACTOR = "unused_distractor"


@dataclass(frozen=True)
class Response:
    """One objective item on one attempt's form, scored 0/1, with the choices picked (if it has any)."""

    attempt_id: int
    version_id: int
    correct: bool
    answered: bool
    choice_ids: tuple[int, ...] = ()


@dataclass
class ItemStats:
    version_id: int
    n: int
    p: float
    r_pb: float | None
    choice_counts: dict[int, int]
    omitted: int
    flags: list[str] = field(default_factory=list)


@dataclass
class DefinitionStats:
    attempts: int
    mean: float | None
    sd: float | None
    kr20: float | None
    items: dict[int, ItemStats]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _population_sd(values: list[float]) -> float:
    mean = _mean(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def point_biserial(item_scores: list[int], rest_scores: list[float]) -> float | None:
    """r_pb = (M1 − M0) / s · √(pq), with s the population SD of the rest scores; None when undefined."""
    n = len(item_scores)
    right = [rest for score, rest in zip(item_scores, rest_scores) if score]
    wrong = [rest for score, rest in zip(item_scores, rest_scores) if not score]
    if not right or not wrong:
        return None
    sd = _population_sd(rest_scores)
    if sd == 0:
        return None
    p = len(right) / n
    return (_mean(right) - _mean(wrong)) / sd * math.sqrt(p * (1 - p))


def kr20(*, k: float, sum_pq: float, variance: float) -> float | None:
    """Kuder–Richardson 20: k/(k−1) · (1 − Σpq / σ²)."""
    if k <= 1 or variance == 0:
        return None
    return k / (k - 1) * (1 - sum_pq / variance)


def _flags(stats: ItemStats, key: set[int], min_responses: int) -> list[str]:
    if stats.n < min_responses:
        return []
    flags = []
    if stats.p < TOO_HARD_BELOW:
        flags.append(FLAG_TOO_HARD)
    if stats.p > TOO_EASY_ABOVE:
        flags.append(FLAG_TOO_EASY)
    if stats.r_pb is not None:
        if stats.r_pb < 0:
            flags.append(FLAG_NEGATIVE_DISCRIMINATION)
        elif stats.r_pb < WEAK_DISCRIMINATION_BELOW:
            flags.append(FLAG_WEAK_DISCRIMINATION)
    if key:
        distractors = {cid: count for cid, count in stats.choice_counts.items() if cid not in key}
        most_picked_key = max(stats.choice_counts.get(cid, 0) for cid in key)
        if any(count > most_picked_key for count in distractors.values()):
            flags.append(FLAG_DISTRACTOR_BEATS_KEY)
        if any(count < UNUSED_DISTRACTOR_BELOW * stats.n for count in distractors.values()):
            flags.append(FLAG_UNUSED_DISTRACTOR)
    return flags


def analyse(
    responses: list[Response], *, choices: dict[int, list[int]], keys: dict[int, set[int]], min_responses: int
) -> DefinitionStats:
    """Statistics of every item and of the definition, from the objective responses of submitted attempts.

    Forms are drawn at random, so items are not all on every form. Each statistic of an item uses the
    attempts whose form held it; KR-20 uses the mean form length for k and, for Σpq, the mean over
    attempts of the Σpq of their own form's items. When every attempt has the same form this is the
    textbook KR-20 exactly."""
    by_attempt: dict[int, list[Response]] = defaultdict(list)
    by_item: dict[int, list[Response]] = defaultdict(list)
    for response in responses:
        by_attempt[response.attempt_id].append(response)
        by_item[response.version_id].append(response)
    totals = {attempt: sum(r.correct for r in rows) for attempt, rows in by_attempt.items()}

    items: dict[int, ItemStats] = {}
    for version_id, rows in by_item.items():
        item_scores = [int(r.correct) for r in rows]
        rest_scores = [totals[r.attempt_id] - int(r.correct) for r in rows]
        counts = dict.fromkeys(choices.get(version_id, []), 0)
        for row in rows:
            for choice_id in row.choice_ids:
                counts[choice_id] = counts.get(choice_id, 0) + 1
        stats = ItemStats(
            version_id=version_id,
            n=len(rows),
            p=_mean(item_scores),
            r_pb=point_biserial(item_scores, rest_scores),
            choice_counts=counts,
            omitted=sum(not r.answered for r in rows),
        )
        stats.flags = _flags(stats, keys.get(version_id, set()), min_responses)
        items[version_id] = stats

    if not totals:
        return DefinitionStats(attempts=0, mean=None, sd=None, kr20=None, items=items)
    total_scores = list(totals.values())
    sd = _population_sd(total_scores)
    k = _mean([len(rows) for rows in by_attempt.values()])
    pq = {version_id: stats.p * (1 - stats.p) for version_id, stats in items.items()}
    sum_pq = _mean([sum(pq[r.version_id] for r in rows) for rows in by_attempt.values()])
    reliability = kr20(k=k, sum_pq=sum_pq, variance=sd**2) if len(total_scores) > 1 else None
    return DefinitionStats(attempts=len(total_scores), mean=_mean(total_scores), sd=sd, kr20=reliability, items=items)
