"""The standards editor's pages: revisions at a glance, a draft edited Thai beside English, its changes, publishing,
and exam definitions with their rules."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import may_author, rule_required
from assessments.selectors import open_cases_per_revision
from competency.models import PerformanceCriterion, Unit, rubric_for
from competency.selectors import (
    revision_changes,
    revision_for_editor,
    revisions_for_editor,
    unit_current,
    unit_revisions,
)
from competency.services import (
    RevisionLocked,
    criterion_rubric_from_default,
    criterion_rubric_save,
    revision_edit,
    unit_assert_editable,
    unit_publish,
    unit_revision_create,
)
from core.refusals import refused
from exams.models import ExamDefinition
from exams.services import definition_update

from .forms import (
    CriterionFormSet,
    DefinitionRuleFormSet,
    ElementFormSet,
    ExamDefinitionForm,
    PublishForm,
    RubricLevelFormSet,
    StatementFormSet,
    UnitDetailsForm,
)

author_required = rule_required(may_author)


@author_required
@require_safe
def index(request):
    units: dict[str, list[Unit]] = {}
    for revision in revisions_for_editor():
        units.setdefault(revision.code, []).append(revision)
    rows = []
    for code, revisions in units.items():
        pinned = open_cases_per_revision(code=code)
        for revision in revisions:
            revision.open_cases = pinned.get(revision.pk, 0)
        rows.append({
            "code": code,
            "revisions": revisions,
            "draft": next((r for r in revisions if r.state == Unit.State.DRAFT), None),
            "current": next((r for r in revisions if r.state == Unit.State.PUBLISHED), None),
            "definitions": ExamDefinition.objects.filter(unit__code=code).select_related("unit").order_by("code"),
        })
    return render(request, "authoring/index.html", {"units": rows})


@author_required
@require_POST
def revision_open(request, code: str):
    current = unit_revisions(code=code).first()
    if current is None:
        return redirect("authoring:index")
    try:
        draft = unit_revision_create(unit=current, by=request.user)
    except ValidationError as exc:
        return refused(request, exc, "authoring:index")
    messages.success(request, _("Draft %(unit)s opened: edit it, check the changes, then publish it.") % {"unit": draft})
    return redirect("authoring:revision", unit_id=draft.pk)


def _revision_forms(unit, data=None):
    forms = {
        "details": UnitDetailsForm(data, instance=unit),
        "elements": ElementFormSet(data, instance=unit, prefix="elements"),
        "criteria": CriterionFormSet(data, instance=unit, prefix="criteria"),
        "statements": StatementFormSet(data, instance=unit, prefix="statements"),
    }
    if not unit.is_editable:
        # Each field is disabled rather than a whole fieldset, so the table boxes still take keyboard focus to
        # scroll on a phone (inside a disabled fieldset nothing may).
        for form in [forms["details"], *forms["elements"], *forms["criteria"], *forms["statements"]]:
            for field in form.fields.values():
                field.disabled = True
    return forms


@author_required
@require_http_methods(["GET", "POST"])
def revision(request, unit_id: int):
    unit = revision_for_editor(unit_id=unit_id)
    forms = _revision_forms(unit, request.POST if request.method == "POST" else None)

    def page(status=200):
        return render(request, "authoring/revision.html", {
            "unit": unit, **forms, "open_cases": open_cases_per_revision(code=unit.code).get(unit.pk, 0),
        }, status=status)

    if request.method == "POST":
        try:
            unit_assert_editable(unit)
        except RevisionLocked as exc:
            return refused(request, exc, page)
        if not all(form.is_valid() for form in forms.values()):
            messages.error(request, _("Nothing was saved: correct the fields marked below."))
            return page(400)
        try:
            revision_edit(unit=unit, by=request.user, **forms)
        except ValidationError as exc:
            forms = _revision_forms(unit, request.POST)
            return refused(request, exc, page)
        messages.success(request, _("Saved. The draft is not yet what anyone is assessed against."))
        return redirect("authoring:revision", unit_id=unit.pk)
    return page()


@author_required
@require_http_methods(["GET", "POST"])
def rubric(request, unit_id: int, criterion_id: int):
    unit = revision_for_editor(unit_id=unit_id)
    criterion = get_object_or_404(PerformanceCriterion, pk=criterion_id, unit=unit)
    levels = RubricLevelFormSet(request.POST if request.method == "POST" else None, instance=criterion, prefix="levels")
    if not unit.is_editable:
        for form in levels:
            for field in form.fields.values():
                field.disabled = True
    back = reverse("authoring:rubric", kwargs={"unit_id": unit.pk, "criterion_id": criterion.pk})

    def page(status=200):
        return render(request, "authoring/rubric.html", {
            "unit": unit, "criterion": criterion, "levels": levels,
            "uses_default": not criterion.rubric_levels.exists(), "default_levels": rubric_for(criterion),
        }, status=status)

    if request.method == "POST":
        try:
            unit_assert_editable(unit)
            if "from_default" in request.POST:
                criterion_rubric_from_default(criterion=criterion, by=request.user)
            elif not levels.is_valid():
                messages.error(request, _("Nothing was saved: correct the fields marked below."))
                return page(400)
            else:
                criterion_rubric_save(criterion=criterion, levels=levels, by=request.user)
        except ValidationError as exc:
            return refused(request, exc, page if "from_default" not in request.POST else back)
        messages.success(request, _("The levels of %(criterion)s are saved.") % {"criterion": criterion.code})
        return redirect(back)
    return page()


@author_required
@require_safe
def changes(request, unit_id: int):
    unit = revision_for_editor(unit_id=unit_id)
    return render(request, "authoring/changes.html", {"unit": unit, "changes": revision_changes(unit)})


@author_required
@require_http_methods(["GET", "POST"])
def publish(request, unit_id: int):
    unit = revision_for_editor(unit_id=unit_id)
    form = PublishForm(request.POST if request.method == "POST" else None)
    pinned = open_cases_per_revision(code=unit.code)
    current = unit_current(code=unit.code)

    def page(status=200):
        return render(request, "authoring/publish.html", {
            "unit": unit, "form": form, "changes": revision_changes(unit), "current": current,
            "open_cases": pinned.get(current.pk, 0) if current else 0,
        }, status=status)

    if request.method == "POST":
        if not form.is_valid():
            return page(400)
        try:
            unit_publish(unit=unit, by=request.user)
        except ValidationError as exc:
            return refused(request, exc, page)
        messages.success(request, _("%(unit)s is published: new enrolments use it from now on.") % {"unit": unit})
        return redirect("authoring:index")
    return page()


@author_required
@require_http_methods(["GET", "POST"])
def definition(request, definition_id: int):
    exam = get_object_or_404(ExamDefinition.objects.select_related("unit"), pk=definition_id)
    data = request.POST if request.method == "POST" else None
    details = ExamDefinitionForm(data, instance=exam)
    rules = DefinitionRuleFormSet(data, instance=exam, prefix="rules")
    if request.method == "POST":
        if details.is_valid() and rules.is_valid():
            definition_update(definition=exam, details=details, rules=rules, by=request.user)
            messages.success(request, _("The exam definition is saved: forms drawn from now on follow it."))
            return redirect("authoring:definition", definition_id=exam.pk)
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    status = 400 if request.method == "POST" else 200
    return render(request, "authoring/definition.html", {"definition": exam, "details": details, "rules": rules},
                  status=status)
