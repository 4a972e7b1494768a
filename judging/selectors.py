"""Reads for assessors, moderators and candidates: queues, the judging screen, feedback, timeline, agreement."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from assessments.models import Allocation, AssessmentCase, CaseTransition
from competency.models import PerformanceCriterion, RubricLevel, rubric_for
from evidence.models import EvidenceMapping
from evidence.selectors import evidence_items_with_files

from .agreement import Agreement, agreement_of_counts
from .models import CaseLease, Decision, Disagreement, ImpartialityDeclaration, Judgment, Verdict, VerdictAmendment

State = AssessmentCase.State
OPEN_FOR_JUDGING = (State.SUBMITTED, State.RESUBMITTED, State.UNDER_ASSESSMENT)


def marking_done(allocation: Allocation, decision: Decision | None) -> bool:
    """Whether the marker has confirmed their part of the round: the first marker at their decision, the second
    once the decision leaves second marking. Their judgments are frozen and the case is no longer theirs to take."""
    return decision is not None and (
        allocation.marking == Allocation.Marking.FIRST or decision.status != Decision.Status.AWAITING_SECOND_MARKING
    )


def assessor_queue(assessor) -> QuerySet[Allocation]:
    """The assessor's active allocations on cases still being assessed and still waiting for their marking, the
    longest-waiting first."""
    decided = Decision.objects.filter(case=OuterRef("case"), round=OuterRef("case__round"))
    done = (Q(marking=Allocation.Marking.FIRST) & Exists(decided)
            | Q(marking=Allocation.Marking.SECOND)
            & Exists(decided.exclude(status=Decision.Status.AWAITING_SECOND_MARKING)))
    return (
        Allocation.objects.filter(assessor=assessor, active=True, case__state__in=OPEN_FOR_JUDGING)
        .exclude(done)
        .select_related("case__candidate__department", "case__unit")
        .order_by("case__submitted_at")
    )


def active_allocation(*, case: AssessmentCase, assessor) -> Allocation | None:
    return Allocation.objects.filter(case=case, assessor=assessor, active=True).first()


def allocation_for(*, case: AssessmentCase, assessor) -> Allocation:
    """The assessor's active allocation to the case; anyone else is told the case does not exist."""
    allocation = active_allocation(case=case, assessor=assessor)
    if allocation is None:
        raise Http404("No such case")
    return allocation


def case_pool(assessor) -> QuerySet[AssessmentCase]:
    """Cases an assessor may claim: waiting for a first marker, or for a second marker, not from their agency."""
    active_first = Allocation.objects.filter(case=OuterRef("pk"), active=True, marking=Allocation.Marking.FIRST)
    active_second = Allocation.objects.filter(case=OuterRef("pk"), active=True, marking=Allocation.Marking.SECOND)
    mine = Allocation.objects.filter(case=OuterRef("pk"), active=True, assessor=assessor)
    awaiting_second = Decision.objects.filter(
        case=OuterRef("pk"), round=OuterRef("round"), status=Decision.Status.AWAITING_SECOND_MARKING
    )
    cases = AssessmentCase.objects.filter(state__in=OPEN_FOR_JUDGING).filter(
        ~Exists(active_first) | (Exists(awaiting_second) & ~Exists(active_second))
    ).exclude(Exists(mine))
    if assessor.department_id:
        cases = cases.exclude(candidate__department_id=assessor.department_id)
    return cases.select_related("candidate__department", "unit").order_by("submitted_at")


def people_named(people: QuerySet[User], text: str) -> QuerySet[User]:
    """Those whose username, Thai or English name, or agency contains every word of the text."""
    for word in text.split():
        people = people.filter(
            Q(username__icontains=word) | Q(first_name_th__icontains=word) | Q(last_name_th__icontains=word)
            | Q(first_name_en__icontains=word) | Q(last_name_en__icontains=word)
            | Q(department__name_th__icontains=word) | Q(department__name_en__icontains=word)
        )
    return people


def assessors() -> QuerySet[User]:
    """Everyone with the assessor role, by id: searching their names through a join to the role had PostgreSQL
    read the names of all fifty thousand users."""
    return User.objects.filter(pk__in=list(User.objects.filter(groups__name=Role.ASSESSOR.value)
                                           .values_list("pk", flat=True)))


