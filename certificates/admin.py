"""Django admin for certificates: the signatory, certificates (read-only, re-render), jobs and API tokens."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import ApiToken, BulkDownload, Certificate, Report, Signatory, Suspension


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    list_display = ("name_th", "position_th", "is_active", "created_at")

    def save_model(self, request, obj, form, change):
        services.signatory_save(obj)


class SuspensionInline(admin.TabularInline):
    """The certificate's suspensions, as recorded by the desk: read here, never changed."""

    model = Suspension
    extra = 0
    fields = readonly_fields = ("suspended_at", "suspended_by", "ends_on", "reason", "reinstated_at", "reinstated_by",
                                "reinstatement_note")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    inlines = [SuspensionInline]
    list_display = ("number", "holder_name_th", "department", "issued_on", "expires_on", "revoked_at", "render_state")
    # The agency may be empty, so the admin would not join it by itself: one query per row otherwise.
    list_select_related = ("department",)
    # One count of the table per page, not two.
    show_full_result_count = False
    list_filter = ("render_state", "year_be", "department")
    search_fields = ("number", "holder_name_th", "holder_name_en")
    actions = ["rerender"]
    # Certificates change only through the services (issue, revoke, suspend, reissue), which keep numbering and
    # history.
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Render the PDF again"))
    def rerender(self, request, queryset):
        for certificate in queryset:
            services.certificate_rerender(certificate=certificate)
        self.message_user(request, ngettext("%(count)d certificate will be rendered again.",
                                            "%(count)d certificates will be rendered again.",
                                            queryset.count()) % {"count": queryset.count()})


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "case", "department", "period_start", "period_end", "state", "created_at")
    list_filter = ("kind", "state")
    readonly_fields = [field.name for field in Report._meta.fields]
    actions = ["rerender"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Render the report again"))
    def rerender(self, request, queryset):
        for report in queryset:
            services.report_rerender(report=report)
        self.message_user(request, _("The reports will be rendered again."))


@admin.register(BulkDownload)
class BulkDownloadAdmin(admin.ModelAdmin):
    list_display = ("pk", "requested_by", "total", "done", "state", "created_at", "expires_at")
    list_filter = ("state",)
    readonly_fields = [field.name for field in BulkDownload._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    fields = ("name", "user", "revoked_at")
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        token, raw = services.api_token_create(user=obj.user, name=obj.name)
        obj.pk = token.pk
        messages.warning(request, _("Copy this token now; it will not be shown again: %(token)s") % {"token": raw})
