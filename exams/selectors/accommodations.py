"""Reads of the coordinator's accommodations page: candidates who may sit an exam, their grants and sittings."""
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from assessments.models import AssessmentCase

from ..models import Accommodation, Attempt, ExamDefinition
from .rules import EXAM_CASE_STATES, current_accommodations


@dataclass
class AccommodationRow:
    """One candidate's case and one exam they may sit, with the grant in force and the sitting in progress."""

    case: AssessmentCase
    definition: ExamDefinition
    accommodation: Accommodation | None
    in_progress: Attempt | None


def cases_for_accommodation(*, query: str = "") -> QuerySet[AssessmentCase]:
    """Cases that may still sit an exam, found by the candidate's name, username or the case number."""
    cases = (AssessmentCase.objects.filter(state__in=EXAM_CASE_STATES)
             .select_related("candidate").order_by("candidate__first_name_th", "candidate__last_name_th", "pk"))
    query = query.strip()
    if query:
        match = (Q(candidate__username__icontains=query) | Q(candidate__first_name_th__icontains=query)
                 | Q(candidate__last_name_th__icontains=query) | Q(candidate__first_name_en__icontains=query)
                 | Q(candidate__last_name_en__icontains=query))
        if query.isdigit():
            match |= Q(pk=int(query))
        cases = cases.filter(match)
    return cases


def accommodation_rows(cases) -> list[AccommodationRow]:
    """For each case, each active exam of its unit: four queries for a page of cases."""
    cases = list(cases)
    definitions = list(ExamDefinition.objects.filter(
        is_active=True, unit__code__in={case.unit_code for case in cases}).select_related("unit"))
    current = current_accommodations([case.pk for case in cases])
    running = {(a.case_id, a.definition_id): a
               for a in Attempt.objects.filter(case__in=cases, status=Attempt.Status.IN_PROGRESS)}
    return [
        AccommodationRow(case, definition, current.get((case.pk, definition.pk)), running.get((case.pk, definition.pk)))
        for case in cases for definition in definitions if definition.unit.code == case.unit_code
    ]


def accommodation_subject(*, case_id: int, definition_id: int) -> AccommodationRow:
    """The case and exam a coordinator grants for; a 404 when the case cannot sit that exam."""
    case = AssessmentCase.objects.select_related("candidate").filter(pk=case_id).first()
    definition = ExamDefinition.objects.select_related("unit").filter(pk=definition_id).first()
    if (case is None or definition is None or definition.unit.code != case.unit_code or not definition.is_active
            or case.state not in EXAM_CASE_STATES):
        raise Http404("No such exam for this case")
    return next(row for row in accommodation_rows([case]) if row.definition.pk == definition.pk)


def accommodation_history(*, case: AssessmentCase, definition: ExamDefinition) -> list[Accommodation]:
    """Every grant for the pair, newest first, with who granted and who withdrew it."""
    return list(Accommodation.objects.filter(case=case, definition=definition)
                .select_related("granted_by", "withdrawn_by").order_by("-granted_at", "-pk"))


def accommodation_for_coordinator(*, accommodation_id: int) -> Accommodation:
    accommodation = Accommodation.objects.filter(pk=accommodation_id).first()
    if accommodation is None:
        raise Http404("No such accommodation")
    return accommodation
