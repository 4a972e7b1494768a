"""Django admin for people and agencies."""
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, ExternalIdentity, LinkInvitation, Ministry, SignInEvent, User


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


@admin.register(LinkInvitation)
class LinkInvitationAdmin(admin.ModelAdmin):
    """An administrator invites one person to link their ThaID sign-in; the code is shown once, on saving."""

    list_display = ("user", "created_by", "created_at", "expires_at", "used_at")
    raw_id_fields = ("user",)
    fields = ("user",)

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from django.urls import reverse

        from .identity import link_invitation_create

        invitation, code = link_invitation_create(user=form.cleaned_data["user"], by=request.user)
        obj.pk = invitation.pk
        messages.success(request, _("Give this invitation code to %(person)s, once: %(code)s (sign in with ThaID at "
                                    "%(url)s and enter it).") % {
            "person": invitation.user, "code": code, "url": request.build_absolute_uri(reverse("accounts:login"))})


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Linked sign-ins; deleting one unlinks it, so the person can link a new one."""

    list_display = ("user", "provider", "linked_via", "linked_at")
    list_filter = ("provider", "linked_via")
    readonly_fields = ("user", "provider", "subject", "national_id_digest", "linked_via", "linked_at")

    def has_add_permission(self, request):
        return False


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "provider", "outcome", "reason", "assurance_level", "multi_factor", "ip_address")
    list_filter = ("provider", "outcome", "reason")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
