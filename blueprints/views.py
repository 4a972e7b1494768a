"""Views of the blueprint workspace: fetch for this user (404 otherwise), bind the form, call one service."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import is_candidate
from core.dates import format_datetime
from core.refusals import refusal_text, refused, refused_json

from .forms import BlueprintTitleForm, SaveForm
from .models import Blueprint, BlueprintSection
from .sections import SECTIONS, Section
from .selectors import (
    blueprint_for_owner,
    blueprint_for_viewer,
    blueprint_lock_reason,
    blueprint_overview,
    blueprints_of_candidate,
    open_case_for,
    render_is_stuck,
    render_of,
    renders_of,
    section_display,
    section_editor,
    section_of,
    section_states,
    section_visual,
    worked_examples,
)
from .services import (
    blueprint_copy,
    blueprint_create,
    blueprint_rename,
    blueprint_render_request,
    blueprint_render_retry,
    section_save,
)


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    drafts = [(b, blueprint_overview(b)) for b in blueprints_of_candidate(candidate=request.user)]
    return render(
        request,
        "blueprints/index.html",
        {
            "drafts": drafts,
            "worked_examples": worked_examples(),
            "may_create": is_candidate(request.user),
        },
    )


@login_required
@require_POST
def blueprint_new(request: HttpRequest) -> HttpResponse:
    form = BlueprintTitleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the blueprint a title."))
        return redirect("blueprints:index")
    try:
        blueprint = blueprint_create(owner=request.user, title=form.cleaned_data["title"])
    except ValidationError as exc:
        return refused(request, exc, "blueprints:index")
    return redirect("blueprints:detail", blueprint_id=blueprint.pk)


@login_required
@require_POST
def blueprint_copy_view(request: HttpRequest, blueprint_id: int) -> HttpResponse:
    source = blueprint_for_viewer(user=request.user, blueprint_id=blueprint_id)
    try:
        blueprint = blueprint_copy(source=source, by=request.user)
    except ValidationError as exc:
        return refused(request, exc, reverse("blueprints:detail", args=[source.pk]))
    messages.success(request, _("This is your own copy: every section can now be edited."))
    return redirect("blueprints:detail", blueprint_id=blueprint.pk)


def _detail(request: HttpRequest, blueprint: Blueprint, *, status: int = 200, title_form=None) -> HttpResponse:
    renders = list(renders_of(blueprint))
    return render(
        request,
        "blueprints/detail.html",
        {
            "blueprint": blueprint,
            "overview": blueprint_overview(blueprint),
            "title_form": title_form or BlueprintTitleForm(initial={"title": blueprint.title}),
            **_render_panel_context(request, blueprint, renders),
        },
        status=status,
    )


def _render_panel_context(request: HttpRequest, blueprint: Blueprint, renders: list) -> dict:
    """What the document panel needs, on the overview and in each progress update."""
    return {
        "blueprint": blueprint,
        "renders": renders,
        "active_render": next((r for r in renders if r.is_active), None),
        "stuck": {r.pk for r in renders if render_is_stuck(r)},
        "open_case": blueprint.case or open_case_for(candidate=request.user, unit_code=blueprint.unit_code),
        "lock_reason": blueprint_lock_reason(blueprint),
        "is_owner": blueprint.owner_id == request.user.pk,
    }


@login_required
@require_safe
def blueprint_detail(request: HttpRequest, blueprint_id: int) -> HttpResponse:
    return _detail(request, blueprint_for_viewer(user=request.user, blueprint_id=blueprint_id))


@login_required
@require_POST
def blueprint_rename_view(request: HttpRequest, blueprint_id: int) -> HttpResponse:
    blueprint = blueprint_for_owner(user=request.user, blueprint_id=blueprint_id)
    form = BlueprintTitleForm(request.POST)
    if not form.is_valid():
        return _detail(request, blueprint, status=400, title_form=form)
    try:
        blueprint_rename(blueprint=blueprint, by=request.user, title=form.cleaned_data["title"])
    except ValidationError as exc:
        return refused(request, exc, lambda status: _detail(request, blueprint, status=status, title_form=form))
    messages.success(request, _("Title saved."))
    return redirect("blueprints:detail", blueprint_id=blueprint.pk)


def _section_page(request, blueprint, section: Section, row: BlueprintSection, *, editor=None, status: int = 200):
    overview = blueprint_overview(blueprint)
    states = overview.sections
    state = next(s for s in states if s.section.kind == section.kind)
    lock_reason = blueprint_lock_reason(blueprint)
    editable = lock_reason is None and blueprint.owner_id == request.user.pk
    contents = {s.section.kind: s.row.content for s in states}
    criteria = {c.criterion.code: c.criterion for c in overview.criteria}
    index = SECTIONS.index(section)
    return render(
        request,
        "blueprints/section.html",
        {
            "blueprint": blueprint,
            "section": section,
            "row": row,
            "state": state,
            "states": states,
            "criteria": [criteria[code] for code in section.criteria if code in criteria],
            "lock_reason": lock_reason,
            "editor": editor or (section_editor(blueprint=blueprint, section=section, row=row) if editable else None),
            "save_form": SaveForm(initial={"revision": row.revision}),
            "display": None if editable else section_display(
                blueprint=blueprint, state=state, contents=contents, criteria=criteria
            ),
            "visual": section_visual(section, contents),
            "previous": SECTIONS[index - 1] if index else None,
            "next": SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_detail(request: HttpRequest, blueprint_id: int, kind: str) -> HttpResponse:
    """The section's page; without JavaScript its form posts here and is saved the same way as autosave."""
    if request.method != "POST":
        blueprint = blueprint_for_viewer(user=request.user, blueprint_id=blueprint_id)
        section, row = section_of(blueprint=blueprint, kind=kind)
        return _section_page(request, blueprint, section, row)
    blueprint = blueprint_for_owner(user=request.user, blueprint_id=blueprint_id)
    section, row = section_of(blueprint=blueprint, kind=kind)
    editor = section_editor(blueprint=blueprint, section=section, row=row, data=request.POST)
    meta = SaveForm(request.POST)
    if not (meta.is_valid() & editor.is_valid()):  # "&", not "and": both validate, so every error is shown at once
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _section_page(request, blueprint, section, row, editor=editor, status=400)
    try:
        section_save(
            section=row, by=request.user, content=editor.cleaned_content(), revision=meta.cleaned_data["revision"]
        )
    except ValidationError as exc:
        return refused(request, exc,
                       lambda status: _section_page(request, blueprint, section, row, editor=editor, status=status))
    messages.success(request, _("Section saved."))
    return redirect("blueprints:section", blueprint_id=blueprint.pk, kind=kind)


