"""Views of a candidate's cases: enrolment, the evidence matrix (the case's home page) and submission."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import is_candidate
from core.refusals import refused

from .case_page import case_panels_context
from .forms import SubmissionForm
from .selectors import case_for_candidate, case_for_viewer, cases_of_candidate, units_open_for_enrolment
from .services import case_enrol, case_submit


@login_required
@require_safe
def case_list(request):
    return render(request, "assessments/case_list.html", {
        "cases": cases_of_candidate(candidate=request.user),
        "units": units_open_for_enrolment(candidate=request.user),
        "may_enrol": is_candidate(request.user),
    })


@login_required
@require_POST
def case_enrol_view(request):
    try:
        case = case_enrol(candidate=request.user, unit_code=request.POST.get("unit_code", ""))
    except ValidationError as exc:
        return refused(request, exc, "assessments:case_list")
    messages.success(request, _("You are enrolled. Add evidence for each criterion, then submit."))
    return redirect("assessments:case_detail", case_id=case.pk)


def render_case(request, case, *, status: int = 200, submit_form=None):
    """The evidence matrix page; other views render it again with a message when they refuse something."""
    return render(
        request,
        "assessments/case_detail.html",
        {
            "case": case,
            "is_candidate": case.candidate_id == request.user.pk,
            "submit_form": submit_form or SubmissionForm(initial={"summary": case.summary}),
            **case_panels_context(case, request.user),
        },
        status=status,
    )


@login_required
@require_safe
def case_detail(request, case_id: int):
    return render_case(request, case_for_viewer(user=request.user, case_id=case_id))


@login_required
def case_submit_view(request, case_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    form = SubmissionForm(request.POST or None, initial={"summary": case.summary})
    if request.method == "POST":
        if not form.is_valid():
            return render_case(request, case, status=400, submit_form=form)
        try:
            case_submit(case=case, by=request.user, summary=form.cleaned_data["summary"])
        except ValidationError as exc:
            case.refresh_from_db()
            return refused(request, exc, lambda status: render_case(request, case, status=status))
        messages.success(request, _("Your portfolio is submitted. A receipt is on its way to your email."))
        return redirect("assessments:case_detail", case_id=case.pk)
    return render_case(request, case, submit_form=form)
