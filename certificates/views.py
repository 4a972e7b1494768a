"""Views of certificates: public verification, the holder's page, reports, and the HR desk."""
import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import get_usage

from accounts.permissions import (
    administrator_required,
    assurance_required,
    is_administrator,
    may_collect_certificate,
    may_revoke,
    may_suspend,
    may_use_desk,
    rule_required,
)
from assessments.selectors import case_for_candidate
from core.refusals import refused

from . import badges, exports, selectors, services, status_lists
from .codes import normalise_code
from .documents import figure_charts
from .forms import (
    AgencyReportForm,
    CertificateFilterForm,
    CredentialCheckForm,
    PdfCheckForm,
    ReasonForm,
    ReinstatementForm,
    SuspensionForm,
)
from .models import BulkDownload, Certificate, JobState
from .pdf_verification import pdf_check

DESK_PAGE_SIZE = 50


def _throttled(request) -> HttpResponse | None:
    """Count this lookup against the client's address; a 429 page once the minute holds more than the limit."""
    usage = get_usage(request, group="certificates.verify", key="core.client_ip.client_ip_key",
                      rate=f"{settings.CERTIFICATE_VERIFY_LIMIT_PER_MINUTE}/m", increment=True)
    if usage and usage["should_limit"]:
        response = render(request, "certificates/too_many_requests.html", status=429)
        response["Retry-After"] = str(max(usage["time_left"], 1))
        return response
    return None


def _pdf_response(field, filename: str) -> FileResponse:
    return FileResponse(field.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


# --- Public -----------------------------------------------------------------------------------------------


@require_GET
@never_cache
def verify(request, code: str = ""):
    """Anyone may check a code: valid, expired, revoked or unknown, with no hint about any other code."""
    throttled = _throttled(request)
    if throttled:
        return throttled
    typed = request.GET.get("code", "")
    if not code and typed:
        normalised = normalise_code(typed)
        if normalised:
            return redirect("certificates:verify", code=normalised)
        code = typed
    result = selectors.verification(code) if code else None
    return render(request, "certificates/verify.html", {"verification": result, "pdf_form": PdfCheckForm()})


@require_POST
@never_cache
def verify_pdf(request):
    """Anyone may check that a PDF in hand is the one issued: signature and hash, with the reason when it is not.

    The file is read in memory (up to CERTIFICATE_VERIFY_PDF_MAX_BYTES) and forgotten with the request."""
    throttled = _throttled(request)
    if throttled:
        return throttled
    form = PdfCheckForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "certificates/verify.html", {"pdf_form": form}, status=400)
    upload = form.cleaned_data["pdf"]
    checked = pdf_check(upload.read())
    verification = selectors.verification(checked.certificate.code) if checked.certificate else None
    return render(request, "certificates/verify.html", {
        "pdf_check": checked, "verification": verification, "pdf_form": PdfCheckForm(), "pdf_name": upload.name})


@require_http_methods(["GET", "POST"])
@never_cache
def verify_credential(request):
    """Anyone may bring an Open Badges credential (its file, or its text): valid, or not valid and why. Nothing is
    kept."""
    posted = request.method == "POST"
    form = CredentialCheckForm(request.POST if posted else None, request.FILES if posted else None)
    check = None
    if posted:
        throttled = _throttled(request)
        if throttled:
            return throttled
        if form.is_valid():
            check = badges.credential_check(form.cleaned_data["document"])
    return render(request, "certificates/verify_credential.html", {"form": form, "check": check},
                  status=400 if form.errors else 200)


@require_GET
def issuer_profile(request):
    return JsonResponse(badges.issuer_profile(), json_dumps_params={"ensure_ascii": False})


@require_GET
def jwks(request):
    return JsonResponse(badges.jwks())


@require_GET
@never_cache
def status_list(request, purpose: str, number: int):
    """A signed Bitstring Status List (revocation or suspension), as wallets read it; fresh at every read."""
    if purpose not in status_lists.PURPOSES or number >= status_lists.lists_published():
        raise Http404("No such status list")
    return JsonResponse(badges.status_list_credential(purpose, number))


@require_GET
@never_cache
def credential_status(request, code: str):
    throttled = _throttled(request)
    if throttled:
        return throttled
    found = selectors.verification(code).certificate
    if found is None:
        return JsonResponse({"detail": "unknown"}, status=404)
    return JsonResponse(badges.revocation_list(found))