def workload(*, search: str = "") -> QuerySet[User]:
    """Assessors (those matching the search, if any) with the number of open cases allocated to them, the least
    loaded first."""
    # Counted per assessor from the index of active allocations: grouping every allocation in one join took half
    # a second.
    open_cases = (
        Allocation.objects.filter(assessor=OuterRef("pk"), active=True, case__state__in=OPEN_FOR_JUDGING)
        .order_by().values("assessor").annotate(n=Count("*")).values("n")
    )
    return (
        people_named(assessors(), search)
        .annotate(open_cases=Coalesce(Subquery(open_cases), 0))
        .select_related("department")
        .order_by("open_cases", "username")
    )


def cases_to_allocate() -> QuerySet[AssessmentCase]:
    """Submitted cases with no first marker, and cases whose decision waits for a second marker."""
    active_first = Allocation.objects.filter(case=OuterRef("pk"), active=True, marking=Allocation.Marking.FIRST)
    active_second = Allocation.objects.filter(case=OuterRef("pk"), active=True, marking=Allocation.Marking.SECOND)
    awaiting_second = Decision.objects.filter(
        case=OuterRef("pk"), round=OuterRef("round"), status=Decision.Status.AWAITING_SECOND_MARKING
    )
    return (
        AssessmentCase.objects.filter(
            Q(state__in=(State.SUBMITTED, State.RESUBMITTED)) & ~Exists(active_first)
            | Exists(awaiting_second) & ~Exists(active_second)
        )
        .select_related("candidate__department", "unit")
        .order_by("submitted_at")
    )


@dataclass
class CriterionToJudge:
    criterion: PerformanceCriterion
    levels: list[RubricLevel]
    mappings: list[EvidenceMapping]
    judgment: Judgment | None
    earlier: Judgment | None = None  # this marker's judgment in the previous round, for reference
    blueprint_sections: list = field(default_factory=list)


@dataclass
class JudgingScreen:
    rows: list[CriterionToJudge]
    items: list
    lease: CaseLease | None = None
    decision: Decision | None = None
    # Blind second marking: the second marker sees nothing of the first marking (its outcome, its history)
    # before the decision is released.
    blind: bool = False

    @property
    def lease_token(self):
        """The token the screen's forms carry: this assessor's own live lease, else none, so posts are refused."""
        return self.lease.token if self.lease and self.lease.active else None

    @property
    def judged_count(self) -> int:
        return sum(row.judgment is not None for row in self.rows)


def judging_screen(case: AssessmentCase, allocation: Allocation) -> JudgingScreen:
    """Everything the assessor needs on one page, in a fixed number of queries however much evidence there is.

    Only this marker's own judgments are shown: second marking is blind to the first."""
    criteria = list(
        PerformanceCriterion.objects.filter(unit_id=case.unit_id)
        .prefetch_related("rubric_levels")
        .order_by("order")
    )
    items = list(evidence_items_with_files(case))
    by_criterion: dict[int, list[EvidenceMapping]] = defaultdict(list)
    for item in items:
        for mapping in item.mappings.all():
            mapping.item = item
            by_criterion[mapping.criterion_id].append(mapping)
    mine = list(
        Judgment.objects.filter(case=case, marking=allocation.marking, round__in=(case.round, case.round - 1))
        .select_related("criterion")
        .prefetch_related("evidence_relied_on")
    )
    current = {j.criterion_id: j for j in mine if j.round == case.round}
    # Earlier rounds point at the same criteria (a case keeps its revision), matched by code to be safe.
    earlier_by_code = {j.criterion.code: j for j in mine if j.round == case.round - 1}
    sections = _blueprint_sections(case)
    rows = [
        CriterionToJudge(
            criterion=c,
            levels=rubric_for(c),
            mappings=by_criterion.get(c.pk, []),
            judgment=current.get(c.pk),
            earlier=earlier_by_code.get(c.code),
            blueprint_sections=sections.get(c.code, []),
        )
        for c in criteria
    ]
    decision = Decision.objects.filter(case=case, round=case.round).first()
    return JudgingScreen(
        rows=rows, items=items,
        lease=CaseLease.objects.filter(case=case, assessor=allocation.assessor).first(),
        decision=decision,
        blind=allocation.marking == Allocation.Marking.SECOND and not (
            decision and decision.status == Decision.Status.RELEASED),
    )


