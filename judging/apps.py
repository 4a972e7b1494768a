"""App configuration for judging."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgingConfig(AppConfig):
    name = "judging"
    verbose_name = _("Judging")

    def ready(self) -> None:
        from assessments.case_page import case_panel

        from .selectors import candidate_feedback, released_decision

        case_panel(lambda case, viewer: {"decision": released_decision(case), "feedback": candidate_feedback(case)})
