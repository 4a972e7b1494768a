"""Django admin for people and agencies."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Ministry, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ("username", "full_name_th", "full_name_en", "department", "is_staff", "is_active")
    # The agency may be empty, so the admin would not join it by itself: one query per row otherwise.
    list_select_related = ("department",)
    list_filter = ("groups", "is_staff", "is_active", "department__ministry")
    search_fields = ("username", "email", "first_name_th", "last_name_th", "first_name_en", "last_name_en")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Name"),
            {
                "fields": (
                    ("name_prefix_th", "first_name_th", "last_name_th"),
                    ("name_prefix_en", "first_name_en", "last_name_en"),
                )
            },
        ),
        (_("Work"), {"fields": ("email", "position", "department")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "first_name_th", "last_name_th", "password1", "password2"),
            },
        ),
    )


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Ministry)
class MinistryAdmin(admin.ModelAdmin):
    list_display = ("name_th", "name_en")
    search_fields = ("name_th", "name_en")
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name_th", "name_en", "ministry")
    list_filter = ("ministry",)
    search_fields = ("name_th", "name_en")
