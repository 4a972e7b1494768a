"""Django admin for evidence: read-only, for administrators answering a candidate's question."""
from django.contrib import admin

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
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ("title", "case", "kind", "added_in_round", "created_at")
    list_filter = ("kind",)
    search_fields = ("title", "case__candidate__username")
    readonly_fields = ("case", "title", "description", "kind", "work_date", "added_in_round")
    inlines = [EvidenceMappingInline, EvidenceFileInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
