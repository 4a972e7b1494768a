"""Appeals and complaints in Django's admin: read only, since every change goes through the services."""
from django.contrib import admin

from core.admin import RecordAdmin

from .models import Appeal, CaseEvent, Complaint


@admin.register(Appeal)
class AppealAdmin(RecordAdmin):
    list_display = ["case", "criterion", "status", "panel_member", "lodged_at", "decided_at"]
    list_filter = ["status"]


@admin.register(Complaint)
class ComplaintAdmin(RecordAdmin):
    list_display = ["case", "status", "raised_at", "answered_at"]
    list_filter = ["status"]


@admin.register(CaseEvent)
class CaseEventAdmin(RecordAdmin):
    list_display = ["case", "kind", "by", "at"]
    list_filter = ["kind"]
