"""Views of appeals and complaints: the candidate lodges and follows them; moderators and coordinators give
appeals to a panel member and answer complaints; the panel member rules."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.models import User
from accounts.permissions import may_manage_appeals, may_sit_on_appeal_panel, rule_required
from assessments.selectors import case_for_candidate
from core.refusals import Refusal, refused
from evidence.files import served_name

from . import selectors, services
from .forms import AnswerForm, AppealForm, AssignForm, ComplaintForm, RulingForm


def _may_use_desk(user) -> bool:
    return may_manage_appeals(user) or may_sit_on_appeal_panel(user)


@rule_required(_may_use_desk)
@require_safe
def desk(request):
    return render(request, "appeals/desk.html", selectors.appeals_desk(request.user))


def _lodge_page(request, case, decision, form, *, status: int = 200):
    return render(request, "appeals/lodge.html", {
        "case": case, "decision": decision, "form": form,
        "deadline": selectors.appeal_deadline(decision) if decision else None,
        "closed": selectors.appeal_refusal_reason(decision),
    }, status=status)


@login_required
def lodge(request, case_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    decision = selectors.appealable_decision(case)
    criteria = selectors.criteria_to_appeal(decision) if decision else []
    posted = request.method == "POST"
    form = AppealForm(request.POST if posted else None, request.FILES if posted else None, criteria=criteria)
    if not posted:
        return _lodge_page(request, case, decision, form)
    if not form.is_valid():
        return _lodge_page(request, case, decision, form, status=400)
    try:
        appeal = services.appeal_lodge(case=case, by=request.user, grounds=form.cleaned_data["grounds"],
                                       criterion_id=form.criterion_id(), uploads=form.cleaned_data["files"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: _lodge_page(request, case, decision, form, status=status),
                       form=form)
    messages.success(request, _("Your appeal is lodged. A panel member who took no part in your assessment will "
                                "decide it, and you will be told by email."))
    return redirect("appeals:detail", appeal_id=appeal.pk)


def _detail_page(request, appeal, *, status: int = 200, assign_form=None, ruling_form=None):
    managing = may_manage_appeals(request.user)
    return render(request, "appeals/detail.html", {
        "appeal": appeal,
        "documents": appeal.documents.all(),
        "is_candidate": appeal.case.candidate_id == request.user.pk,
        "show_who": appeal.case.candidate_id != request.user.pk,
        "assign_form": (assign_form or AssignForm(people=selectors.panel_candidates(appeal)))
        if managing and not appeal.decided else None,
        "ruling_form": (ruling_form or RulingForm())
        if appeal.panel_member_id == request.user.pk and appeal.status == appeal.Status.WITH_PANEL else None,
        "timeline": selectors.case_timeline(appeal.case),
    }, status=status)


@login_required
@require_safe
def detail(request, appeal_id: int):
    return _detail_page(request, selectors.appeal_for_viewer(user=request.user, appeal_id=appeal_id))


@rule_required(may_manage_appeals)
@require_POST
def assign(request, appeal_id: int):
    appeal = selectors.appeal_for_viewer(user=request.user, appeal_id=appeal_id)
    # Any moderator may be named; the service refuses those who took part in the case.
    form = AssignForm(request.POST, people=User.objects.filter(is_active=True).order_by("username"))
    try:
        if not form.is_valid():
            raise Refusal(_("Choose a panel member."))
        services.appeal_assign(appeal=appeal, panel_member=form.cleaned_data["panel_member"], by=request.user)
    except ValidationError as exc:
        return refused(request, exc, lambda status: _detail_page(request, appeal, status=status))
    messages.success(request, _("The appeal is with the panel member."))
    return redirect("appeals:detail", appeal_id=appeal.pk)


@rule_required(may_sit_on_appeal_panel)
@require_POST
def decide(request, appeal_id: int):
    appeal = selectors.appeal_for_viewer(user=request.user, appeal_id=appeal_id)
    if appeal.panel_member_id != request.user.pk:
        raise Http404("Not this person's appeal to decide")
    form = RulingForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, appeal, status=400, ruling_form=form)
    try:
        services.appeal_decide(appeal=appeal, by=request.user, upheld=form.cleaned_data["outcome"] == "upheld",
                               reasons=form.cleaned_data["reasons"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: _detail_page(request, appeal, status=status, ruling_form=form),
                       form=form)
    messages.success(request, _("The ruling is recorded and the candidate is told."))
    return redirect("appeals:detail", appeal_id=appeal.pk)


@login_required
@require_safe
def document(request, document_id: int):
    document = selectors.appeal_document_for_viewer(user=request.user, document_id=document_id)
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=served_name(document.original_name, document.extension),
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Complaints -------------------------------------------------------------------------------------------


@login_required
def complain(request, case_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    form = ComplaintForm(request.POST if request.method == "POST" else None)

    def page(status: int = 200):
        return render(request, "appeals/complain.html", {"case": case, "form": form}, status=status)

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(400)
    try:
        complaint = services.complaint_record(case=case, by=request.user, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return refused(request, exc, page, form=form)
    messages.success(request, _("Your complaint is recorded. You will be told when it is acknowledged and answered."))
    return redirect("appeals:complaint", complaint_id=complaint.pk)


def _complaint_page(request, complaint, *, status: int = 200, answer_form=None):
    return render(request, "appeals/complaint.html", {
        "complaint": complaint,
        "may_handle": may_manage_appeals(request.user),
        "answer_form": answer_form or AnswerForm(),
    }, status=status)


@login_required
@require_safe
def complaint(request, complaint_id: int):
    return _complaint_page(request, selectors.complaint_for_viewer(user=request.user, complaint_id=complaint_id))


@rule_required(may_manage_appeals)
@require_POST
def acknowledge(request, complaint_id: int):
    complaint = selectors.complaint_for_viewer(user=request.user, complaint_id=complaint_id)
    try:
        services.complaint_acknowledge(complaint=complaint, by=request.user)
    except ValidationError as exc:
        return refused(request, exc, lambda status: _complaint_page(request, complaint, status=status))
    messages.success(request, _("The complaint is acknowledged."))
    return redirect("appeals:complaint", complaint_id=complaint.pk)


@rule_required(may_manage_appeals)
@require_POST
def answer(request, complaint_id: int):
    complaint = selectors.complaint_for_viewer(user=request.user, complaint_id=complaint_id)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise Refusal(_("Write the answer to the complaint."))
        services.complaint_answer(complaint=complaint, by=request.user, answer=form.cleaned_data["answer"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: _complaint_page(request, complaint, status=status,
                                                                    answer_form=form), form=form)
    messages.success(request, _("The answer is recorded and the candidate is told."))
    return redirect("appeals:complaint", complaint_id=complaint.pk)
