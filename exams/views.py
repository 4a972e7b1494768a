"""Views of the written exam: taking it, marking essays, and authoring the bank with its analysis."""
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import (
    assurance_required,
    may_author,
    may_grant_accommodations,
    may_judge,
    may_start_exam,
    role_required,
    rule_required,
)
from accounts.roles import Role
from competency.selectors import unit_current, unit_current_revisions
from core.refusals import refusal_status, refused, refused_json

from . import bank_csv, qti
from .forms import (
    AccommodationForm,
    CancelSittingForm,
    ImportForm,
    ItemForm,
    MarkForm,
    SeatForm,
    SeatSearchForm,
    SittingForm,
)
from .selectors import (
    accommodation_for_coordinator,
    accommodation_history,
    accommodation_rows,
    accommodation_subject,
    agencies_to_seat_from,
    attempt_for_candidate,
    attempt_is_overdue,
    attempt_questions,
    attempt_result,
    attempt_state,
    bank_items,
    candidate_attempt_state,
    cases_for_accommodation,
    cases_to_seat,
    content_of,
    definition_analysis,
    definition_for_author,
    definitions_for_authors,
    definitions_to_schedule,
    essay_for_marker,
    essays_awaiting_marking_for,
    exam_offer,
    exam_offers_for_candidate,
    item_current_version,
    item_for_author,
    item_versions,
    preview_of,
    seat_for_coordinator,
    sitting_for_coordinator,
    sitting_has_opened,
    sitting_seats,
    sittings_past,
    sittings_upcoming,
    tag_index,
)
from .services import (
    ExamRefused,
    accommodation_grant,
    accommodation_withdraw,
    attempt_start,
    attempt_submit,
    bank_import,
    candidate_answer_save,
    essay_mark,
    item_create,
    item_update,
    seat_remove,
    sitting_cancel,
    sitting_schedule,
    sitting_seat,
)

# --- Candidates -------------------------------------------------------------------------------------------


@login_required
@require_GET
def index(request):
    return render(request, "exams/index.html", {
        "offers": exam_offers_for_candidate(request.user),
        "is_author": may_author(request.user),
        "is_marker": may_judge(request.user),
    })


@login_required
@assurance_required(may_start_exam)
def start(request, case_id: int, definition_id: int):
    offer = exam_offer(user=request.user, case_id=case_id, definition_id=definition_id)
    if request.method == "POST":
        try:
            attempt = attempt_start(case=offer.case, definition=offer.definition)
        except ExamRefused as exc:
            return refused(request, exc, lambda status: render(request, "exams/start.html", {"offer": offer},
                                                               status=status))
        return redirect("exams:take", attempt_id=attempt.pk)
    return render(request, "exams/start.html", {"offer": offer})


@never_cache
@login_required
@require_GET
def take(request, attempt_id: int):
    attempt = attempt_for_candidate(user=request.user, attempt_id=attempt_id)
    if not attempt.is_open:
        return redirect("exams:result", attempt_id=attempt.pk)
    if attempt_is_overdue(attempt):
        # Opening a page changes nothing: beat or the candidate's own submit hands the attempt in.
        return render(request, "exams/time_up.html", {"attempt": attempt})
    return render(request, "exams/take.html", {
        "attempt": attempt, "questions": attempt_questions(attempt), "state": attempt_state(attempt)})


@never_cache
@login_required
@require_POST
def save(request, attempt_id: int):
    """Save one answer, sent as JSON {"item": <item version id>, "value": …} by the exam page as it changes."""
    try:
        payload = json.loads(request.body)
        item_version_id, value = int(payload["item"]), payload.get("value")
    # Deeply nested JSON exhausts the parser's recursion; an infinite "item" has no whole number.
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
        attempt_for_candidate(user=request.user, attempt_id=attempt_id)  # anyone else's attempt is a 404 first
        return JsonResponse({"error": _("The request could not be read."), "code": "bad_request"}, status=400)
    try:
        result = candidate_answer_save(candidate=request.user, attempt_id=attempt_id, item_version_id=item_version_id,
                                       value=value)
    except ExamRefused as exc:
        return refused_json(exc)
    return JsonResponse({
        "saved": True, "item": item_version_id, "saved_at": result.answer.saved_at.isoformat(),
        "remaining_seconds": result.remaining_seconds})


@never_cache
@login_required
@require_GET
def state(request, attempt_id: int):
    state = candidate_attempt_state(user=request.user, attempt_id=attempt_id)
    return JsonResponse(state | {"result_url": reverse("exams:result", args=[attempt_id])})