@login_required
@require_POST
def section_autosave(request: HttpRequest, blueprint_id: int, kind: str) -> JsonResponse:
    """Save a section as the candidate types; refusals come back as JSON in the candidate's language."""
    blueprint = blueprint_for_owner(user=request.user, blueprint_id=blueprint_id)
    section, row = section_of(blueprint=blueprint, kind=kind)
    editor = section_editor(blueprint=blueprint, section=section, row=row, data=request.POST)
    meta = SaveForm(request.POST)
    if not (meta.is_valid() & editor.is_valid()):  # both validate, as above
        errors = editor.error_messages()
        for problems in meta.errors.values():
            errors.setdefault("__all__", []).extend(problems)
        return JsonResponse(
            {"saved": False, "message": _("Not saved: correct the fields marked in red."), "errors": errors},
            status=400,
        )
    try:
        saved = section_save(
            section=row,
            by=request.user,
            content=editor.cleaned_content(),
            revision=meta.cleaned_data["revision"],
            editor_session=meta.cleaned_data["editor_session"],
            editor_seq=meta.cleaned_data["editor_seq"] or 0,
        )
    except ValidationError as exc:
        return refused_json(exc, saved=False, message=refusal_text(exc), errors={})
    states = section_states(blueprint)
    state = next(s for s in states if s.section.kind == kind)
    visual = section_visual(section, {s.section.kind: s.row.content for s in states})
    return JsonResponse(
        {
            "saved": True,
            "revision": saved.revision,
            "seq": saved.editor_seq,
            "saved_at": format_datetime(saved.updated_at),
            "status_html": render_to_string(
                "blueprints/_section_status.html", {"state": state, "section": section}, request=request
            ),
            "chart_html": render_to_string("blueprints/_section_chart.html", {"visual": visual}, request=request),
        }
    )


@login_required
@require_POST
def render_request_view(request: HttpRequest, blueprint_id: int) -> HttpResponse:
    blueprint = blueprint_for_owner(user=request.user, blueprint_id=blueprint_id)
    try:
        blueprint_render_request(blueprint=blueprint, by=request.user, language=request.LANGUAGE_CODE)
    except ValidationError as exc:
        blueprint.refresh_from_db()
        return refused(request, exc, lambda status: _detail(request, blueprint, status=status))
    messages.success(request, _("The blueprint document is being produced. It will appear in your portfolio."))
    return redirect("blueprints:detail", blueprint_id=blueprint.pk)


@login_required
@require_POST
def render_retry_view(request: HttpRequest, blueprint_id: int, render_id: int) -> HttpResponse:
    blueprint = blueprint_for_owner(user=request.user, blueprint_id=blueprint_id)
    try:
        blueprint_render_retry(render=render_of(blueprint=blueprint, render_id=render_id), by=request.user)
    except ValidationError as exc:
        return refused(request, exc, lambda status: _detail(request, blueprint, status=status))
    messages.success(request, _("Trying again to produce the blueprint document."))
    return redirect("blueprints:detail", blueprint_id=blueprint.pk)


@login_required
@require_safe
def render_status(request: HttpRequest, blueprint_id: int) -> JsonResponse:
    """The document panel as it is now, for the page to show progress while the worker renders."""
    blueprint = blueprint_for_owner(user=request.user, blueprint_id=blueprint_id)
    renders = list(renders_of(blueprint))
    context = _render_panel_context(request, blueprint, renders)
    active = context["active_render"]
    return JsonResponse(
        {
            "active": bool(active and active.pk not in context["stuck"]),
            "status": renders[0].status if renders else "",
            "html": render_to_string("blueprints/_render_panel.html", context, request=request),
        }
    )