def moderation_queue() -> tuple[list[Disagreement], QuerySet[Decision]]:
    """What a moderator works on: unsettled disagreements, and the 50 latest released decisions to amend."""
    disagreements = list(Disagreement.objects.filter(settled_at__isnull=True).select_related(
        "case__candidate", "criterion", "first__assessor", "second__assessor"))
    # Each with its round's decision, for the two markers' summaries, in one query however many.
    decisions = Q(pk__in=[])
    for d in disagreements:
        decisions |= Q(case_id=d.case_id, round=d.round)
    by_round = {(d.case_id, d.round): d for d in Decision.objects.filter(decisions).select_related(
        "confirmed_by", "second_confirmed_by")}
    for d in disagreements:
        d.decision = by_round.get((d.case_id, d.round))
    released = (
        Decision.objects.filter(status=Decision.Status.RELEASED).exclude(outcome=Decision.Outcome.MORE_EVIDENCE)
        .select_related("case__candidate").order_by("-released_at")[:50]
    )
    return disagreements, released


def _blueprint_sections(case: AssessmentCase) -> dict[str, list]:
    """The candidate's blueprint sections that serve each criterion, where the blueprints app offers them."""
    try:
        from blueprints.selectors import blueprint_sections_by_criterion
    except ImportError:
        return {}
    return blueprint_sections_by_criterion(case)


@dataclass
class CriterionFeedback:
    criterion: PerformanceCriterion
    verdict: str
    verdict_label: str
    comment: str


def candidate_feedback(case: AssessmentCase, *, round_number: int | None = None) -> list[CriterionFeedback]:
    """Per-criterion verdicts and comments of a released decision: the first marker's, or the moderator's
    where the markers disagreed, or the ruling that amended it after release."""
    decision = released_decision(case, round_number=round_number)
    if decision is None:
        return []
    settled = dict(
        Disagreement.objects.filter(case=case, round=decision.round, settled_at__isnull=False)
        .values_list("criterion_id", "settled_verdict")
    )
    # A ruling after release (an appeal upheld) stands over the markers' and the moderator's verdicts.
    settled.update(VerdictAmendment.objects.filter(case=case, round=decision.round)
                   .values_list("criterion_id", "verdict"))
    judgments = Judgment.objects.filter(
        case=case, round=decision.round, marking=Allocation.Marking.FIRST
    ).select_related("criterion")
    feedback = []
    for judgment in judgments:
        verdict = settled.get(judgment.criterion_id, judgment.verdict)
        feedback.append(CriterionFeedback(judgment.criterion, verdict, Verdict(verdict).label, judgment.comment))
    return feedback


def released_decision(case: AssessmentCase, *, round_number: int | None = None) -> Decision | None:
    decisions = Decision.objects.filter(case=case, status=Decision.Status.RELEASED)
    if round_number is not None:
        decisions = decisions.filter(round=round_number)
    return decisions.order_by("-round").first()


@dataclass
class TimelineEntry:
    at: datetime
    who: object
    what: str
    before: str = ""
    after: str = ""


def case_timeline(case: AssessmentCase) -> list[TimelineEntry]:
    """Every transition, judgment change, decision change, settlement and declaration of no conflict on the case,
    oldest first."""
    entries = [
        TimelineEntry(t.at, t.by, f"{t.get_from_state_display()} → {t.get_to_state_display()}", after=t.reason)
        for t in CaseTransition.objects.filter(case=case).select_related("by")
    ]
    codes = dict(PerformanceCriterion.objects.filter(unit_id=case.unit_id).values_list("pk", "code"))
    history = Judgment.history.filter(case_id=case.pk).select_related("history_user").order_by("history_date")
    last_seen: dict[int, object] = {}
    for record in history:
        previous = last_seen.get(record.id)
        entries.append(TimelineEntry(
            record.history_date, record.history_user,
            _("Judgment of %(code)s, round %(round)s (%(marking)s)") % {
                "code": codes.get(record.criterion_id, "?"), "round": record.round,
                "marking": Allocation.Marking(record.marking).label},
            before=f"{previous.score} · {Verdict(previous.verdict).label}" if previous else "",
            after=f"{record.score} · {Verdict(record.verdict).label} {record.comment}".strip(),
        ))
        last_seen[record.id] = record
    for record in Decision.history.filter(case_id=case.pk).select_related("history_user").order_by("history_date"):
        entries.append(TimelineEntry(
            record.history_date, record.history_user,
            _("Decision, round %(round)s") % {"round": record.round},
            after=f"{Decision.Outcome(record.outcome).label} ({Decision.Status(record.status).label})"
                  + (f" — {record.amendment_reason}" if record.amendment_reason else ""),
        ))
    for declaration in ImpartialityDeclaration.objects.filter(case=case).select_related("assessor"):
        entries.append(TimelineEntry(
            declaration.declared_at, declaration.assessor,
            _("Declaration of no conflict of interest, round %(round)s (%(marking)s)") % {
                "round": declaration.round, "marking": declaration.get_marking_display()},
        ))
    return sorted(entries, key=lambda e: e.at)


