"""Every attempt draws its own form, and every form satisfies its exam definition."""
import random

import pytest

from exams.drawing import DrawError, PoolItem, RuleSpec, draw_form
from exams.models import OBJECTIVE_TYPES, DefinitionRule, Item, ItemType
from exams.selectors import bank_pool, definition_rules, tag_index
from exams.services import StartRefused
from tests.exams.factories import CRITERION_CODES, KNOWLEDGE_AREA_KEYS, definition_for, start

pytestmark = pytest.mark.django_db


def _assert_honours(form: list[PoolItem], rules: list[RuleSpec], item_count: int) -> None:
    assert len(form) == item_count
    assert len({item.version_id for item in form}) == item_count, "an item is drawn twice"
    for rule in rules:
        assert sum(rule.accepts(item) for item in form) >= rule.count, f"rule {rule.order} not met"


def test_fifty_forms_of_the_written_exam_all_honour_its_rules(written_exam):
    rules, pool = definition_rules(written_exam), bank_pool(written_exam.unit)
    forms = []
    for seed in range(50):
        form = draw_form(rules=rules, pool=pool, item_count=written_exam.item_count, shuffle=True,
                         rng=random.Random(seed))
        _assert_honours(form, rules, written_exam.item_count)
        assert sum(item.item_type == ItemType.ESSAY for item in form) == 1  # essays only where a rule asks
        forms.append(tuple(item.version_id for item in form))
    assert len(set(forms)) == 50, "forms should differ from one attempt to the next"


def test_every_knowledge_area_and_criterion_is_on_every_form(written_exam):
    tags = tag_index(written_exam.unit)
    form = draw_form(rules=definition_rules(written_exam), pool=bank_pool(written_exam.unit),
                     item_count=written_exam.item_count, shuffle=True, rng=random.Random(1))
    areas = set().union(*(item.knowledge_area_ids for item in form))
    criteria = set().union(*(item.criterion_ids for item in form))
    assert {tags.areas[key].pk for key in KNOWLEDGE_AREA_KEYS} <= areas
    assert {tags.criteria[code].pk for code in CRITERION_CODES} <= criteria


def test_an_attempt_stores_its_form_in_order_with_its_own_choice_order(case, written_exam):
    attempt = start(case, written_exam, seed=3)
    answers = list(attempt.answers.select_related("item_version").order_by("position"))
    assert [a.position for a in answers] == list(range(1, written_exam.item_count + 1))
    for answer in answers:
        choice_ids = sorted(c.pk for c in answer.item_version.choices.all())
        assert sorted(answer.choice_order) == choice_ids
    shuffled = [a for a in answers if len(a.choice_order) > 2 and a.choice_order != sorted(a.choice_order)]
    assert shuffled, "shuffle_choices is on, so some choice orders differ from the authored order"


def test_without_shuffling_items_come_in_code_order_and_choices_as_authored(case, bank):
    definition = definition_for(bank, kinds=[DefinitionRule.Kind.SINGLE_CHOICE] * 4)
    answers = list(start(case, definition).answers.select_related("item_version__item").order_by("position"))
    codes = [a.item_version.item.code for a in answers]
    assert codes == sorted(codes)
    for answer in answers:
        assert answer.choice_order == list(answer.item_version.choices.order_by("order").values_list("pk", flat=True))


def test_only_approved_items_are_drawn(bank):
    Item.objects.filter(code__startswith="EA-").update(status=Item.Status.RETIRED)
    draft = Item.objects.get(code="DS-01")
    draft.status = Item.Status.DRAFT
    draft.save()
    pool = bank_pool(bank)
    codes = {item.code for item in pool}
    assert not any(code.startswith("EA-") for code in codes)
    assert "DS-01" not in codes
    assert all(item.item_type in ItemType.values for item in pool)


def test_a_rule_the_bank_cannot_meet_refuses_the_start_clearly(case, bank):
    definition = definition_for(bank, kinds=[DefinitionRule.Kind.ESSAY], item_count=5)
    definition.rules.update(count=5)  # the seed bank has four essays
    with pytest.raises(StartRefused, match="cannot be drawn"):
        start(case, definition)
    assert not case.exam_attempts.exists()


def test_rules_are_minimums_and_filler_is_objective():
    # Twenty items: odd ones single choice, even ones essays; criterion n % 3.
    pool = [
        PoolItem(n, f"I{n:02}", ItemType.SINGLE_CHOICE if n % 2 else ItemType.ESSAY, frozenset({n % 3}), frozenset())
        for n in range(1, 21)
    ]
    rules = [RuleSpec(order=1, count=2, kind=DefinitionRule.Kind.OBJECTIVE, criterion_id=0)]
    form = draw_form(rules=rules, pool=pool, item_count=6, shuffle=False, rng=random.Random(0))
    _assert_honours(form, rules, 6)
    assert all(item.item_type in OBJECTIVE_TYPES for item in form)
    with pytest.raises(DrawError):
        draw_form(rules=rules, pool=pool, item_count=11, shuffle=False, rng=random.Random(0))