@login_required
@require_POST
def submit(request, attempt_id: int):
    """Hand the attempt in: from the page's button (a form) or from its script when the time runs out (JSON)."""
    attempt = attempt_for_candidate(user=request.user, attempt_id=attempt_id)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    result_url = reverse("exams:result", args=[attempt.pk])
    try:
        attempt_submit(attempt=attempt)
    except ExamRefused as exc:
        if wants_json:
            return refused_json(exc, result_url=result_url)
        return refused(request, exc, lambda status: render(request, "exams/result.html",
                                                           {"result": attempt_result(attempt)}, status=status))
    if wants_json:
        return JsonResponse({"submitted": True, "result_url": result_url})
    messages.success(request, _("Your answers are submitted."))
    return redirect(result_url)


@login_required
@require_GET
def result(request, attempt_id: int):
    attempt = attempt_for_candidate(user=request.user, attempt_id=attempt_id)
    if attempt.is_open:
        return redirect("exams:take", attempt_id=attempt.pk)
    return render(request, "exams/result.html", {"result": attempt_result(attempt)})


# --- Assessors ----------------------------------------------------------------------------------------------


@role_required(Role.ASSESSOR)
@require_GET
def marking_list(request):
    return render(request, "exams/marking_list.html", {"answers": essays_awaiting_marking_for(request.user)})


@role_required(Role.ASSESSOR)
def mark(request, answer_id: int):
    answer = essay_for_marker(user=request.user, answer_id=answer_id)
    form = MarkForm(request.POST or None, rubric=answer.item_version.rubric)
    context = {"answer": answer, "form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "exams/mark.html", context, status=400)
        try:
            essay_mark(answer=answer, assessor=request.user, rubric_level_or_score=form.cleaned_data["level"],
                       comment=form.cleaned_data["comment"])
        except ExamRefused as exc:
            return refused(request, exc, lambda status: render(request, "exams/mark.html", context, status=status),
                           form=form)
        messages.success(request, _("The essay is marked."))
        return redirect("exams:marking_list")
    return render(request, "exams/mark.html", context)


# --- Authors ------------------------------------------------------------------------------------------------


def _bank_unit(code: str):
    unit = unit_current(code=code)
    if unit is None:
        raise Http404("No such unit")
    return unit


@role_required(Role.STANDARDS_ADMINISTRATOR)
@require_GET
def bank_home(request):
    units = list(unit_current_revisions())
    if not units:
        raise Http404("No published unit")
    return redirect("exams:bank", code=units[0].code)


@role_required(Role.STANDARDS_ADMINISTRATOR)
@require_GET
def bank(request, code: str):
    unit = _bank_unit(code)
    filters = {key: request.GET.get(key, "").strip() for key in ("status", "item_type", "search")}
    return render(request, "exams/bank.html", {
        "unit": unit, "items": bank_items(unit_code=unit.code, **filters), "filters": filters,
        "definitions": definitions_for_authors().filter(unit__code=unit.code),
    })


def _item_page(request, *, unit, form, item=None, status=200, preview=None):
    context = {"unit": unit, "form": form, "item": item, "preview": preview}
    if item is not None:
        context["versions"] = item_versions(item)
        context["current_preview"] = preview_of(content_of(item_current_version(item)))
    return render(request, "exams/item_form.html", context, status=status)


@role_required(Role.STANDARDS_ADMINISTRATOR)
def item_new(request, code: str):
    unit = _bank_unit(code)
    form = ItemForm(request.POST or None, tags=tag_index(unit))
    if request.method != "POST":
        return _item_page(request, unit=unit, form=form)
    if not form.is_valid():
        return _item_page(request, unit=unit, form=form, status=400)
    if "preview" in request.POST:
        return _item_page(request, unit=unit, form=form, preview=preview_of(form.content()))
    data = form.cleaned_data
    try:
        item = item_create(unit=unit, code=data["code"].strip(), status=data["status"], difficulty=data["difficulty"],
                           content=form.content(), by=request.user)
    except ExamRefused as exc:
        return refused(request, exc, lambda status: _item_page(request, unit=unit, form=form, status=status),
                       form=form)
    messages.success(request, _("Item %(code)s added.") % {"code": item.code})
    return redirect("exams:item_edit", code=unit.code, item_id=item.pk)


@role_required(Role.STANDARDS_ADMINISTRATOR)
def item_edit(request, code: str, item_id: int):
    item = item_for_author(item_id=item_id)
    if item.unit.code != code:
        raise Http404("No such item")
    current = item_current_version(item)
    form = ItemForm(request.POST or None, tags=tag_index(item.unit), editing=True,
                    initial=ItemForm.initial_from(item, content_of(current)))
    if request.method != "POST":
        return _item_page(request, unit=item.unit, form=form, item=item)
    if not form.is_valid():
        return _item_page(request, unit=item.unit, form=form, item=item, status=400)
    if "preview" in request.POST:
        return _item_page(request, unit=item.unit, form=form, item=item, preview=preview_of(form.content()))
    data = form.cleaned_data
    try:
        version = item_update(item=item, status=data["status"], difficulty=data["difficulty"], content=form.content(),
                              by=request.user)
    except ExamRefused as exc:
        return refused(request, exc, lambda status: _item_page(request, unit=item.unit, form=form, item=item,
                                                               status=status), form=form)
    if version.number != current.number:
        message = _("Candidates have already seen this item, so your change is saved as version %(number)s; "
                    "their attempts keep the version they saw.")
        messages.success(request, message % {"number": version.number})
    else:
        messages.success(request, _("Item %(code)s saved.") % {"code": item.code})
    return redirect("exams:item_edit", code=code, item_id=item.pk)


def _download(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.STANDARDS_ADMINISTRATOR)
@require_GET
def export_csv(request, code: str):
    unit = _bank_unit(code)
    return _download(bank_csv.export_rows(bank_items(unit_code=unit.code)),
                     filename=f"{unit.code}-items.csv", content_type="text/csv; charset=utf-8")


@role_required(Role.STANDARDS_ADMINISTRATOR)
@require_GET
def export_qti(request, code: str):
    unit = _bank_unit(code)
    package, _count = qti.export_package(bank_items(unit_code=unit.code), unit=unit)
    return _download(package, filename=f"{unit.code}-qti3.zip", content_type="application/zip")


def _import(request, code: str, *, parse, kind: str):
    """Read the upload, then import every item or none, listing every error with its row or file."""
    unit = _bank_unit(code)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"unit": unit, "form": form, "kind": kind, "errors": []}
    if request.method != "POST":
        return render(request, "exams/import.html", context)
    if not form.is_valid():
        return render(request, "exams/import.html", context, status=400)
    entries, context["errors"] = parse(form.cleaned_data["file"].read())
    if context["errors"]:
        return render(request, "exams/import.html", context, status=400)
    try:
        created, updated = bank_import(unit=unit, entries=entries, by=request.user)
    except ExamRefused as exc:
        # Every error of the file is listed on the page, each on its own line, rather than as one message.
        context["errors"] = exc.messages
        return render(request, "exams/import.html", context, status=refusal_status(exc))
    messages.success(request, _("Imported: %(created)s items added, %(updated)s updated.") % {
        "created": created, "updated": updated})
    return redirect("exams:bank", code=unit.code)


