"""Item analysis of a definition's submitted attempts: difficulty, discrimination, distractors, KR-20, and flags."""
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from .. import analysis
from ..conf import analysis_min_responses
from ..models import OBJECTIVE_TYPES, Answer, Attempt, Choice, ExamDefinition, ItemVersion


@dataclass
class ChoiceCount:
    text: str
    count: int
    is_correct: bool


FLAG_LABELS = {
    analysis.FLAG_TOO_HARD: gettext_lazy("Too hard: fewer than 20% answer it right"),
    analysis.FLAG_TOO_EASY: gettext_lazy("Too easy: more than 90% answer it right"),
    analysis.FLAG_WEAK_DISCRIMINATION: gettext_lazy("Weak discrimination: point-biserial below 0.20"),
    analysis.FLAG_NEGATIVE_DISCRIMINATION: gettext_lazy(
        "Negative discrimination: stronger candidates miss it more often; check the key"),
    analysis.FLAG_DISTRACTOR_BEATS_KEY: gettext_lazy("A wrong choice is picked more often than the right one"),
    analysis.FLAG_UNUSED_DISTRACTOR: gettext_lazy("A wrong choice almost nobody picks"),
}


@dataclass
class ItemAnalysisRow:
    version: ItemVersion
    stats: analysis.ItemStats
    choices: list[ChoiceCount] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.stats.flags]

    @property
    def choice_shares(self) -> list[tuple[ChoiceCount, float]]:
        return [(choice, choice.count / self.stats.n if self.stats.n else 0.0) for choice in self.choices]


@dataclass
class DefinitionAnalysis:
    definition: ExamDefinition
    stats: analysis.DefinitionStats
    rows: list[ItemAnalysisRow]
    min_responses: int

    @property
    def enough(self) -> bool:
        return self.stats.attempts >= self.min_responses

    @property
    def flagged(self) -> list[ItemAnalysisRow]:
        return [row for row in self.rows if row.stats.flags]


def definition_analysis(definition: ExamDefinition) -> DefinitionAnalysis:
    """p, point-biserial, distractor counts and KR-20 from the definition's submitted attempts."""
    answers = Answer.objects.filter(
        attempt__definition=definition, attempt__status=Attempt.Status.SUBMITTED,
        item_version__item_type__in=OBJECTIVE_TYPES,
    ).select_related("item_version")
    versions: dict[int, ItemVersion] = {}
    responses = []
    for answer in answers:
        versions.setdefault(answer.item_version_id, answer.item_version)
        picked = answer.response if isinstance(answer.response, list) else [answer.response]
        responses.append(analysis.Response(
            attempt_id=answer.attempt_id,
            version_id=answer.item_version_id,
            correct=bool(answer.score),
            answered=answer.is_answered,
            choice_ids=tuple(p for p in picked if isinstance(p, int) and not isinstance(p, bool)),
        ))
    choices: dict[int, list[Choice]] = defaultdict(list)
    for choice in Choice.objects.filter(version_id__in=versions).order_by("order", "pk"):
        choices[choice.version_id].append(choice)
    stats = analysis.analyse(
        responses,
        choices={vid: [c.pk for c in cs] for vid, cs in choices.items()},
        keys={vid: {c.pk for c in cs if c.is_correct} for vid, cs in choices.items()},
        min_responses=analysis_min_responses(),
    )
    rows = [
        ItemAnalysisRow(
            version=versions[vid],
            stats=item_stats,
            choices=[ChoiceCount(c.text, item_stats.choice_counts.get(c.pk, 0), c.is_correct) for c in choices[vid]],
        )
        for vid, item_stats in stats.items.items()
    ]
    rows.sort(key=lambda row: (row.version.item.code, row.version.number))
    return DefinitionAnalysis(definition, stats, rows, analysis_min_responses())
