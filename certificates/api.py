"""The read-only API for agencies' HR systems: certificates with filters, one certificate and its PDF, a code.

Every request carries `Authorization: Bearer <token>`; a token reads what its user may read on the HR desk. Built on
Django REST Framework, described by an OpenAPI 3 schema (drf-spectacular) at /api/v1/schema/, shown at /api/v1/docs/.
"""
import datetime

from django.core.cache import caches
from django.core.paginator import Paginator
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions, generics, serializers
from rest_framework.authentication import BaseAuthentication
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from . import selectors
from .forms import CertificateFilterForm
from .models import ApiToken, Certificate, JobState
from .services import api_token_hash

PAGE_SIZE = 100
# Machine-read answers, in English whatever the client's language, as they always were.
TOKEN_REQUIRED = "A valid API token is required."
NOT_FOUND = "Not found."
PDF_NOT_READY = "The PDF is not ready."


# --- Who is asking, and how often ----------------------------------------------------------------------------


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>`, checked against the stored hash; the token's user must still use the desk."""

    def authenticate(self, request):
        scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
        if not scheme and not raw:
            return None
        if scheme.lower() != "bearer" or not raw.strip():
            raise exceptions.AuthenticationFailed(TOKEN_REQUIRED)
        token = (ApiToken.objects.select_related("user")
                 .filter(key_hash=api_token_hash(raw.strip()), revoked_at__isnull=True).first())
        if token is None or not token.user.is_active or not selectors.may_use_desk(token.user):
            raise exceptions.AuthenticationFailed(TOKEN_REQUIRED)
        now = timezone.now()
        # Written at most once a minute: a busy HR system should not turn every read into a write.
        if not token.last_used_at or now - token.last_used_at > datetime.timedelta(minutes=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="certificates"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "A token an administrator issues to the agency's HR system."}


class PerTokenThrottle(SimpleRateThrottle):
    """Each token's requests per period, counted in the cache every web process shares."""

    scope = "hr_api"

    @property
    def cache(self):
        return caches["throttle"]

    def get_rate(self):
        # Read at each request rather than once at import, so the rate follows the settings.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        # The hash, not the row's id: ids restart with a new database, the shared cache outlives it.
        return self.cache_format % {"scope": self.scope, "ident": request.auth.key_hash}


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """Answer JSON (or the PDF) whatever `Accept` says, as the API always has: HR systems send all sorts."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@method_decorator(never_cache, name="dispatch")
class HrApiView(APIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [PerTokenThrottle]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreClientContentNegotiation
    http_method_names = ["get"]

    def initial(self, request, *args, **kwargs):
        # A method the API does not offer is refused before the token is read, as it always was.
        if request.method.lower() not in self.http_method_names:
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def permission_denied(self, request, message=None, code=None):
        # The only permission is holding a token: a refusal means there was none.
        raise exceptions.NotAuthenticated(TOKEN_REQUIRED)


# --- What the answers hold ------------------------------------------------------------------------------------


class UtcDateTimeField(serializers.DateTimeField):
    """An instant in UTC as `…+00:00`, the form the API has always written."""

    def to_representation(self, value):
        return value.astimezone(datetime.UTC).isoformat() if value else None


class LocalDateField(serializers.DateField):
    """The day an instant falls on in the portal's time zone."""

    def to_representation(self, value):
        return timezone.localdate(value).isoformat() if value else None


class HolderSerializer(serializers.Serializer):
    name_th = serializers.CharField(source="holder_name_th", read_only=True)
    name_en = serializers.CharField(source="holder_name_en", read_only=True)


class AgencySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="department_id", read_only=True, allow_null=True)
    name_th = serializers.CharField(source="department.name_th", read_only=True, default="")
    name_en = serializers.CharField(source="department.name_en", read_only=True, default="")


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField(source="unit_code", read_only=True)
    title_th = serializers.CharField(source="unit_title_th", read_only=True)
    title_en = serializers.CharField(source="unit_title_en", read_only=True)
    revision_number = serializers.IntegerField(source="unit_revision_number", read_only=True)


class IssuedUnitSerializer(UnitSerializer):
    revision_year_be = serializers.IntegerField(source="unit_revision_year_be", read_only=True)


class CriterionSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    system_id = serializers.IntegerField(read_only=True)
    text_th = serializers.CharField(read_only=True)
    text_en = serializers.CharField(read_only=True)


@extend_schema_field(CriterionSerializer(many=True))
class CriteriaField(serializers.JSONField):
    """The criteria achieved, as copied onto the certificate when it was issued."""


class PdfSerializer(serializers.Serializer):
    state = serializers.ChoiceField(source="render_state", choices=JobState.choices, read_only=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, certificate) -> str:
        path = reverse("certificates:api_certificate_pdf", args=[certificate.number])
        return self.context["request"].build_absolute_uri(path)


class CertificateSerializer(serializers.Serializer):
    number = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Certificate.Status.choices, read_only=True)
    holder = HolderSerializer(source="*", read_only=True)
    agency = AgencySerializer(source="*", read_only=True)
    unit = IssuedUnitSerializer(source="*", read_only=True)
    criteria = CriteriaField(read_only=True)
    issued_on = serializers.DateField(read_only=True)
    expires_on = serializers.DateField(read_only=True, allow_null=True)
    revoked_at = UtcDateTimeField(read_only=True, allow_null=True)
    revocation_reason = serializers.CharField(read_only=True)
    suspended_until = serializers.DateField(source="suspended_through", read_only=True, allow_null=True,
                                            help_text="The last day of the suspension in force; null when none is.")
    suspension_reason = serializers.SerializerMethodField()
    replaces = serializers.CharField(source="replaces.number", read_only=True, default=None, allow_null=True)
    verification_url = serializers.URLField(read_only=True)
    pdf = PdfSerializer(source="*", read_only=True)

    def get_suspension_reason(self, certificate) -> str:
        """Why the certificate is suspended; empty when it is not."""
        return certificate.suspension_reason if certificate.suspended_through else ""


class VerificationSerializer(serializers.Serializer):
    """What the public verification page shows; only `result` when the code matches no certificate."""

    result = serializers.ChoiceField(choices=["valid", "suspended", "expired", "revoked", "unknown"], read_only=True)
    number = serializers.CharField(source="certificate.number", required=False)
    holder = HolderSerializer(source="certificate", required=False)
    unit = UnitSerializer(source="certificate", required=False)
    issued_on = serializers.DateField(source="certificate.issued_on", required=False)
    expires_on = serializers.DateField(source="certificate.expires_on", required=False, allow_null=True)
    revoked_on = LocalDateField(source="certificate.revoked_at", required=False, allow_null=True)
    suspended_until = serializers.DateField(source="certificate.suspended_through", required=False, allow_null=True)

    def to_representation(self, verification):
        if verification.certificate is None:
            return {"result": verification.result}
        return super().to_representation(verification)


class Pages(PageNumberPagination):
    """A hundred to a page; a page number out of range gives the last page and a bad one the first, as always."""

    page_size = PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page = Paginator(queryset, self.page_size).get_page(request.query_params.get(self.page_query_param))
        return list(self.page)

    def _link(self, number: int) -> str:
        params = self.request.GET.copy()
        params[self.page_query_param] = number
        return self.request.build_absolute_uri(f"{self.request.path}?{params.urlencode()}")

    def get_next_link(self):
        return self._link(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self):
        return self._link(self.page.previous_page_number()) if self.page.has_previous() else None


# --- The answers a client must expect besides success, for the schema ---------------------------------------

_Detail = inline_serializer("Detail", {"detail": serializers.CharField()})
_REFUSALS = {
    401: OpenApiResponse(_Detail, description="No token, or one that is wrong, revoked or whose user left the desk."),
    429: OpenApiResponse(_Detail, description="Too many requests with this token; `Retry-After` says when to retry."),
}
_NOT_FOUND = {404: OpenApiResponse(_Detail, description="No such certificate among those the token may read.")}
_FILTER_ERRORS = inline_serializer("FilterErrors", {
    "errors": serializers.DictField(child=serializers.ListField(child=inline_serializer("FilterError", {
        "message": serializers.CharField(), "code": serializers.CharField()}))),
})
_FILTERS = [
    OpenApiParameter("agency", OpenApiTypes.INT, description="An agency's id (an HR officer's own agency only)."),
    OpenApiParameter("issued_from", OpenApiTypes.DATE, description="Issued on or after this day."),
    OpenApiParameter("issued_to", OpenApiTypes.DATE, description="Issued on or before this day."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=Certificate.Status.values),
    OpenApiParameter("name", OpenApiTypes.STR, description="Part of the holder's name, or the certificate's number."),
]
# The filter names the schema lists, checked against the desk's form in the tests so the two cannot drift.
FILTER_NAMES = [parameter.name for parameter in _FILTERS]


# --- The endpoints -----------------------------------------------------------------------------------------


def _visible(request, number: str) -> Certificate | None:
    return (selectors.certificates_visible_to(request.user).select_related("replaces", "department")
            .filter(number=number).first())


class CertificateList(HrApiView, generics.GenericAPIView):
    serializer_class = CertificateSerializer
    pagination_class = Pages

    @extend_schema(operation_id="certificates_list", parameters=_FILTERS,
                   responses={200: CertificateSerializer(many=True),
                              400: OpenApiResponse(_FILTER_ERRORS, description="A filter is not valid."),
                              **_REFUSALS})
    def get(self, request):
        """The certificates the token may read, newest first, with the HR desk's filters."""
        form = CertificateFilterForm(request.query_params, user=request.user, iso_dates=True)
        if not form.is_valid():
            return Response({"errors": form.errors.get_json_data()}, status=400)
        certificates = selectors.certificates_filtered(
            selectors.certificates_visible_to(request.user).select_related("replaces", "department"), **form.filters())
        page = self.paginate_queryset(certificates)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CertificateDetail(HrApiView):
    @extend_schema(operation_id="certificates_retrieve",
                   responses={200: CertificateSerializer, **_NOT_FOUND, **_REFUSALS})
    def get(self, request, number: str):
        """One certificate by its number."""
        certificate = _visible(request, number)
        if certificate is None:
            return Response({"detail": NOT_FOUND}, status=404)
        return Response(CertificateSerializer(certificate, context={"request": request}).data)


class CertificatePdf(HrApiView):
    @extend_schema(operation_id="certificates_pdf", responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The certificate as PDF."),
        **_NOT_FOUND,
        409: OpenApiResponse(inline_serializer("PdfNotReady", {
            "detail": serializers.CharField(),
            "state": serializers.ChoiceField(choices=JobState.choices),
        }), description="The PDF is still being made, or failed; `state` says which."),
        **_REFUSALS,
    })
    def get(self, request, number: str):
        """The certificate's PDF, once it is made."""
        certificate = _visible(request, number)
        if certificate is None:
            return Response({"detail": NOT_FOUND}, status=404)
        if certificate.render_state != JobState.READY:
            return Response({"detail": PDF_NOT_READY, "state": certificate.render_state}, status=409)
        return FileResponse(certificate.pdf.open("rb"), as_attachment=True, filename=f"{certificate.number}.pdf",
                            content_type="application/pdf")


class Verify(HrApiView):
    @extend_schema(operation_id="verify", responses={200: VerificationSerializer, **_REFUSALS})
    def get(self, request, code: str):
        """What the public verification page shows for a code, as data."""
        return Response(VerificationSerializer(selectors.verification(code)).data)


class Docs(SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files, its start-up script a file too, as the site's CSP requires."""

    template_name = "certificates/api_docs.html"
    title = _("Certificates API for HR systems")