@role_required(Role.STANDARDS_ADMINISTRATOR)
def import_csv(request, code: str):
    return _import(request, code, parse=bank_csv.parse, kind="csv")


@role_required(Role.STANDARDS_ADMINISTRATOR)
def import_qti(request, code: str):
    return _import(request, code, parse=qti.parse, kind="qti")


@role_required(Role.STANDARDS_ADMINISTRATOR)
@require_GET
def analysis(request, definition_id: int):
    definition = definition_for_author(definition_id=definition_id)
    return render(request, "exams/analysis.html", {"analysis": definition_analysis(definition)})


# --- Coordinators: accommodations ---------------------------------------------------------------------------

ACCOMMODATION_PAGE_SIZE = 25


@rule_required(may_grant_accommodations)
@require_GET
def accommodations(request):
    """Candidates who may sit an exam, with any accommodation in force and any sitting in progress."""
    query = request.GET.get("q", "")[:100]
    page = Paginator(cases_for_accommodation(query=query), ACCOMMODATION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "exams/accommodations.html", {
        "page": page, "rows": accommodation_rows(page.object_list), "query": query})


@rule_required(may_grant_accommodations)
def accommodation(request, case_id: int, definition_id: int):
    """Grant a candidate extra time or a sitting window for one exam; the history of grants, with reasons."""
    row = accommodation_subject(case_id=case_id, definition_id=definition_id)
    form = AccommodationForm(request.POST or None)

    def page(status=200):
        return render(request, "exams/accommodation.html", {
            "row": row, "form": form,
            "history": accommodation_history(case=row.case, definition=row.definition)}, status=status)

    if request.method == "POST":
        if not form.is_valid():
            return page(400)
        try:
            accommodation_grant(case=row.case, definition=row.definition, by=request.user, **form.grant())
        except ExamRefused as exc:
            return refused(request, exc, page, form=form)
        messages.success(request, _("The accommodation is recorded; it applies from now on."))
        return redirect("exams:accommodation", case_id=row.case.pk, definition_id=row.definition.pk)
    return page()


@rule_required(may_grant_accommodations)
@require_POST
def accommodation_withdraw_view(request, accommodation_id: int):
    granted = accommodation_for_coordinator(accommodation_id=accommodation_id)
    back = reverse("exams:accommodation", args=[granted.case_id, granted.definition_id])
    try:
        accommodation_withdraw(accommodation=granted, by=request.user)
    except ExamRefused as exc:
        return refused(request, exc, back)
    messages.success(request, _("The accommodation is withdrawn."))
    return redirect(back)


