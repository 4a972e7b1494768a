"""Exams made for tests: small definitions, attempts with a fixed draw, and answers from the key."""
import datetime
import random

from django.utils import timezone

from exams.models import Answer, DefinitionRule, ExamDefinition, ItemType
from exams.services import answer_save, attempt_start, attempt_submit, seed_bank_load

# The unit's tags as printed in the standard: its ten performance criteria, K1–K9 for the required knowledge of
# section 13(b) in printed order, R1 for the range statement.
CRITERION_CODES = (
    "DL201.01", "DL201.02", "DL201.03", "DL201.04", "DL202.01", "DL202.02", "DL202.03",
    "DL203.01", "DL203.02", "DL203.03",
)
KNOWLEDGE_AREA_KEYS = ("K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "R1")

def definition_for(unit, *, kinds: list[str], code: str = "one-of-each", **fields) -> ExamDefinition:
    """A definition asking for exactly one item of each kind listed, in that order, unshuffled."""
    values = {
        "title_th": "ข้อสอบทดสอบ", "title_en": "Test exam", "item_count": len(kinds), "time_limit_minutes": 30,
        "pass_mark_percent": 60, "attempts_allowed": 2, "shuffle_items": False, "shuffle_choices": False,
        "opens_at": timezone.now() - datetime.timedelta(days=1),
    } | fields
    definition = ExamDefinition.objects.create(unit=unit, code=code, **values)
    for order, kind in enumerate(kinds, start=1):
        definition.rules.create(order=order, kind=kind, count=1)
    return definition


def start(case, definition, seed: int = 7):
    return attempt_start(case=case, definition=definition, rng=random.Random(seed))


def answer_of(attempt, item_type: str) -> Answer:
    return attempt.answers.select_related("item_version").get(item_version__item_type=item_type)


def right_value(answer: Answer):
    """What the page would send for the right answer: choice positions as shown, never choice ids."""
    version = answer.item_version
    if version.item_type == ItemType.TRUE_FALSE:
        return version.answer_true
    if version.item_type == ItemType.SHORT_ANSWER:
        return version.accepted_answers[0]
    if version.item_type == ItemType.ESSAY:
        return "คำตอบเรียงความ"
    correct = {c.pk for c in version.choices.all() if c.is_correct}
    positions = [n for n, choice_id in enumerate(answer.choice_order) if choice_id in correct]
    return positions[0] if version.item_type == ItemType.SINGLE_CHOICE else positions


def wrong_value(answer: Answer):
    version = answer.item_version
    if version.item_type == ItemType.TRUE_FALSE:
        return not version.answer_true
    if version.item_type in (ItemType.SHORT_ANSWER, ItemType.ESSAY):
        return "ไม่ทราบ"
    correct = {c.pk for c in version.choices.all() if c.is_correct}
    positions = [n for n, choice_id in enumerate(answer.choice_order) if choice_id not in correct]
    return positions[0] if version.item_type == ItemType.SINGLE_CHOICE else positions[:1]



def pass_the_exam(case):
    """The candidate sits an objective-only written exam and answers every item right."""
    seed_bank_load(unit=case.unit)
    definition = definition_for(case.unit, code="judging-exam", kinds=[
        DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE, DefinitionRule.Kind.SHORT_ANSWER])
    attempt = attempt_start(case=case, definition=definition)
    for answer in attempt.answers.select_related("item_version"):
        answer_save(attempt=attempt, item_version_id=answer.item_version_id, value=right_value(answer))
    return attempt_submit(attempt=attempt)
