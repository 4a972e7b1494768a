"""Reads of a portfolio: the evidence matrix, and files fetched only for those entitled to them."""
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from assessments.models import AssessmentCase
from assessments.selectors import cases_visible_to
from competency.models import PerformanceCriterion

from .models import EvidenceFile, EvidenceItem, EvidenceMapping


@dataclass
class CriterionRow:
    criterion: PerformanceCriterion
    mappings: list[EvidenceMapping] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.mappings)


@dataclass
class EvidenceMatrix:
    rows: list[CriterionRow]
    performance_items: list[EvidenceItem]
    knowledge_items: list[EvidenceItem]

    @property
    def covered_count(self) -> int:
        return sum(row.covered for row in self.rows)

    @property
    def criteria_count(self) -> int:
        return len(self.rows)

    @property
    def coverage_percent(self) -> int:
        return round(100 * self.covered_count / self.criteria_count) if self.rows else 0

    @property
    def uncovered(self) -> list[PerformanceCriterion]:
        return [row.criterion for row in self.rows if not row.covered]


def evidence_items_with_files(case: AssessmentCase, *, all_versions: bool = False):
    files = EvidenceFile.objects.order_by("uploaded_at", "pk")
    if not all_versions:
        files = files.filter(is_current=True)
    return (
        EvidenceItem.objects.filter(case=case)
        .prefetch_related(
            Prefetch("files", queryset=files),
            Prefetch("mappings", queryset=EvidenceMapping.objects.select_related("criterion")),
        )
        .order_by("created_at", "pk")
    )


def evidence_matrix(case: AssessmentCase, *, all_versions: bool = False) -> EvidenceMatrix:
    """The unit's criteria against the case's items, in a fixed number of queries however many items."""
    criteria = PerformanceCriterion.objects.filter(unit_id=case.unit_id).select_related("element").order_by("order")
    rows = {criterion.pk: CriterionRow(criterion) for criterion in criteria}
    items = list(evidence_items_with_files(case, all_versions=all_versions))
    for item in items:
        for mapping in item.mappings.all():
            mapping.item = item  # reuse the loaded item instead of a query per mapping
            rows[mapping.criterion_id].mappings.append(mapping)
    return EvidenceMatrix(
        rows=list(rows.values()),
        performance_items=[i for i in items if not i.is_knowledge_evidence],
        knowledge_items=[i for i in items if i.is_knowledge_evidence],
    )


def evidence_file_for_viewer(*, user, file_id: int) -> EvidenceFile:
    """A file for its candidate, an assessor allocated to the case, or an administrator; else 404."""
    evidence_file = (
        EvidenceFile.objects.select_related("item__case")
        .filter(pk=file_id, item__case__in=cases_visible_to(user))
        .first()
    )
    if evidence_file is None:
        raise Http404("No such file")
    return evidence_file


def current_file_for_candidate(*, case: AssessmentCase, file_id: int) -> EvidenceFile:
    """The current version of a file in the candidate's own case; 404 otherwise."""
    evidence_file = EvidenceFile.objects.filter(pk=file_id, item__case=case, is_current=True).first()
    if evidence_file is None:
        raise Http404("No such file")
    return evidence_file


def evidence_item_for_candidate(*, case: AssessmentCase, item_id: int) -> EvidenceItem:
    item = EvidenceItem.objects.filter(case=case, pk=item_id).first()
    if item is None:
        raise Http404("No such evidence item")
    return item
