"""Views of the judging workflow: queue and pool, allocation, the judging screen, moderation, agreement."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import (
    is_administrator,
    may_allocate,
    may_moderate,
    may_read_agreement,
    may_read_impartiality,
    role_required,
    rule_required,
)
from accounts.roles import Role
from assessments.models import Allocation, AssessmentCase
from core.refusals import Refusal, refused, refused_json
from exams.forms import MarkForm
from exams.selectors import essays_awaiting_marking
from exams.services import essay_mark

from . import exports, selectors, services
from .forms import (
    AllocationForm,
    AmendForm,
    AssessorSearchForm,
    DecisionForm,
    JudgmentForm,
    SettleForm,
    TakeForm,
)
from .models import Decision, Disagreement

ALLOCATION_LIST_SIZE = 100
ALLOCATION_ASSESSORS_SHOWN = 50
AGREEMENT_PAGE_SIZE = 50
IMPARTIALITY_PAGE_SIZE = 50
IMPARTIALITY_OVERRIDES_SHOWN = 100


@role_required(Role.ASSESSOR)
@require_safe
def queue(request):
    return render(request, "judging/queue.html", {
        "allocations": selectors.assessor_queue(request.user),
        "pool": selectors.case_pool(request.user)[:50],
    })


@role_required(Role.ASSESSOR)
@require_POST
def claim(request, case_id: int):
    case = get_object_or_404(selectors.case_pool(request.user), pk=case_id)
    try:
        services.allocation_claim(case=case, assessor=request.user)
    except ValidationError as exc:
        return refused(request, exc, "judging:queue")
    return redirect("judging:screen", case_id=case.pk)


@rule_required(may_allocate)
def allocation(request):
    waiting = selectors.cases_to_allocate()
    # Only the longest-waiting cases: a form with ten thousand checkboxes took seconds to render.
    first_ids = list(waiting.values_list("pk", flat=True)[:ALLOCATION_LIST_SIZE + 1])
    # Only the least-loaded assessors, or those searched for: nine hundred of them, as rows and as options, took
    # most of a second. Any assessor may still be chosen; the search finds the others.
    search = AssessorSearchForm(request.GET)
    assessors = list(selectors.workload(search=search.found())[:ALLOCATION_ASSESSORS_SHOWN + 1])
    form = AllocationForm(request.POST or None, cases=waiting.filter(pk__in=first_ids[:ALLOCATION_LIST_SIZE]),
                          assessors=assessors[:ALLOCATION_ASSESSORS_SHOWN])
    if request.method == "POST" and form.is_valid():
        done, refused = services.allocation_assign_many(
            cases=form.cleaned_data["cases"], assessor=form.cleaned_data["assessor"], by=request.user,
            marking=form.cleaned_data["marking"], override_reason=form.cleaned_data["override_reason"])
        if done:
            messages.success(request, _("%(count)s cases allocated.") % {"count": done})
        for message in refused:
            messages.error(request, message)
        return redirect("judging:allocation")
    return render(request, "judging/allocation.html", {
        "form": form, "search": search, "workload": assessors[:ALLOCATION_ASSESSORS_SHOWN],
        "list_size": ALLOCATION_LIST_SIZE, "more_waiting": len(first_ids) > ALLOCATION_LIST_SIZE,
        "assessors_shown": ALLOCATION_ASSESSORS_SHOWN, "more_assessors": len(assessors) > ALLOCATION_ASSESSORS_SHOWN,
    }, status=400 if form.errors or search.errors else 200)


def _screen(request, case: AssessmentCase, *, status: int = 200, forms_with_errors=None, decision_form=None):
    allocation = selectors.allocation_for(case=case, assessor=request.user)
    screen = selectors.judging_screen(case, allocation)
    token = screen.lease_token
    forms_with_errors = forms_with_errors or {}
    rows = []
    for row in screen.rows:
        form = forms_with_errors.get(row.criterion.pk) or JudgmentForm(
            prefix=f"c{row.criterion.pk}", levels=row.levels, mappings=row.mappings,
            initial={"lease_token": token, "score": row.judgment.score if row.judgment else None,
                     "comment": row.judgment.comment if row.judgment else "",
                     "evidence": [i.pk for i in row.judgment.evidence_relied_on.all()] if row.judgment else []},
        )
        rows.append((row, form))
    decision, blind = screen.decision, screen.blind
    return render(request, "judging/screen.html", {
        "case": case,
        "allocation": allocation,
        "screen": screen,
        "rows": rows,
        "lease": screen.lease,
        "lease_token": token,
        "decision": None if blind else decision,
        "marking_done": selectors.marking_done(allocation, decision),
        "awaiting_first": allocation.marking == Allocation.Marking.SECOND and decision is None,
        "decision_form": decision_form or DecisionForm(initial={"lease_token": token}),
        "take_form": TakeForm(),
        # The criterion just saved without the script (?saved=<code>): its card says so.
        "saved": request.GET.get("saved", ""),
        "timeline": selectors.case_timeline(case) if is_administrator(request.user) and not blind else None,
        "essays": [(answer, MarkForm(prefix=f"e{answer.pk}", rubric=answer.item_version.rubric))
                   for answer in essays_awaiting_marking(case)],
    }, status=status)


def _allocated_case(request, case_id: int) -> AssessmentCase:
    case = get_object_or_404(AssessmentCase.objects.select_related("unit", "candidate"), pk=case_id)
    selectors.allocation_for(case=case, assessor=request.user)
    return case


@role_required(Role.ASSESSOR)
@require_safe
def screen(request, case_id: int):
    """Read the case; it changes nothing (a prefetched link must not start an assessment): taking it is `take`."""
    return _screen(request, _allocated_case(request, case_id))


@role_required(Role.ASSESSOR)
@require_POST
def take(request, case_id: int):
    """Hold the case to judge it, once the assessor declares no conflict of interest; this starts its assessment
    if it was only submitted."""
    case = _allocated_case(request, case_id)
    try:
        services.case_take(case=case, assessor=request.user, declared=TakeForm(request.POST).is_valid())
    except ValidationError as exc:
        case.refresh_from_db()
        return refused(request, exc, lambda status: _screen(request, case, status=status))
    return redirect("judging:screen", case_id=case.pk)


@role_required(Role.ASSESSOR)
@require_POST
def judge(request, case_id: int, criterion_id: int):
    # The screen's script asks for JSON and keeps the assessor's place; without it, the page reloads at the
    # criterion with the confirmation shown there.
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    case = _allocated_case(request, case_id)
    allocation = selectors.allocation_for(case=case, assessor=request.user)
    row = next((r for r in selectors.judging_screen(case, allocation).rows if r.criterion.pk == criterion_id), None)
    if row is None:
        if wants_json:
            return refused_json(Refusal(_("That criterion is not part of the revision this case is assessed against.")))
        messages.error(request, _("That criterion is not part of the revision this case is assessed against."))
        return _screen(request, case, status=400)
    form = JudgmentForm(request.POST, prefix=f"c{criterion_id}", levels=row.levels, mappings=row.mappings)
    if not form.is_valid():
        if wants_json:
            return refused_json(ValidationError([e for errors in form.errors.values() for e in errors]),
                                criterion=row.criterion.code)
        return _screen(request, case, status=400, forms_with_errors={criterion_id: form})
    try:
        judgment = services.judgment_record(
            case=case, criterion_id=criterion_id, assessor=request.user, score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"], evidence_item_ids=form.cleaned_data["evidence"],
            lease_token=form.cleaned_data["lease_token"])
    except ValidationError as exc:
        if wants_json:
            return refused_json(exc, criterion=row.criterion.code)
        return refused(request, exc, lambda status: _screen(request, case, status=status,
                                                            forms_with_errors={criterion_id: form}), form=form)
    saved = selectors.judgment_saved(case=case, assessor=request.user, judgment=judgment)
    if wants_json:
        return JsonResponse(saved)
    return redirect(reverse("judging:screen", args=[case.pk]) + f"?saved={row.criterion.code}#criterion-{row.criterion.code}")


@role_required(Role.ASSESSOR)
@require_POST
def mark_essay(request, case_id: int, answer_id: int):
    """Mark one of the case's exam essays from the judging screen, with the exam's own marking service."""
    case = _allocated_case(request, case_id)
    answer = get_object_or_404(essays_awaiting_marking(case), pk=answer_id)
    form = MarkForm(request.POST, prefix=f"e{answer.pk}", rubric=answer.item_version.rubric)
    try:
        if not form.is_valid():
            raise Refusal(_("Choose a rubric level for the essay."))
        essay_mark(answer=answer, assessor=request.user, rubric_level_or_score=form.cleaned_data["level"],
                   comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: _screen(request, case, status=status))
    messages.success(request, _("The essay is marked."))
    return redirect(reverse("judging:screen", args=[case.pk]) + "#essays")


def _decision_action(request, case_id: int, action):
    case = _allocated_case(request, case_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _screen(request, case, status=400, decision_form=form)
    try:
        action(case=case, assessor=request.user, summary=form.cleaned_data["summary"],
               lease_token=form.cleaned_data["lease_token"])
    except ValidationError as exc:
        case.refresh_from_db()
        return refused(request, exc, lambda status: _screen(request, case, status=status, decision_form=form))
    return redirect("judging:queue")


@role_required(Role.ASSESSOR)
@require_POST
def confirm(request, case_id: int):
    response = _decision_action(request, case_id, services.decision_confirm)
    if response.status_code == 302:
        messages.success(request, _("Decision confirmed."))
    return response


@role_required(Role.ASSESSOR)
@require_POST
def request_evidence(request, case_id: int):
    response = _decision_action(request, case_id, services.evidence_request)
    if response.status_code == 302:
        messages.success(request, _("The case is back with the candidate, with your comments."))
    return response


@rule_required(may_moderate)
@require_safe
def moderation(request):
    disagreements, released = selectors.moderation_queue()
    return render(request, "judging/moderation.html", {
        "disagreements": disagreements, "released": released,
        "settle_form": SettleForm(), "amend_form": AmendForm(),
    })


def _moderation_action(request, form, act, *, invalid: str, done: str):
    """Run one moderator's action from a posted form; every refusal comes back as a message."""
    try:
        if not form.is_valid():
            raise Refusal(invalid)
        act(**form.cleaned_data)
    except ValidationError as exc:
        return refused(request, exc, "judging:moderation")
    messages.success(request, done)
    return redirect("judging:moderation")