def agreement_pair_counts(*, people: QuerySet[User] | None = None
                          ) -> list[tuple[int, int, dict[tuple[str, str], int]]]:
    """(first marker's id, second marker's id, {(first verdict, second verdict): criteria}) for each pair of
    markers who judged the same criteria, the pairs sharing the most criteria first; only the pairs with one
    of `people` in them when given.

    The pairs are counted in the database from the two markings' indexes, one row per pair: reading every
    judgment into memory took seconds once there were a million of them."""
    table = Judgment._meta.db_table
    combinations = [(a, b) for a in Verdict.values for b in Verdict.values]
    counts = ", ".join("COUNT(*) FILTER (WHERE f.verdict = %s AND s.verdict = %s)" for _ in combinations)
    params: list = [value for combination in combinations for value in combination]
    params += [Allocation.Marking.FIRST.value, Allocation.Marking.SECOND.value]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT f.assessor_id, s.assessor_id, {counts}
                FROM {table} s JOIN {table} f
                  ON f.case_id = s.case_id AND f.round = s.round AND f.criterion_id = s.criterion_id
                 AND f.marking = %s
                WHERE s.marking = %s
                GROUP BY 1, 2
                ORDER BY COUNT(*) DESC, 1, 2""",
            params,
        )
        rows = cursor.fetchall()
    if people is not None:
        # Picked from every pair here: a filter in the query made PostgreSQL leave the indexes for a full scan.
        ids = set(people.values_list("pk", flat=True))
        rows = [row for row in rows if row[0] in ids or row[1] in ids]
    return [(first, second, {combination: n for combination, n in zip(combinations, numbers) if n})
            for first, second, *numbers in rows]


def agreement_of_pairs(pair_counts) -> list[tuple[User, User, Agreement]]:
    """Each pair from agreement_pair_counts with its markers and their agreement, in one query however many."""
    people = User.objects.in_bulk({pk for first, second, _ in pair_counts for pk in (first, second)})
    return [(people[first], people[second], agreement_of_counts(verdicts)) for first, second, verdicts in pair_counts]


def agreement_by_pair() -> list[tuple[User, User, Agreement]]:
    """Agreement between each pair of first and second markers over every criterion they both judged."""
    return agreement_of_pairs(agreement_pair_counts())


# --- Impartiality -----------------------------------------------------------------------------------------


def same_agency_overrides() -> QuerySet[Allocation]:
    """Every allocation of an assessor from the candidate's own agency, with who allowed it and why; newest first."""
    return (
        Allocation.objects.exclude(override_reason="")
        .select_related("case__candidate__department", "assessor", "assigned_by")
        .order_by("-assigned_at", "-pk")
    )


def impartiality_declarations() -> QuerySet[ImpartialityDeclaration]:
    """Every declaration of no conflict of interest made on taking a case; newest first."""
    return ImpartialityDeclaration.objects.select_related("case__candidate__department", "assessor").order_by(
        "-declared_at", "-pk")


def judgment_saved(*, case: AssessmentCase, assessor, judgment: Judgment) -> dict:
    """What the judging screen tells the assessor after a save: the criterion's new verdict and their progress."""
    judged = Judgment.objects.filter(case=case, round=case.round, assessor=assessor).count()
    total = PerformanceCriterion.objects.filter(unit_id=case.unit_id).count()
    code, verdict = judgment.criterion.code, judgment.get_verdict_display()
    return {
        "criterion": code,
        "score": judgment.score,
        "verdict": judgment.verdict,
        "verdict_label": verdict,
        "judged": judged,
        "total": total,
        "progress": _("%(judged)s of %(total)s judged") % {"judged": judged, "total": total},
        "message": _("Saved: %(code)s, %(verdict)s. %(judged)s of %(total)s judged.") % {
            "code": code, "verdict": verdict, "judged": judged, "total": total},
    }
