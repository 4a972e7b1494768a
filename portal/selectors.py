"""Reads for the home page: for each role, what is waiting for the person and what to do next."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q

from appeals.models import Appeal, Complaint
from appeals.selectors import appeal_deadline, appeal_window_open
from assessments.models import Allocation, AssessmentCase
from blueprints.models import Blueprint
from blueprints.selectors import blueprints_of_candidate, section_states
from certificates.models import BulkDownload, Certificate
from certificates.selectors import certificates_visible_to
from competency.models import PerformanceCriterion, Unit
from core.jobs import ACTIVE
from evidence.models import EvidenceMapping
from exams.models import Attempt
from exams.selectors.marking import essays_awaiting_marking_for
from exams.selectors.rules import remaining_seconds
from judging.models import Decision, Disagreement
from judging.selectors import assessor_queue, case_pool, cases_to_allocate

# The candidate's home shows their newest cases; older ones are on "My assessments".
CASES_SHOWN = 5
CERTIFICATES_SHOWN = 5


@dataclass
class CaseAtHome:
    """One of the candidate's cases: its state, the criteria still without evidence, a decision or appeal."""

    case: AssessmentCase
    criteria: list[PerformanceCriterion]
    with_evidence: set[int]
    decision: Decision | None = None
    appeal: Appeal | None = None
    appeal_until: datetime | None = None

    @property
    def criteria_total(self) -> int:
        return len(self.criteria)

    @property
    def criteria_with_evidence(self) -> int:
        return sum(c.pk in self.with_evidence for c in self.criteria)

    @property
    def criteria_missing(self) -> list[PerformanceCriterion]:
        return [c for c in self.criteria if c.pk not in self.with_evidence]

    @property
    def may_appeal(self) -> bool:
        return self.appeal_until is not None


@dataclass
class BlueprintAtHome:
    blueprint: Blueprint
    sections_done: int
    sections_total: int