# --- Coordinators: sittings ---------------------------------------------------------------------------------

SITTINGS_PAGE_SIZE = 25
SEAT_SEARCH_PAGE_SIZE = 50


@rule_required(may_grant_accommodations)
@require_http_methods(["GET", "POST"])
def sittings(request):
    """The sittings to come and those held, and the form that schedules a new one."""
    form = SittingForm(request.POST if request.method == "POST" else None, definitions=definitions_to_schedule())

    def page(status=200):
        past = Paginator(sittings_past(), SITTINGS_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "exams/sittings.html", {
            "form": form, "upcoming": sittings_upcoming(), "page": past}, status=status)

    if request.method == "POST":
        if not form.is_valid():
            return page(400)
        try:
            sitting = sitting_schedule(by=request.user, **form.schedule())
        except ExamRefused as exc:
            return refused(request, exc, page, form=form)
        messages.success(request, _("The sitting is scheduled. Now seat its candidates."))
        return redirect("exams:sitting", sitting_id=sitting.pk)
    return page()


def _sitting_url(sitting, params) -> str:
    """The sitting's page, keeping the coordinator's search."""
    search = {key: params[key] for key in ("q", "agency") if params.get(key)}
    url = reverse("exams:sitting", args=[sitting.pk])
    return f"{url}?{urlencode(search)}" if search else url


def _sitting_page(request, sitting, *, cancel_form=None, status=200):
    search = SeatSearchForm(request.GET or None, agencies=agencies_to_seat_from(sitting))
    found = None
    if search.searched:
        found = Paginator(cases_to_seat(sitting, **search.search()), SEAT_SEARCH_PAGE_SIZE).get_page(
            request.GET.get("page"))
    return render(request, "exams/sitting.html", {
        "sitting": sitting, "seats": sitting_seats(sitting), "opened": sitting_has_opened(sitting),
        "search": search, "found": found, "page": found, "cancel_form": cancel_form or CancelSittingForm()},
        status=status)


@rule_required(may_grant_accommodations)
@require_GET
def sitting(request, sitting_id: int):
    """A sitting: who is seated and when each is let in; candidates found to seat."""
    return _sitting_page(request, sitting_for_coordinator(sitting_id=sitting_id))


@rule_required(may_grant_accommodations)
@require_POST
def sitting_seat_view(request, sitting_id: int):
    """Seat the ticked candidates, or every one the search found; those who may not sit the exam are left out."""
    sitting = sitting_for_coordinator(sitting_id=sitting_id)
    form = SeatForm(request.POST, agencies=agencies_to_seat_from(sitting))
    back = _sitting_url(sitting, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect(back)
    if form.cleaned_data["seat"] == SeatForm.ALL:
        cases = list(cases_to_seat(sitting, **form.search()))
        asked = len(cases)
    else:
        numbers = set(form.cleaned_data["cases"])
        cases, asked = list(cases_to_seat(sitting).filter(pk__in=numbers)), len(numbers)
    try:
        seated = sitting_seat(sitting=sitting, cases=cases, by=request.user)
    except ExamRefused as exc:
        return refused(request, exc, back)
    messages.success(request, ngettext("%(count)s candidate is seated.", "%(count)s candidates are seated.",
                                       seated) % {"count": seated})
    if left_out := asked - seated:
        messages.warning(request, ngettext(
            "%(count)s was left out: already seated, or no longer able to sit this exam.",
            "%(count)s were left out: already seated, or no longer able to sit this exam.", left_out)
            % {"count": left_out})
    return redirect(back)


@rule_required(may_grant_accommodations)
@require_POST
def seat_remove_view(request, sitting_id: int, seat_id: int):
    sitting = sitting_for_coordinator(sitting_id=sitting_id)
    seat = seat_for_coordinator(sitting=sitting, seat_id=seat_id)
    back = _sitting_url(sitting, request.GET)
    try:
        seat_remove(seat=seat, by=request.user)
    except ExamRefused as exc:
        return refused(request, exc, back)
    messages.success(request, _("%(name)s is taken out of the sitting.") % {"name": seat.case.candidate.get_full_name()})
    return redirect(back)


@rule_required(may_grant_accommodations)
@require_POST
def sitting_cancel_view(request, sitting_id: int):
    sitting = sitting_for_coordinator(sitting_id=sitting_id)
    form = CancelSittingForm(request.POST)
    if not form.is_valid():
        return _sitting_page(request, sitting, cancel_form=form, status=400)
    try:
        sitting_cancel(sitting=sitting, by=request.user)
    except ExamRefused as exc:
        return refused(request, exc, reverse("exams:sitting", args=[sitting.pk]))
    messages.success(request, _("The sitting “%(name)s” is cancelled.") % {"name": sitting.name})
    return redirect("exams:sittings")
