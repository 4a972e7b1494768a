"""Django admin for cases: read their transitions, and allocate assessors until the allocation screens exist."""
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
    model = Allocation
    extra = 0
    fields = ("assessor", "active", "assigned_by", "assigned_at")
    readonly_fields = ("assigned_by", "assigned_at")
    autocomplete_fields = ("assessor",)


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

    def save_formset(self, request, form, formset, change):
        for allocation in formset.save(commit=False):
            if isinstance(allocation, Allocation) and allocation.assigned_by_id is None:
                allocation.assigned_by = request.user
            allocation.save()
        formset.save_m2m()