@dataclass
class AttemptAtHome:
    attempt: Attempt
    remaining_seconds: int

    @property
    def remaining_minutes(self) -> int:
        # Rounded up: "1 minute left" while any of it is.
        return -(-self.remaining_seconds // 60)


@dataclass
class CandidateHome:
    cases: list[CaseAtHome] = field(default_factory=list)
    blueprints: list[BlueprintAtHome] = field(default_factory=list)
    attempts: list[AttemptAtHome] = field(default_factory=list)


def home_candidate(user) -> CandidateHome:
    """The candidate's newest cases with their evidence coverage, decisions and appeals, their blueprint drafts and
    any exam running, in a fixed number of queries however many cases and criteria."""
    cases = list(AssessmentCase.objects.filter(candidate=user).select_related("unit")[:CASES_SHOWN])
    criteria_by_unit = defaultdict(list)
    for criterion in PerformanceCriterion.objects.filter(unit_id__in={c.unit_id for c in cases}).order_by("order"):
        criteria_by_unit[criterion.unit_id].append(criterion)
    evidenced = defaultdict(set)
    for case_id, criterion_id in (EvidenceMapping.objects.filter(item__case__in=cases)
                                  .values_list("item__case_id", "criterion_id").distinct()):
        evidenced[case_id].add(criterion_id)
    decisions = {}
    for decision in Decision.objects.filter(case__in=cases, status=Decision.Status.RELEASED).order_by("released_at"):
        decisions[decision.case_id] = decision  # the latest released one wins
    appeals = {appeal.decision_id: appeal for appeal in Appeal.objects.filter(case__in=cases)}
    home = CandidateHome()
    for case in cases:
        decision = decisions.get(case.pk)
        appeal = appeals.get(decision.pk) if decision else None
        until = None
        if (decision and appeal is None and decision.outcome == Decision.Outcome.NOT_YET_COMPETENT
                and appeal_window_open(decision)):
            until = appeal_deadline(decision)
        home.cases.append(CaseAtHome(case, criteria_by_unit[case.unit_id], evidenced[case.pk], decision, appeal,
                                     until))
    drafts = blueprints_of_candidate(candidate=user).filter(evidence_item__isnull=True).prefetch_related("sections")
    for blueprint in drafts.order_by("-updated_at"):
        states = section_states(blueprint)
        home.blueprints.append(BlueprintAtHome(blueprint, sum(s.complete for s in states), len(states)))
    running = Attempt.objects.filter(case__candidate=user, status=Attempt.Status.IN_PROGRESS).select_related(
        "definition")
    home.attempts = [AttemptAtHome(attempt, remaining_seconds(attempt)) for attempt in running]
    return home


@dataclass
class AssessorHome:
    first_marking: int
    second_marking: int
    pool: int
    essays: int


def home_assessor(user) -> AssessorHome:
    """The assessor's queue split into first and second marking, the cases they may claim and essays to mark."""
    queue = assessor_queue(user).order_by().aggregate(
        first=Count("pk", filter=Q(marking=Allocation.Marking.FIRST)),
        second=Count("pk", filter=Q(marking=Allocation.Marking.SECOND)),
    )
    return AssessorHome(first_marking=queue["first"], second_marking=queue["second"],
                        pool=case_pool(user).order_by().count(),
                        essays=essays_awaiting_marking_for(user).order_by().count())


@dataclass
class ModeratorHome:
    disagreements: int
    awaiting_moderation: int


def home_moderator(user) -> ModeratorHome:
    return ModeratorHome(
        disagreements=Disagreement.objects.filter(settled_at__isnull=True).count(),
        awaiting_moderation=Decision.objects.filter(status=Decision.Status.AWAITING_MODERATION).count(),
    )


@dataclass
class AppealsHome:
    appeals_to_assign: int
    complaints_open: int


def home_appeals(user) -> AppealsHome:
    return AppealsHome(
        appeals_to_assign=Appeal.objects.filter(status=Appeal.Status.LODGED).count(),
        complaints_open=Complaint.objects.exclude(status=Complaint.Status.ANSWERED).count(),
    )


@dataclass
class CoordinatorHome:
    need_first_marker: int
    need_second_marker: int


def home_coordinator(user) -> CoordinatorHome:
    """Cases waiting for someone to allocate a marker to them, first and second."""
    awaiting_second = Decision.objects.filter(
        case=OuterRef("pk"), round=OuterRef("round"), status=Decision.Status.AWAITING_SECOND_MARKING)
    waiting = cases_to_allocate().order_by()
    total, second = waiting.count(), waiting.filter(Exists(awaiting_second)).count()
    return CoordinatorHome(need_first_marker=total - second, need_second_marker=second)


@dataclass
class HrHome:
    certificates: list[Certificate]
    bulk_jobs: list[BulkDownload]


def home_hr(user) -> HrHome:
    return HrHome(
        certificates=list(certificates_visible_to(user).order_by("-issued_at")[:CERTIFICATES_SHOWN]),
        bulk_jobs=list(BulkDownload.objects.filter(requested_by=user, state__in=ACTIVE).order_by("-created_at")),
    )


@dataclass
class RevisionAtHome:
    unit: Unit
    open_cases: int


@dataclass
class StandardsHome:
    published: list[RevisionAtHome]
    drafts: list[Unit]


def home_standards(user) -> StandardsHome:
    """The revision each unit is on, how many open cases each published revision holds, and drafts in progress."""
    open_cases = Count("cases", filter=Q(cases__state__in=[s.value for s in AssessmentCase.OPEN_STATES]))
    published = Unit.objects.filter(state=Unit.State.PUBLISHED).annotate(open_cases=open_cases).order_by(
        "code", "-revision_number")
    return StandardsHome(
        published=[RevisionAtHome(unit, unit.open_cases) for unit in published],
        drafts=list(Unit.objects.filter(state=Unit.State.DRAFT).order_by("code", "-revision_number")),
    )
