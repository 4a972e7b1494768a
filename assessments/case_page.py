"""The case's home page gathers panels from the apps above assessments (evidence, exam, decision), which it must not import."""
from collections.abc import Callable

from .models import AssessmentCase

CasePanel = Callable[[AssessmentCase, object], dict]
_panels: list[CasePanel] = []


def case_panel(panel: CasePanel) -> CasePanel:
    """Register a function (case, viewer) -> template context; each app registers its own in AppConfig.ready."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def case_panels_context(case: AssessmentCase, viewer) -> dict:
    context: dict = {}
    for panel in _panels:
        context.update(panel(case, viewer))
    return context
