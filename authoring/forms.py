"""Forms of the standards editor: a draft revision's details, elements, criteria, sections and rubric, and an
exam definition with its rules, each laid out Thai beside English."""
from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from competency.models import Element, PerformanceCriterion, RubricLevel, Unit, UnitStatement
from exams.models import KNOWLEDGE_AREA_SECTIONS, DefinitionRule, ExamDefinition

# The unit's bilingual fields, shown as rows of Thai | English; the rest are single-language.
UNIT_PAIRS = (
    ("title", _("Title")),
    ("family", _("Family")),
    ("document_status", _("Document status")),
    ("description", _("Description")),
    ("sector", _("Sector")),
    ("regulation", _("Licensing or regulation")),
    ("assessment_method", _("Assessment method")),
)
UNIT_SINGLES = ("revision_year_be", "occupation_codes", "qualification_level", "other_occupations", "shared_units",
                "shared_industries")


def bootstrap(form):
    """Give every widget Bootstrap's class and mark the invalid ones, for rows laid out by hand."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        # `_errors`, not `errors`: asking for `errors` here would validate the form before a formset adds its fields.
        if name in (form._errors or {}):
            css += " is-invalid"
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = css
    return form


class Bootstrapped:
    """Forms whose widgets carry Bootstrap's classes (see `bootstrap`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def full_clean(self):
        super().full_clean()
        bootstrap(self)


def _textareas(*names, rows=2):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class UnitDetailsForm(Bootstrapped, forms.ModelForm):
    class Meta:
        model = Unit
        fields = [f"{name}_{lang}" for name, _label in UNIT_PAIRS for lang in ("th", "en")] + list(UNIT_SINGLES)
        widgets = _textareas("description_th", "description_en", "assessment_method_th", "assessment_method_en", rows=4)

    def pairs(self):
        """(label, Thai field, English field) for each bilingual field, for the side-by-side layout."""
        for name, label in UNIT_PAIRS:
            yield label, self[f"{name}_th"], self[f"{name}_en"]

    def singles(self):
        return [self[name] for name in UNIT_SINGLES]


class _Rows(BaseInlineFormSet):
    """A formset of table rows whose widgets carry Bootstrap's classes."""

    form = type("RowForm", (Bootstrapped, forms.ModelForm), {})

    def add_fields(self, form, index):
        super().add_fields(form, index)
        bootstrap(form)


class _OfTheRevision(_Rows):
    """Rows whose choices are limited to the revision being edited, so nothing points into another revision."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "element" in form.fields:
            form.fields["element"].queryset = Element.objects.filter(unit=self.instance).order_by("order", "code")


ElementFormSet = inlineformset_factory(
    Unit, Element, formset=_Rows, form=_Rows.form, fields=("order", "code", "title_th", "title_en"), extra=1, can_delete=True,
    widgets=_textareas("title_th", "title_en"),
)
CriterionFormSet = inlineformset_factory(
    Unit, PerformanceCriterion, formset=_OfTheRevision, form=_Rows.form, fk_name="unit",
    fields=("order", "element", "code", "system_id", "text_th", "text_en"), extra=1, can_delete=True,
    widgets=_textareas("text_th", "text_en", rows=3),
)
StatementFormSet = inlineformset_factory(
    Unit, UnitStatement, formset=_Rows, form=_Rows.form, fields=("section", "order", "text_th", "text_en"), extra=1, can_delete=True,
    widgets=_textareas("text_th", "text_en"),
)
RubricLevelFormSet = inlineformset_factory(
    PerformanceCriterion, RubricLevel, formset=_Rows, form=_Rows.form,
    fields=("score", "label_th", "label_en", "descriptor_th", "descriptor_en", "counts_as_competent"),
    extra=1, can_delete=True, widgets=_textareas("descriptor_th", "descriptor_en"),
)


class PublishForm(Bootstrapped, forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the changes and want this revision to be the one new enrolments use."),
        error_messages={"required": _("Tick the box to confirm that you want to publish.")},
    )


class ExamDefinitionForm(Bootstrapped, forms.ModelForm):
    class Meta:
        model = ExamDefinition
        fields = ["title_th", "title_en", "instructions_th", "instructions_en", "item_count", "time_limit_minutes",
                  "pass_mark_percent", "attempts_allowed", "shuffle_items", "shuffle_choices", "is_active"]
        widgets = _textareas("instructions_th", "instructions_en", rows=3)

    def numbers(self):
        return [self[name] for name in ("item_count", "time_limit_minutes", "pass_mark_percent", "attempts_allowed")]

    def switches(self):
        return [self[name] for name in ("shuffle_items", "shuffle_choices", "is_active")]


class _RulesOfTheDefinition(_Rows):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        unit = self.instance.unit
        form.fields["criterion"].queryset = unit.criteria.order_by("order", "code")
        form.fields["criterion"].label_from_instance = lambda c: f"{c.code} {c.text}"
        areas = UnitStatement.objects.filter(unit=unit, section__in=KNOWLEDGE_AREA_SECTIONS)
        form.fields["knowledge_area"].queryset = areas.order_by("section", "order")
        form.fields["knowledge_area"].label_from_instance = lambda s: s.text

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("criterion") and data.get("knowledge_area") and not data.get("DELETE"):
                form.add_error("knowledge_area", _("A rule counts one tag: a criterion or a knowledge area, not both."))


DefinitionRuleFormSet = inlineformset_factory(
    ExamDefinition, DefinitionRule, formset=_RulesOfTheDefinition, form=_Rows.form,
    fields=("order", "criterion", "knowledge_area", "kind", "count"), extra=1, can_delete=True,
)
