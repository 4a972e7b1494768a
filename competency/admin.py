"""Standards editing in the Django admin: a unit revision with its elements, criteria and sections inline."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from core.refusals import refusal_text, refused

from .models import Element, PerformanceCriterion, RubricLevel, Unit, UnitStatement
from .services import unit_assert_editable, unit_publish, unit_revision_create


class PublishedRevisionGuardForm(forms.ModelForm):
    """Refuses a save that would change a revision other than a draft."""

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed():
            return cleaned
        if isinstance(self.instance, Unit):
            touched = {self.instance.pk}
        else:
            # Both the revision the record belongs to now and the one it would move to must be drafts.
            target = cleaned.get("unit") or getattr(self.instance, "unit", None)
            stored = type(self.instance).objects.filter(pk=self.instance.pk).values_list("unit_id", flat=True)
            touched = {getattr(target, "pk", None), *stored}
        for unit in Unit.objects.filter(pk__in=[pk for pk in touched if pk]):
            unit_assert_editable(unit)
        return cleaned


class PublishedRevisionGuardFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        changed = any(form.has_changed() for form in self.forms) or self.deleted_forms
        if changed and self.instance.pk and not Unit.objects.get(pk=self.instance.pk).is_editable:
            unit_assert_editable(self.instance)


class UnitChildInline(admin.TabularInline):
    form = PublishedRevisionGuardForm
    formset = PublishedRevisionGuardFormSet
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("text_th", "text_en"):
            field.widget = forms.Textarea(attrs={"rows": 2, "cols": 50})
        return field


class ElementInline(UnitChildInline):
    model = Element
    fields = ("order", "code", "title_th", "title_en")


class PerformanceCriterionInline(UnitChildInline):
    model = PerformanceCriterion
    fk_name = "unit"
    fields = ("order", "element", "code", "system_id", "text_th", "text_en")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "element":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Element.objects.filter(unit_id=object_id) if object_id else Element.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class UnitStatementInline(UnitChildInline):
    model = UnitStatement
    fields = ("section", "order", "text_th", "text_en")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    form = PublishedRevisionGuardForm
    change_form_template = "admin/competency/unit/change_form.html"
    list_display = ("code", "revision_number", "revision_year_be", "state", "title_th", "published_at")
    list_filter = ("state", "code")
    search_fields = ("code", "title_th", "title_en")
    readonly_fields = ("state", "published_at", "previous_revision", "case_identifier", "last_changed_at")
    inlines = [ElementInline, PerformanceCriterionInline, UnitStatementInline]
    actions = ["create_next_revision", "publish_revision"]
    fieldsets = (
        (None, {"fields": ("code", ("revision_number", "revision_year_be"), "state", "previous_revision")}),
        (_("Titles"), {"fields": ("title_th", "title_en", "family_th", "family_en")}),
        (
            _("Details"),
            {
                "fields": (
                    ("document_status_th", "document_status_en"),
                    "occupation_codes",
                    "description_th",
                    "description_en",
                    "qualification_level",
                    ("sector_th", "sector_en"),
                    "other_occupations",
                    ("regulation_th", "regulation_en"),
                    "shared_units",
                    "shared_industries",
                    "assessment_method_th",
                    "assessment_method_en",
                )
            },
        ),
        (_("Record"), {"fields": ("published_at", "last_changed_at", "case_identifier")}),
    )

    def has_delete_permission(self, request, obj=None):
        # Published revisions are the record of what was assessed; only drafts may be thrown away.
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_editable)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/create-revision/",
                self.admin_site.admin_view(require_POST(self.create_revision_view)),
                name="competency_unit_create_revision",
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(require_POST(self.publish_view)),
                name="competency_unit_publish",
            ),
        ]
        return own + super().get_urls()

    def _unit_for_change(self, request, object_id) -> Unit:
        unit = get_object_or_404(Unit, pk=object_id)
        if not self.has_change_permission(request, unit):
            raise PermissionDenied
        return unit

    def create_revision_view(self, request, object_id):
        unit = self._unit_for_change(request, object_id)
        try:
            draft = unit_revision_create(unit=unit, by=request.user)
        except ValidationError as exc:
            return refused(request, exc, reverse("admin:competency_unit_change", args=[unit.pk]))
        self.message_user(request, _("Draft %(unit)s created: edit it, then publish it.") % {"unit": draft}, messages.SUCCESS)
        return redirect(reverse("admin:competency_unit_change", args=[draft.pk]))

    def publish_view(self, request, object_id):
        unit = self._unit_for_change(request, object_id)
        try:
            unit_publish(unit=unit, by=request.user)
        except ValidationError as exc:
            return refused(request, exc, reverse("admin:competency_unit_change", args=[unit.pk]))
        self.message_user(request, _("%(unit)s is published.") % {"unit": unit}, messages.SUCCESS)
        return redirect(reverse("admin:competency_unit_change", args=[unit.pk]))

    @admin.action(description=_("Create the next revision (a draft copy)"), permissions=["change"])
    def create_next_revision(self, request, queryset):
        for unit in queryset:
            try:
                draft = unit_revision_create(unit=unit, by=request.user)
            except ValidationError as exc:
                self.message_user(request, refusal_text(exc), messages.ERROR)
            else:
                self.message_user(request, _("Draft %(unit)s created.") % {"unit": draft}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected draft revisions"), permissions=["change"])
    def publish_revision(self, request, queryset):
        for unit in queryset:
            try:
                unit_publish(unit=unit, by=request.user)
            except ValidationError as exc:
                self.message_user(request, refusal_text(exc), messages.ERROR)
            else:
                self.message_user(request, _("%(unit)s is published.") % {"unit": unit}, messages.SUCCESS)


class UnitChildAdmin(SimpleHistoryAdmin):
    """The per-record pages, where each element, criterion or statement shows its own history."""

    form = PublishedRevisionGuardForm
    list_filter = ("unit__code", "unit__revision_number")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.unit.is_editable)


@admin.register(Element)
class ElementAdmin(UnitChildAdmin):
    list_display = ("code", "title_th", "unit")


class RubricLevelGuardForm(forms.ModelForm):
    """A rubric is part of its revision: published revisions' rubrics do not change either."""

    def clean(self):
        cleaned = super().clean()
        criterion = cleaned.get("criterion") or getattr(self.instance, "criterion", None)
        if criterion is not None and self.has_changed():
            unit_assert_editable(Unit.objects.get(pk=criterion.unit_id))
        return cleaned


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    form = RubricLevelGuardForm
    extra = 0
    fields = ("score", "label_th", "label_en", "descriptor_th", "descriptor_en", "counts_as_competent")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.unit.is_editable)


@admin.register(PerformanceCriterion)
class PerformanceCriterionAdmin(UnitChildAdmin):
    list_display = ("code", "system_id", "text_th", "unit")
    search_fields = ("code", "system_id", "text_th", "text_en")
    inlines = [RubricLevelInline]


@admin.register(UnitStatement)
class UnitStatementAdmin(UnitChildAdmin):
    list_display = ("section", "order", "text_th", "unit")
    list_filter = ("section", "unit__code", "unit__revision_number")
