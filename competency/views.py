"""Public pages of the competency standards: the list, a unit laid out like the official document, CASE."""
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .case import case_document
from .selectors import unit_current_revisions, unit_for_display, unit_revisions, unit_statements_by_section


@require_safe
def unit_list(request):
    return render(request, "competency/unit_list.html", {"units": unit_current_revisions()})


@require_safe
def unit_detail(request, code: str, revision_number: int | None = None):
    unit = unit_for_display(code=code, revision_number=revision_number)
    return render(
        request,
        "competency/unit_detail.html",
        {
            "unit": unit,
            "sections": unit_statements_by_section(unit),
            "revisions": unit_revisions(code=code),
        },
    )


@require_safe
def unit_case_json(request, code: str):
    unit = unit_for_display(code=code)
    document = case_document(unit, base_uri=request.build_absolute_uri("/standards/"))
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{unit.code}-r{unit.revision_number}.case.json"'
    return response
