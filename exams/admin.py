"""Admin of the exams app: exam definitions with their rules; items are authored in the portal's bank pages,
sittings scheduled on the coordinator's pages."""
from django.contrib import admin

from core.admin import RecordAdmin

from .models import Accommodation, Attempt, DefinitionRule, ExamDefinition, Seat, Sitting


class DefinitionRuleInline(admin.TabularInline):
    model = DefinitionRule
    extra = 1
    fields = ("order", "criterion", "knowledge_area", "kind", "count")


@admin.register(ExamDefinition)
class ExamDefinitionAdmin(admin.ModelAdmin):
    list_display = ("code", "title_th", "unit", "item_count", "time_limit_minutes", "pass_mark_percent",
                    "attempts_allowed", "opens_at", "closes_at", "is_active")
    list_filter = ("is_active", "unit__code")
    inlines = [DefinitionRuleInline]


@admin.register(Attempt)
class AttemptAdmin(RecordAdmin):
    """Read-only: attempts change only through the exam itself, the deadline task and marking."""

    list_display = ("case", "definition", "number", "status", "started_at", "deadline", "submitted_at",
                    "closed_by", "percent", "passed", "released_at")
    list_filter = ("status", "closed_by", "definition")


@admin.register(Accommodation)
class AccommodationAdmin(RecordAdmin):
    """Read-only: coordinators grant and withdraw accommodations on their own page, which keeps the history."""

    list_display = ("case", "definition", "extra_minutes", "extra_percent", "window_opens_at", "window_closes_at",
                    "granted_by", "granted_at", "withdrawn_at")
    list_filter = ("definition",)


class SeatInline(admin.TabularInline):
    model = Seat
    fields = ("case", "seated_by", "seated_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Sitting)
class SittingAdmin(RecordAdmin):
    """Read-only: coordinators schedule sittings and seat candidates on their own pages, which check the rules."""

    list_display = ("name_th", "definition", "opens_at", "admission_minutes", "created_by", "created_at")
    list_filter = ("definition",)
    inlines = [SeatInline]
