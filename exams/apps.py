"""App configuration for exams."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = _("Written exam")

    def ready(self) -> None:
        from assessments.case_page import case_panel

        from .selectors import exam_outcome_for_case

        case_panel(lambda case, viewer: {"exam": exam_outcome_for_case(case)})