# --- The holder -------------------------------------------------------------------------------------------


@login_required
@require_GET
def my_certificates(request):
    return render(request, "certificates/mine.html", {
        "certificates": selectors.certificates_of_holder_page(request.user),
        "cases": selectors.decided_cases_with_reports(request.user),
        "recertification_scope": settings.RECERTIFICATION_SCOPE,
    })


@login_required
@require_POST
def recertify(request, certificate_id: int):
    """The holder opens the recertification of their certificate and lands on the new case."""
    certificate = selectors.certificate_of_holder(user=request.user, certificate_id=certificate_id)
    try:
        case = services.certificate_recertify(certificate=certificate, by=request.user)
    except ValidationError as exc:
        return refused(request, exc, "certificates:mine")
    if settings.RECERTIFICATION_SCOPE == "exam":
        messages.success(request, _("Your recertification is open. Your portfolio was carried over: check it, sit "
                                    "the written exam, then submit."))
    else:
        messages.success(request, _("Your recertification is open. Add evidence for each criterion, sit the "
                                    "written exam, then submit."))
    return redirect("assessments:case_detail", case_id=case.pk)


@login_required
@assurance_required(may_collect_certificate)
@require_GET
def holder_pdf(request, certificate_id: int):
    certificate = selectors.certificate_of_holder(user=request.user, certificate_id=certificate_id)
    if certificate.render_state != JobState.READY:
        raise Http404("Not rendered yet")
    return _pdf_response(certificate.pdf, f"{certificate.number}.pdf")


@login_required
@assurance_required(may_collect_certificate)
@require_GET
def holder_badge(request, certificate_id: int):
    """The Open Badges 3.0 credential, for the holder to keep in a wallet or show elsewhere."""
    certificate = selectors.certificate_of_holder(user=request.user, certificate_id=certificate_id)
    response = JsonResponse(badges.open_badge(certificate), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.json"'
    return response


@login_required
@require_POST
def result_report_create(request, case_id: int):
    case = case_for_candidate(user=request.user, case_id=case_id)
    try:
        report = services.result_report_request(case=case, by=request.user)
    except ValidationError as exc:
        return refused(request, exc, "certificates:mine")
    return redirect("certificates:report_detail", report_id=report.pk)


@login_required
@require_GET
def report_detail(request, report_id: int):
    report = selectors.report_for_user(user=request.user, report_id=report_id)
    return render(request, "certificates/report_detail.html", {"report": report})


@login_required
@require_GET
@never_cache
def report_status(request, report_id: int):
    report = selectors.report_for_user(user=request.user, report_id=report_id)
    ready = report.state == JobState.READY
    return JsonResponse({
        # A message id the job layer stored (why it waits, why it failed) reads in the visitor's language.
        "state": report.state, "done": int(ready), "total": 1, "error": _(report.error) if report.error else "",
        "download_url": reverse("certificates:report_pdf", args=[report.pk]) if ready else "",
    })


@login_required
@require_GET
def report_pdf(request, report_id: int):
    report = selectors.report_for_user(user=request.user, report_id=report_id)
    if report.state != JobState.READY:
        raise Http404("Not rendered yet")
    return _pdf_response(report.file, f"report-{report.pk}.pdf")


# --- The HR desk ------------------------------------------------------------------------------------------


def _desk_selection(request) -> tuple[CertificateFilterForm, object]:
    """The filter form bound to the query string, and the certificates it selects (none while it is invalid)."""
    form = CertificateFilterForm(request.GET or None, user=request.user)
    certificates = selectors.certificates_visible_to(request.user)
    if form.is_bound and not form.is_valid():
        return form, certificates.none()
    return form, selectors.certificates_filtered(certificates, **(form.filters() if form.is_bound else {}))


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@rule_required(may_use_desk)
@require_GET
def desk(request):
    form, certificates = _desk_selection(request)
    page = Paginator(certificates, DESK_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certificates/desk.html", {
        "form": form, "page": page, "query": _query_without_page(request),
    }, status=400 if form.errors else 200)