@rule_required(may_moderate)
@require_POST
def settle(request, disagreement_id: int):
    disagreement = get_object_or_404(Disagreement, pk=disagreement_id)
    return _moderation_action(
        request, SettleForm(request.POST),
        lambda verdict, reason: services.disagreement_settle(
            disagreement=disagreement, moderator=request.user, verdict=verdict, reason=reason),
        invalid=_("Choose a verdict and give the reason."), done=_("Disagreement settled."),
    )


@rule_required(may_moderate)
@require_POST
def amend(request, decision_id: int):
    decision = get_object_or_404(Decision, pk=decision_id)
    return _moderation_action(
        request, AmendForm(request.POST),
        lambda outcome, reason: services.decision_amend(
            decision=decision, moderator=request.user, outcome=outcome, reason=reason),
        invalid=_("Choose the new outcome and give the reason."),
        done=_("Decision amended; the change and its reason are in the case's history."),
    )


@rule_required(may_read_agreement)
@require_safe
def agreement(request):
    search = AssessorSearchForm(request.GET)
    found = search.found()
    people = selectors.people_named(selectors.assessors(), found) if found else None
    # A page of pairs, those sharing the most criteria first: eight thousand rows took over a second to draw.
    page = Paginator(selectors.agreement_pair_counts(people=people), AGREEMENT_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "judging/agreement.html", {
        "search": search, "found": found, "page": page, "pairs": selectors.agreement_of_pairs(page.object_list),
        "page_size": AGREEMENT_PAGE_SIZE,
    }, status=400 if search.errors else 200)


@rule_required(may_read_impartiality)
@require_safe
def impartiality(request):
    """Who assessed a case of their own agency and why it was allowed, and every declaration of no conflict."""
    overrides = selectors.same_agency_overrides()
    page = Paginator(selectors.impartiality_declarations(), IMPARTIALITY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "judging/impartiality.html", {
        "overrides": overrides[:IMPARTIALITY_OVERRIDES_SHOWN], "override_count": overrides.count(), "page": page,
        "overrides_shown": IMPARTIALITY_OVERRIDES_SHOWN,
    })


def _csv_download(lines, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.csv"'
    return response


@rule_required(may_read_impartiality)
@require_safe
def impartiality_overrides_csv(request):
    return _csv_download(exports.overrides_csv(selectors.same_agency_overrides()), "same-agency-overrides")


@rule_required(may_read_impartiality)
@require_safe
def impartiality_declarations_csv(request):
    return _csv_download(exports.declarations_csv(selectors.impartiality_declarations()), "impartiality-declarations")
