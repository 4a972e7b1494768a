"""Admin building blocks shared by the apps."""
from django.contrib import admin


class ViewOnlyAdmin(admin.ModelAdmin):
    """Records the portal's own flows write: the admin may look, not add or change."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RecordAdmin(ViewOnlyAdmin):
    """A record of what happened in an assessment: looked at, never added, changed or deleted in the admin."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
