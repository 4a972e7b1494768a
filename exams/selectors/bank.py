"""Reads for the bank's authors: items, their versions and content, the pool forms are drawn from, the definitions."""
from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from competency.models import Unit

from ..content import ChoiceContent, ItemContent, RubricLevelContent
from ..drawing import PoolItem, RuleSpec
from ..models import Answer, ExamDefinition, Item, ItemVersion
from .tags import knowledge_area_key


def _with_content(versions: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
    return versions.select_related("item").prefetch_related("choices", "criteria", "knowledge_areas")


def bank_items(*, unit_code: str | None = None, status: str = "", item_type: str = "", search: str = "") -> list[Item]:
    """Items with their current version, newest first by code, for the authoring list and exports."""
    items = Item.objects.select_related("unit").prefetch_related(
        Prefetch("versions", queryset=_with_content(ItemVersion.objects.filter(is_current=True)), to_attr="current")
    )
    if unit_code:
        items = items.filter(unit__code=unit_code)
    if status:
        items = items.filter(status=status)
    if item_type:
        items = items.filter(versions__is_current=True, versions__item_type=item_type)
    if search:
        items = items.filter(
            Q(code__icontains=search)
            | Q(versions__is_current=True, versions__stem_th__icontains=search)
            | Q(versions__is_current=True, versions__stem_en__icontains=search)
        ).distinct()
    result = list(items.order_by("code"))
    for item in result:
        item.current = item.current[0] if item.current else None
    return result


def item_for_author(*, item_id: int) -> Item:
    item = Item.objects.select_related("unit").filter(pk=item_id).first()
    if item is None:
        raise Http404("No such item")
    return item


def item_current_version(item: Item) -> ItemVersion:
    return _with_content(ItemVersion.objects.filter(item=item, is_current=True)).get()


def item_versions(item: Item) -> QuerySet[ItemVersion]:
    return ItemVersion.objects.filter(item=item).select_related("created_by").order_by("-number")


def version_has_been_drawn(version: ItemVersion) -> bool:
    """An item a candidate has seen is never changed in place: attempts keep the version they saw."""
    return Answer.objects.filter(item_version=version).exists()


def content_of(version: ItemVersion) -> ItemContent:
    return ItemContent(
        item_type=version.item_type,
        stem_th=version.stem_th,
        stem_en=version.stem_en,
        points=version.points,
        choices=tuple(ChoiceContent(c.text_th, c.text_en, c.is_correct) for c in version.choices.all()),
        answer_true=version.answer_true,
        accepted_answers=tuple(version.accepted_answers),
        rubric=tuple(
            RubricLevelContent(Decimal(level["points"]), level["descriptor_th"], level.get("descriptor_en", ""))
            for level in version.rubric
        ),
        criterion_codes=tuple(sorted(c.code for c in version.criteria.all())),
        knowledge_keys=tuple(sorted(knowledge_area_key(s) for s in version.knowledge_areas.all())),
    )


def bank_pool(unit: Unit) -> list[PoolItem]:
    """The approved items' current versions: what a new form is drawn from.

    Read as plain rows, no model instances: every candidate starting the exam draws from it, a round of them
    within the same minute."""
    versions = list(ItemVersion.objects.filter(is_current=True, item__status=Item.Status.APPROVED, item__unit=unit)
                    .values_list("pk", "item__code", "item_type"))
    ids = [pk for pk, _code, _type in versions]
    criteria, knowledge = defaultdict(set), defaultdict(set)
    for version_id, criterion_id in ItemVersion.criteria.through.objects.filter(itemversion_id__in=ids).values_list(
            "itemversion_id", "performancecriterion_id"):
        criteria[version_id].add(criterion_id)
    for version_id, statement_id in ItemVersion.knowledge_areas.through.objects.filter(
            itemversion_id__in=ids).values_list("itemversion_id", "unitstatement_id"):
        knowledge[version_id].add(statement_id)
    return [
        PoolItem(version_id=pk, code=code, item_type=item_type, criterion_ids=frozenset(criteria[pk]),
                 knowledge_area_ids=frozenset(knowledge[pk]))
        for pk, code, item_type in versions
    ]


def definition_rules(definition: ExamDefinition) -> list[RuleSpec]:
    return [
        RuleSpec(order=r.order, count=r.count, kind=r.kind, criterion_id=r.criterion_id,
                 knowledge_area_id=r.knowledge_area_id)
        for r in definition.rules.all()
    ]


def definitions_for_authors() -> QuerySet[ExamDefinition]:
    return ExamDefinition.objects.select_related("unit").prefetch_related(
        "rules__criterion", "rules__knowledge_area"
    ).order_by("unit__code", "code")


def definition_for_author(*, definition_id: int) -> ExamDefinition:
    definition = definitions_for_authors().filter(pk=definition_id).first()
    if definition is None:
        raise Http404("No such exam definition")
    return definition
