"""Django admin for evidence: read-only, for administrators answering a candidate's question."""
from django.contrib import admin

from core.admin import RecordAdmin

from .models import EvidenceFile, EvidenceItem, EvidenceMapping


class EvidenceMappingInline(admin.TabularInline):
    model = EvidenceMapping
    extra = 0


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    fields = ("original_name", "content_type", "size", "sha256", "version", "is_current", "uploaded_at")
    readonly_fields = fields


@admin.register(EvidenceItem)
class EvidenceItemAdmin(RecordAdmin):
    list_display = ("title", "case", "kind", "added_in_round", "created_at")
    # Newest first along the primary key: ordering by created_at sorted a million rows for every page.
    ordering = ("-pk",)
    # One count of the table per page, not two: each takes a tenth of a second at a million rows.
    show_full_result_count = False
    list_filter = ("kind",)
    search_fields = ("title", "case__candidate__username")
    readonly_fields = ("case", "title", "description", "kind", "work_date", "added_in_round")
    inlines = [EvidenceMappingInline, EvidenceFileInline]
