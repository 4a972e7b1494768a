"""What an item version says, as plain data: built by the authoring form and the CSV and QTI importers alike."""
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .models import CHOICE_TYPES, Choice, Item, ItemType, ItemVersion
from .scoring import normalise

MAX_CHOICES = 6


@dataclass(frozen=True)
class ChoiceContent:
    text_th: str
    text_en: str = ""
    is_correct: bool = False


@dataclass(frozen=True)
class RubricLevelContent:
    points: Decimal
    descriptor_th: str
    descriptor_en: str = ""

    def as_json(self) -> dict[str, str]:
        return {"points": str(self.points), "descriptor_th": self.descriptor_th, "descriptor_en": self.descriptor_en}


@dataclass(frozen=True)
class ItemContent:
    """Tags are criterion codes (DL201.01) and knowledge-area keys (K1–K9 for 13(b), R1 for the range)."""

    item_type: str
    stem_th: str
    stem_en: str = ""
    points: Decimal = Decimal("1")
    choices: tuple[ChoiceContent, ...] = ()
    answer_true: bool | None = None
    accepted_answers: tuple[str, ...] = ()
    rubric: tuple[RubricLevelContent, ...] = ()
    criterion_codes: tuple[str, ...] = ()
    knowledge_keys: tuple[str, ...] = ()


@dataclass
class BankEntry:
    """One item as an import file states it; `where` names its row or file for errors."""

    where: str
    code: str
    status: str
    difficulty: str
    content: ItemContent
    errors: list[str] = field(default_factory=list)


def as_decimal(value, *, field_label: str, errors: list[str]) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors.append(_("%(field)s must be a number, not “%(value)s”.") % {"field": field_label, "value": value})
        return Decimal("0")
    if not number.is_finite():
        errors.append(_("%(field)s must be a number, not “%(value)s”.") % {"field": field_label, "value": value})
        return Decimal("0")
    return number


def rubric_from_lines(text: str, errors: list[str]) -> tuple[RubricLevelContent, ...]:
    """Rubric levels written one per line as "points | Thai descriptor | English descriptor"."""
    levels = []
    for line in (text or "").splitlines():
        if line.strip():
            parts = [part.strip() for part in line.split("|")] + ["", ""]
            points = as_decimal(parts[0], field_label=_("A rubric level's points"), errors=errors)
            levels.append(RubricLevelContent(points, parts[1], parts[2]))
    return tuple(levels)


def rubric_as_lines(rubric: tuple[RubricLevelContent, ...]) -> str:
    return "\n".join(f"{level.points} | {level.descriptor_th} | {level.descriptor_en}" for level in rubric)


def _fits_points(points: Decimal) -> bool:
    """Whether the points are stored as given: ItemVersion.points keeps 5 digits, 2 after the point."""
    field = ItemVersion._meta.get_field("points")
    exponent = points.normalize().as_tuple().exponent
    return points < Decimal(10) ** (field.max_digits - field.decimal_places) and exponent >= -field.decimal_places


def content_errors(content: ItemContent, *, criterion_codes: set[str], knowledge_keys: set[str]) -> list[str]:
    """Every reason the content cannot be saved, so an import can list them all at once."""
    errors = []
    if content.item_type not in ItemType.values:
        return [_("Unknown item type “%(type)s”.") % {"type": content.item_type}]
    if not content.stem_th.strip():
        errors.append(_("The question needs its Thai text."))
    if content.points <= 0:
        errors.append(_("Points must be more than zero."))
    elif not _fits_points(content.points):
        errors.append(_("Points must be below 1000, with at most two decimal places."))
    if content.item_type in CHOICE_TYPES:
        errors.extend(_choice_errors(content))
    elif content.choices:
        errors.append(_("Only choice items have choices."))
    if content.item_type == ItemType.TRUE_FALSE and content.answer_true is None:
        errors.append(_("Say whether the statement is true or false."))
    if content.item_type == ItemType.SHORT_ANSWER and not any(normalise(a) for a in content.accepted_answers):
        errors.append(_("A short-answer item needs at least one accepted answer."))
    if content.item_type == ItemType.ESSAY:
        errors.extend(_rubric_errors(content))
    texts = [content.stem_th, content.stem_en, *content.accepted_answers]
    texts += [text for c in content.choices for text in (c.text_th, c.text_en)]
    texts += [text for level in content.rubric for text in (level.descriptor_th, level.descriptor_en)]
    if any("\x00" in text for text in texts):
        errors.append(_("The text holds a NUL character, which cannot be stored."))
    if not content.criterion_codes and not content.knowledge_keys:
        errors.append(_("Tag the item to at least one performance criterion or knowledge area."))
    unknown = [c for c in content.criterion_codes if c not in criterion_codes]
    unknown += [k for k in content.knowledge_keys if k not in knowledge_keys]
    if unknown:
        errors.append(_("Unknown criterion or knowledge area: %(tags)s.") % {"tags": ", ".join(unknown)})
    return errors


def _choice_errors(content: ItemContent) -> list[str]:
    errors = []
    if not 2 <= len(content.choices) <= MAX_CHOICES:
        errors.append(_("A choice item needs between 2 and %(max)s choices.") % {"max": MAX_CHOICES})
    if any(not choice.text_th.strip() for choice in content.choices):
        errors.append(_("Every choice needs its Thai text."))
    limit = Choice._meta.get_field("text_th").max_length
    if any(len(text.strip()) > limit for choice in content.choices for text in (choice.text_th, choice.text_en)):
        errors.append(_("A choice may be at most %(limit)s characters long.") % {"limit": limit})
    correct = sum(choice.is_correct for choice in content.choices)
    if content.item_type == ItemType.SINGLE_CHOICE and correct != 1:
        errors.append(_("A single-choice item needs exactly one correct choice (it has %(n)s).") % {"n": correct})
    if content.item_type == ItemType.MULTIPLE_CHOICE and correct < 1:
        errors.append(_("A multiple-choice item needs at least one correct choice."))
    return errors


def _rubric_errors(content: ItemContent) -> list[str]:
    errors = []
    points = [level.points for level in content.rubric]
    if len(points) < 2:
        errors.append(_("An essay needs a rubric of at least two levels."))
    if any(not level.descriptor_th.strip() for level in content.rubric):
        errors.append(_("Every rubric level needs a Thai descriptor."))
    if len(set(points)) != len(points) or any(p < 0 for p in points):
        errors.append(_("Rubric levels need different points of zero or more."))
    if points and max(points) != content.points:
        errors.append(_("The top rubric level must be worth the item's points (%(points)s).") % {
            "points": content.points})
    return errors


STATUS_VALUES = set(Item.Status.values)
DIFFICULTY_VALUES = set(Item.Difficulty.values)


def entry_errors(entry: BankEntry, *, criterion_codes: set[str], knowledge_keys: set[str]) -> list[str]:
    errors = list(entry.errors)
    if not entry.code.strip():
        errors.append(_("The item needs a code."))
    elif len(entry.code) > Item._meta.get_field("code").max_length:
        errors.append(_("The code “%(code)s” is too long.") % {"code": entry.code})
    elif "\x00" in entry.code:
        errors.append(_("The text holds a NUL character, which cannot be stored."))
    if entry.status not in STATUS_VALUES:
        errors.append(_("Unknown status “%(status)s”.") % {"status": entry.status})
    if entry.difficulty not in DIFFICULTY_VALUES:
        errors.append(_("Unknown difficulty “%(difficulty)s”.") % {"difficulty": entry.difficulty})
    return errors + content_errors(entry.content, criterion_codes=criterion_codes, knowledge_keys=knowledge_keys)
