"""The read-only API for agencies' HR systems: certificates with filters, one certificate and its PDF, a code.

Every request carries `Authorization: Bearer <token>`; a token reads what its user may read on the HR desk."""
import functools
from datetime import timedelta

from django.core.paginator import Paginator
from django.http import FileResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors
from .forms import CertificateFilterForm
from .models import ApiToken, Certificate, JobState
from .services import api_token_hash

PAGE_SIZE = 100


def _token_user(request):
    scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=api_token_hash(raw.strip()), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active or not selectors.may_use_desk(token.user):
        return None
    now = timezone.now()
    if not token.last_used_at or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.api_user = _token_user(request)
        if request.api_user is None:
            response = JsonResponse({"detail": "A valid API token is required."}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="certificates"'
            return response
        return view(request, *args, **kwargs)

    return require_GET(never_cache(wrapped))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def certificate_data(request, certificate: Certificate) -> dict:
    return {
        "number": certificate.number,
        "status": certificate.status,
        "holder": {"name_th": certificate.holder_name_th, "name_en": certificate.holder_name_en},
        "agency": {"id": certificate.department_id,
                   "name_th": certificate.department.name_th if certificate.department else "",
                   "name_en": certificate.department.name_en if certificate.department else ""},
        "unit": {"code": certificate.unit_code, "title_th": certificate.unit_title_th,
                 "title_en": certificate.unit_title_en, "revision_number": certificate.unit_revision_number,
                 "revision_year_be": certificate.unit_revision_year_be},
        "criteria": certificate.criteria,
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        "revocation_reason": certificate.revocation_reason,
        "replaces": certificate.replaces.number if certificate.replaces_id else None,
        "verification_url": certificate.verification_url(),
        "pdf": {"state": certificate.render_state,
                "url": _absolute(request, reverse("certificates:api_certificate_pdf", args=[certificate.number]))},
    }


@token_required
def certificate_list(request):
    form = CertificateFilterForm(request.GET, user=request.api_user)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    certificates = selectors.certificates_filtered(
        selectors.certificates_visible_to(request.api_user).select_related("replaces"), **form.filters())
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return _absolute(request, f"{request.path}?{params.urlencode()}")

    return JsonResponse({
        "count": page.paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [certificate_data(request, certificate) for certificate in page],
    }, json_dumps_params={"ensure_ascii": False})


def _visible(request, number: str) -> Certificate | None:
    return selectors.certificates_visible_to(request.api_user).select_related("replaces").filter(number=number).first()


@token_required
def certificate_detail(request, number: str):
    certificate = _visible(request, number)
    if certificate is None:
        return JsonResponse({"detail": "Not found."}, status=404)
    return JsonResponse(certificate_data(request, certificate), json_dumps_params={"ensure_ascii": False})


@token_required
def certificate_pdf(request, number: str):
    certificate = _visible(request, number)
    if certificate is None:
        return JsonResponse({"detail": "Not found."}, status=404)
    if certificate.render_state != JobState.READY:
        return JsonResponse({"detail": "The PDF is not ready.", "state": certificate.render_state}, status=409)
    return FileResponse(certificate.pdf.open("rb"), as_attachment=True, filename=f"{certificate.number}.pdf",
                        content_type="application/pdf")


@token_required
def verify(request, code: str):
    """What the public verification page shows, as data."""
    result = selectors.verification(code)
    certificate = result.certificate
    body = {"result": result.result}
    if certificate:
        body.update({
            "number": certificate.number,
            "holder": {"name_th": certificate.holder_name_th, "name_en": certificate.holder_name_en},
            "unit": {"code": certificate.unit_code, "title_th": certificate.unit_title_th,
                     "title_en": certificate.unit_title_en, "revision_number": certificate.unit_revision_number},
            "issued_on": certificate.issued_on.isoformat(),
            "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
            "revoked_on": timezone.localdate(certificate.revoked_at).isoformat() if certificate.revoked_at else None,
        })
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
