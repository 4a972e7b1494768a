"""Admin views of blueprints and their documents, read-only: candidates change blueprints in the workspace."""
from django.contrib import admin

from core.admin import ViewOnlyAdmin

from .models import Blueprint, BlueprintRender


@admin.register(Blueprint)
class BlueprintAdmin(ViewOnlyAdmin):
    list_display = ("title", "owner", "case", "worked_example_key", "updated_at")
    list_select_related = ("owner", "case")
    search_fields = ("title", "owner__username")


@admin.register(BlueprintRender)
class BlueprintRenderAdmin(ViewOnlyAdmin):
    list_display = ("blueprint", "status", "requested_at", "finished_at", "page_count", "attempts")
    list_filter = ("status",)
    list_select_related = ("blueprint",)
    search_fields = ("blueprint__title", "failure_reason")