@rule_required(may_use_desk)
@require_GET
def desk_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    form, certificates = _desk_selection(request)
    if form.errors:
        messages.error(request, _("Correct the filters before exporting."))
        return redirect(f"{reverse('certificates:desk')}?{_query_without_page(request)}")
    if certificates.count() > settings.CERTIFICATE_EXPORT_MAX_ROWS:
        messages.error(request, _("The list holds more than %(limit)s certificates. Narrow it with the filters.")
                       % {"limit": settings.CERTIFICATE_EXPORT_MAX_ROWS})
        return redirect(f"{reverse('certificates:desk')}?{_query_without_page(request)}")
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_lines(certificates), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="certificates-{stamp}.csv"'
        return response
    return FileResponse(exports.xlsx_file(certificates), as_attachment=True, filename=f"certificates-{stamp}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@rule_required(may_use_desk)
@require_GET
def desk_detail(request, certificate_id: int):
    return _desk_detail_page(request, selectors.certificate_for_desk(user=request.user, certificate_id=certificate_id))


def _desk_detail_page(request, certificate: Certificate, *, revoke_form=None, reissue_form=None, suspend_form=None,
                      reinstate_form=None, status=200):
    suspendable = may_suspend(request.user, certificate)
    return render(request, "certificates/desk_detail.html", {
        "certificate": certificate,
        "may_revoke": may_revoke(request.user, certificate) and not certificate.revoked_at,
        "revoke_form": revoke_form or ReasonForm(prefix="revoke"),
        "reissue_form": reissue_form or ReasonForm(prefix="reissue"),
        "may_suspend": suspendable and certificate.status == Certificate.Status.VALID,
        "may_reinstate": suspendable and certificate.status == Certificate.Status.SUSPENDED,
        "suspend_form": suspend_form or SuspensionForm(prefix="suspend"),
        "reinstate_form": reinstate_form or ReinstatementForm(prefix="reinstate"),
        "suspensions": selectors.suspensions_of(certificate),
    }, status=status)


@rule_required(may_use_desk)
@require_POST
def desk_suspend(request, certificate_id: int):
    certificate = selectors.certificate_for_desk(user=request.user, certificate_id=certificate_id)
    form = SuspensionForm(request.POST, prefix="suspend")
    if not form.is_valid():
        return _desk_detail_page(request, certificate, suspend_form=form, status=400)
    try:
        services.certificate_suspend(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"],
                                     until=form.cleaned_data["until"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: _desk_detail_page(request, certificate, suspend_form=form,
                                                                      status=status), form=form)
    messages.success(request, _("Certificate %(number)s is suspended. The holder will be told by email.")
                     % {"number": certificate.number})
    return redirect("certificates:desk_detail", certificate_id=certificate.pk)


@rule_required(may_use_desk)
@require_POST
def desk_reinstate(request, certificate_id: int):
    certificate = selectors.certificate_for_desk(user=request.user, certificate_id=certificate_id)
    form = ReinstatementForm(request.POST, prefix="reinstate")
    if not form.is_valid():
        return _desk_detail_page(request, certificate, reinstate_form=form, status=400)
    try:
        services.certificate_reinstate(certificate=certificate, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as exc:
        return refused(request, exc, reverse("certificates:desk_detail", args=[certificate.pk]))
    messages.success(request, _("Certificate %(number)s is reinstated. The holder will be told by email.")
                     % {"number": certificate.number})
    return redirect("certificates:desk_detail", certificate_id=certificate.pk)


@rule_required(may_use_desk)
@require_POST
def desk_revoke(request, certificate_id: int):
    return _revoke_or_reissue(request, certificate_id, reissue=False)


@rule_required(may_use_desk)
@require_POST
def desk_reissue(request, certificate_id: int):
    return _revoke_or_reissue(request, certificate_id, reissue=True)


def _revoke_or_reissue(request, certificate_id: int, *, reissue: bool):
    certificate = selectors.certificate_for_desk(user=request.user, certificate_id=certificate_id)
    form = ReasonForm(request.POST, prefix="reissue" if reissue else "revoke")
    if not form.is_valid():
        key = "reissue_form" if reissue else "revoke_form"
        return _desk_detail_page(request, certificate, **{key: form}, status=400)
    action = services.certificate_reissue if reissue else services.certificate_revoke
    try:
        result = action(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return refused(request, exc, reverse("certificates:desk_detail", args=[certificate.pk]))
    if reissue:
        messages.success(request, _("Certificate %(old)s was revoked and reissued as %(new)s.")
                         % {"old": certificate.number, "new": result.number})
        return redirect("certificates:desk_detail", certificate_id=result.pk)
    messages.success(request, _("Certificate %(number)s was revoked. The holder will be told by email.")
                     % {"number": certificate.number})
    return redirect("certificates:desk_detail", certificate_id=certificate.pk)


@administrator_required
@require_POST
def desk_rerender(request, certificate_id: int):
    certificate = selectors.certificate_for_desk(user=request.user, certificate_id=certificate_id)
    services.certificate_rerender(certificate=certificate)
    messages.success(request, _("The PDF will be rendered again."))
    return redirect("certificates:desk_detail", certificate_id=certificate.pk)


@rule_required(may_use_desk)
@require_GET
def desk_pdf(request, certificate_id: int):
    certificate = selectors.certificate_for_desk(user=request.user, certificate_id=certificate_id)
    if certificate.render_state != JobState.READY:
        messages.error(request, _("The PDF of %(number)s is not ready yet.") % {"number": certificate.number})
        return redirect("certificates:desk_detail", certificate_id=certificate.pk)
    return _pdf_response(certificate.pdf, f"{certificate.number}.pdf")


@rule_required(may_use_desk)
@require_POST
def bulk_create(request):
    """Queue a ZIP of what the list currently selects (its filters travel in the query string)."""
    form, certificates = _desk_selection(request)
    back = f"{reverse('certificates:desk')}?{_query_without_page(request)}"
    if form.errors:
        messages.error(request, _("Correct the filters before downloading."))
        return redirect(back)
    try:
        bulk = services.bulk_download_request(by=request.user, certificates=certificates,
                                              description=_query_without_page(request))
    except ValidationError as exc:
        return refused(request, exc, back)
    return redirect("certificates:bulk_detail", bulk_id=bulk.pk)


def _bulk_link(bulk: BulkDownload) -> str:
    if not bulk.downloadable:
        return ""
    return f"{reverse('certificates:bulk_download', args=[bulk.pk])}?token={services.bulk_link_token(bulk)}"


@rule_required(may_use_desk)
@require_GET
def bulk_detail(request, bulk_id: int):
    bulk = selectors.bulk_download_for(user=request.user, bulk_id=bulk_id)
    return render(request, "certificates/bulk_detail.html", {
        "bulk": bulk, "link_hours": settings.CERTIFICATE_BULK_LINK_HOURS,
        "download_url": _bulk_link(bulk),
    })


@rule_required(may_use_desk)
@require_GET
@never_cache
def bulk_status(request, bulk_id: int):
    bulk = selectors.bulk_download_for(user=request.user, bulk_id=bulk_id)
    return JsonResponse({
        "state": "expired" if bulk.state == JobState.READY and bulk.expired else bulk.state,
        "done": bulk.done, "total": bulk.total, "error": bulk.error,
        "download_url": _bulk_link(bulk),
    })


@rule_required(may_use_desk)
@require_GET
def bulk_download(request, bulk_id: int):
    bulk = selectors.bulk_download_for(user=request.user, bulk_id=bulk_id)
    if not (bulk.downloadable and services.bulk_link_valid(bulk, request.GET.get("token", ""))):
        return render(request, "certificates/link_expired.html", status=410)
    return FileResponse(bulk.file.open("rb"), as_attachment=True, filename=f"certificates-{bulk.pk}.zip",
                        content_type="application/zip")


@rule_required(may_use_desk)
@require_GET
def dashboard(request):
    department = selectors.dashboard_agency(user=request.user, chosen=request.GET.get("agency", ""))
    end = timezone.localdate()
    start = (end.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    figures = selectors.agency_figures(department=department, start=start, end=end)
    certificates = selectors.certificates_visible_to(request.user)
    if department:
        certificates = certificates.filter(department=department)
    return render(request, "certificates/dashboard.html", {
        "figures": figures,
        "departments": selectors.departments_visible_to(request.user) if is_administrator(request.user) else None,
        "department": department, "statuses": selectors.status_counts(certificates), **figure_charts(figures),
    })


@rule_required(may_use_desk)
def agency_report_new(request):
    form = AgencyReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.agency_report_request(
                department=form.cleaned_data["agency"], start=form.cleaned_data["period_start"],
                end=form.cleaned_data["period_end"], by=request.user)
        except ValidationError as exc:
            return refused(request, exc, lambda status: render(
                request, "certificates/agency_report_form.html", {"form": form}, status=status), form=form)
        return redirect("certificates:report_detail", report_id=report.pk)
    return render(request, "certificates/agency_report_form.html", {"form": form},
                  status=400 if form.errors else 200)
