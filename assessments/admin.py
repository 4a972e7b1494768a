"""Django admin for cases: read a case, its transitions and its allocations; changes go through the services."""
from django.contrib import admin

from .models import Allocation, AssessmentCase, CaseTransition


class CaseTransitionInline(admin.TabularInline):
    model = CaseTransition
    extra = 0
    can_delete = False
    readonly_fields = ("from_state", "to_state", "by", "at", "reason")

    def has_add_permission(self, request, obj=None):
        return False


class AllocationInline(admin.TabularInline):
    """Allocations to read only: allocating checks the agency and second-marker rules on the allocation screen."""

    model = Allocation
    extra = 0
    can_delete = False
    fields = ("assessor", "marking", "active", "assigned_by", "assigned_at", "override_reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AssessmentCase)
class AssessmentCaseAdmin(admin.ModelAdmin):
    list_display = ("id", "candidate", "unit_code", "state", "round", "created_at", "submitted_at")
    # Newest first along the primary key: ordering by created_at sorted every case for every page.
    ordering = ("-pk",)
    show_full_result_count = False
    list_filter = ("state", "unit_code")
    search_fields = ("candidate__username", "candidate__first_name_th", "candidate__last_name_th")
    # State changes go through the services only, so that every move is recorded.
    readonly_fields = ("candidate", "unit", "unit_code", "state", "round", "summary", "created_at", "submitted_at")
    inlines = [AllocationInline, CaseTransitionInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
