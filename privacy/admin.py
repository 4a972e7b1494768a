"""Administrators answer erasure requests: anonymise the person, or refuse with a response."""
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.refusals import refusal_text

from .models import ErasureRequest
from .services import person_anonymise


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "requested_at", "status", "handled_by", "handled_at")
    list_filter = ("status",)
    readonly_fields = ("user", "reason", "requested_at", "status", "handled_by", "handled_at")
    actions = ["anonymise"]

    @admin.action(description=_("Anonymise the selected people"))
    def anonymise(self, request, queryset):
        for erasure in queryset.filter(status=ErasureRequest.Status.PENDING).select_related("user"):
            try:
                person_anonymise(user=erasure.user, by=request.user, erasure=erasure)
            except ValidationError as exc:
                self.message_user(request, refusal_text(exc), messages.ERROR)
            else:
                self.message_user(request, _("Anonymised."), messages.SUCCESS)
