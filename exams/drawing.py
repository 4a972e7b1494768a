"""Drawing one attempt's form from the bank so that it satisfies every rule of the exam definition."""
import random
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import OBJECTIVE_TYPES, DefinitionRule

# Random draws that overshoot the form length are retried; a definition that fails this often is infeasible.
DRAW_TRIES = 50


@dataclass(frozen=True)
class PoolItem:
    """An approved item's current version, with what the rules look at."""

    version_id: int
    code: str
    item_type: str
    criterion_ids: frozenset[int]
    knowledge_area_ids: frozenset[int]


@dataclass(frozen=True)
class RuleSpec:
    order: int
    count: int
    kind: str
    criterion_id: int | None = None
    knowledge_area_id: int | None = None

    def accepts(self, item: PoolItem) -> bool:
        if self.kind == DefinitionRule.Kind.OBJECTIVE:
            if item.item_type not in OBJECTIVE_TYPES:
                return False
        elif item.item_type != self.kind:
            return False
        if self.criterion_id is not None and self.criterion_id not in item.criterion_ids:
            return False
        return self.knowledge_area_id is None or self.knowledge_area_id in item.knowledge_area_ids


class DrawError(Exception):
    """The bank cannot give a form that meets the definition."""


def _draw_once(rules: list[RuleSpec], pool: list[PoolItem], item_count: int, rng: random.Random) -> list[PoolItem]:
    chosen: list[PoolItem] = []
    # The scarcest rule first, so a broad rule does not use up the few items a narrow one needs.
    for rule in sorted(rules, key=lambda r: (sum(r.accepts(i) for i in pool), r.order)):
        have = sum(rule.accepts(item) for item in chosen)
        if have >= rule.count:
            continue
        candidates = [item for item in pool if rule.accepts(item) and item not in chosen]
        if len(candidates) < rule.count - have:
            raise DrawError(_("rule %(rule)s needs %(count)s items and the bank has %(have)s") % {
                "rule": rule.order, "count": rule.count, "have": have + len(candidates)})
        chosen.extend(rng.sample(candidates, rule.count - have))
    if len(chosen) > item_count:
        raise DrawError(_("the rules need %(need)s items but a form holds %(count)s") % {
            "need": len(chosen), "count": item_count})
    # Essays take an assessor's time, so only a rule that asks for them puts them on a form.
    filler = [item for item in pool if item.item_type in OBJECTIVE_TYPES and item not in chosen]
    missing = item_count - len(chosen)
    if len(filler) < missing:
        raise DrawError(_("the bank has %(have)s usable items for a form of %(count)s") % {
            "have": len(chosen) + len(filler), "count": item_count})
    chosen.extend(rng.sample(filler, missing))
    return chosen


def draw_form(
    *, rules: list[RuleSpec], pool: list[PoolItem], item_count: int, shuffle: bool, rng: random.Random
) -> list[PoolItem]:
    """A form of exactly `item_count` distinct items meeting every rule, shuffled or in code order."""
    pool = sorted(pool, key=lambda item: item.code)
    last_error = DrawError(_("no form could be drawn"))
    for _try in range(DRAW_TRIES):
        try:
            form = _draw_once(rules, pool, item_count, rng)
        except DrawError as exc:
            last_error = exc
            continue
        if shuffle:
            rng.shuffle(form)
        else:
            form.sort(key=lambda item: item.code)
        return form
    raise last_error
