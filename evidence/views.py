"""Views for a candidate's evidence items and files, and the guarded file download."""
from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST, require_safe

from assessments.selectors import case_for_candidate
from assessments.views import render_case
from competency.models import PerformanceCriterion
from core.client_ip import client_ip
from core.refusals import refused

from .files import UploadRefused, served_name, storage_full_message
from .forms import EvidenceFilesForm, EvidenceItemForm, ReplaceFileForm
from .selectors import current_file_for_candidate, evidence_item_for_candidate
from .services import (
    evidence_file_add,
    evidence_file_open,
    evidence_file_replace,
    evidence_item_create,
    evidence_item_delete,
    evidence_item_update,
)


def _criteria(case):
    return PerformanceCriterion.objects.filter(unit_id=case.unit_id).order_by("order")


def _upload_problem(request) -> tuple[str, int] | None:
    """What the upload handlers already refused while the request was read: a file too large, or no room for it."""
    names = getattr(request, "oversize_uploads", [])
    if names:
        return _("%(names)s: larger than %(limit)s, so it was not accepted.") % {
            "names": ", ".join(names),
            "limit": filesizeformat(settings.EVIDENCE_MAX_FILE_BYTES),
        }, 413
    unstored = getattr(request, "unstored_uploads", [])
    if unstored:
        return storage_full_message(unstored), 507
    return None


@login_required
def item_create(request, case_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    if not case.portfolio_open:
        messages.error(request, _("This portfolio has been submitted and is locked while it is assessed."))
        return render_case(request, case, status=409)
    form = EvidenceItemForm(request.POST or None, request.FILES or None, criteria=_criteria(case), with_files=True)
    problem = _upload_problem(request)
    if request.method == "POST":
        if problem:
            form.is_valid()
            form.add_error("files", problem[0])
            return render(request, "evidence/item_form.html", {"case": case, "form": form}, status=problem[1])
        if form.is_valid():
            try:
                evidence_item_create(case=case, by=request.user, uploads=form.cleaned_data["files"], **form.item_fields())
            except ValidationError as exc:
                return refused(request, exc, lambda status: render(
                    request, "evidence/item_form.html", {"case": case, "form": form}, status=status),
                    form=form, field="files" if isinstance(exc, UploadRefused) else None)
            messages.success(request, _("Evidence “%(title)s” added.") % {"title": form.cleaned_data["title"]})
            return redirect("assessments:case_detail", case_id=case.pk)
        return render(request, "evidence/item_form.html", {"case": case, "form": form}, status=400)
    return render(request, "evidence/item_form.html", {"case": case, "form": form})


@login_required
def item_edit(request, case_id: int, item_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    item = evidence_item_for_candidate(case=case, item_id=item_id)
    form = EvidenceItemForm(request.POST or None, instance=item, criteria=_criteria(case), with_files=False)
    files_form = EvidenceFilesForm()
    context = {"case": case, "form": form, "item": item, "files_form": files_form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "evidence/item_form.html", context, status=400)
        try:
            evidence_item_update(item=item, by=request.user, **form.item_fields())
        except ValidationError as exc:
            return refused(request, exc, lambda status: render(request, "evidence/item_form.html", context,
                                                               status=status), form=form)
        messages.success(request, _("Evidence “%(title)s” saved.") % {"title": form.cleaned_data["title"]})
        return redirect("assessments:case_detail", case_id=case.pk)
    return render(request, "evidence/item_form.html", context)


@login_required
@require_POST
def files_add(request, case_id: int, item_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    item = evidence_item_for_candidate(case=case, item_id=item_id)
    form = EvidenceFilesForm(request.POST, request.FILES)
    problem = _upload_problem(request)
    if problem or not form.is_valid():
        form_errors = " ".join(e for errors in form.errors.values() for e in errors)
        messages.error(request, problem[0] if problem else form_errors)
        return render_case(request, case, status=problem[1] if problem else 400)
    try:
        evidence_file_add(item=item, by=request.user, uploads=form.cleaned_data["files"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: render_case(request, case, status=status))
    messages.success(request, _("Files added to “%(title)s”.") % {"title": item.title})
    return redirect("assessments:case_detail", case_id=case.pk)


@login_required
def file_replace(request, case_id: int, file_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    evidence_file = current_file_for_candidate(case=case, file_id=file_id)
    form = ReplaceFileForm(request.POST or None, request.FILES or None)
    context = {"case": case, "form": form, "evidence_file": evidence_file}
    if request.method == "POST":
        problem = _upload_problem(request)
        if problem or not form.is_valid():
            if problem:
                form.errors.clear()
                form.add_error("file", problem[0])
            return render(request, "evidence/file_replace.html", context, status=problem[1] if problem else 400)
        try:
            evidence_file_replace(evidence_file=evidence_file, by=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            return refused(request, exc, lambda status: render(request, "evidence/file_replace.html", context,
                                                               status=status),
                           form=form, field="file" if isinstance(exc, UploadRefused) else None)
        messages.success(request, _("A new version of “%(name)s” is in place; the old one is kept.") % {
            "name": evidence_file.original_name})
        return redirect("assessments:case_detail", case_id=case.pk)
    return render(request, "evidence/file_replace.html", context)


@login_required
@require_POST
def item_delete(request, case_id: int, item_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    item = evidence_item_for_candidate(case=case, item_id=item_id)
    try:
        evidence_item_delete(item=item, by=request.user)
    except ValidationError as exc:
        return refused(request, exc, lambda status: render_case(request, case, status=status))
    messages.success(request, _("Evidence “%(title)s” deleted.") % {"title": item.title})
    return redirect("assessments:case_detail", case_id=case.pk)


@login_required
@require_safe
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def file_download(request, file_id: int):
    # Framable by the portal's own pages only, so the judging screen can preview PDFs and images inline.
    try:
        evidence_file = evidence_file_open(user=request.user, file_id=file_id,
                                           ip_address=client_ip(request))
    except ValidationError as exc:
        return refused(request, exc, "assessments:case_list")
    as_attachment = not evidence_file.previews_inline or request.GET.get("download") == "1"
    response = FileResponse(
        evidence_file.file.open("rb"),
        as_attachment=as_attachment,
        filename=served_name(evidence_file.original_name, evidence_file.extension),
        content_type=evidence_file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
