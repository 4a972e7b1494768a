"""View models of items as a candidate sees them, on the exam page and in an author's preview."""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import ngettext

from core.i18n import in_language

from ..content import ItemContent, RubricLevelContent
from ..models import Answer, Attempt, Choice, ItemType


@dataclass
class ChoiceView:
    index: int
    text: str
    selected: bool


@dataclass
class QuestionView:
    """An item as the candidate sees it: never anything that tells the right answer."""

    number: int
    version_id: int
    item_type: str
    stem: str
    points: Decimal
    choices: list[ChoiceView]
    text: str
    true_false: bool | None
    answered: bool

    @property
    def type_label(self) -> str:
        return ItemType(self.item_type).label

    @property
    def points_label(self) -> str:
        points = f"{self.points.normalize():f}"
        return ngettext("%(points)s point", "%(points)s points", 1 if self.points == 1 else 2) % {"points": points}


def _question(answer: Answer, choice_texts: dict[int, str]) -> QuestionView:
    version = answer.item_version
    selected = answer.response if isinstance(answer.response, list) else [answer.response]
    return QuestionView(
        number=answer.position,
        version_id=version.pk,
        item_type=version.item_type,
        stem=version.stem,
        points=version.points,
        choices=[
            ChoiceView(index, choice_texts[choice_id], choice_id in selected)
            for index, choice_id in enumerate(answer.choice_order)
        ],
        text=answer.response if isinstance(answer.response, str) else "",
        true_false=answer.response if isinstance(answer.response, bool) else None,
        answered=answer.is_answered,
    )


def attempt_questions(attempt: Attempt) -> list[QuestionView]:
    answers = list(attempt.answers.select_related("item_version").order_by("position"))
    choices = Choice.objects.filter(version_id__in=[a.item_version_id for a in answers]).only("text_th", "text_en")
    choice_texts = {choice.pk: choice.text for choice in choices}
    return [_question(answer, choice_texts) for answer in answers]


@dataclass
class ItemPreview:
    """An item as the candidate will see it, and beside it — for authors only — its key."""

    question: QuestionView
    correct_indices: set[int]
    answer_true: bool | None
    accepted_answers: list[str]
    rubric: list[RubricLevelContent]


def preview_of(content: ItemContent) -> ItemPreview:
    question = QuestionView(
        number=1, version_id=0, item_type=content.item_type,
        stem=in_language(content.stem_th, content.stem_en), points=content.points,
        choices=[ChoiceView(n, in_language(c.text_th, c.text_en), False) for n, c in enumerate(content.choices)],
        text="", true_false=None, answered=False,
    )
    return ItemPreview(
        question=question,
        correct_indices={n for n, c in enumerate(content.choices) if c.is_correct},
        answer_true=content.answer_true,
        accepted_answers=list(content.accepted_answers),
        rubric=list(content.rubric),
    )
