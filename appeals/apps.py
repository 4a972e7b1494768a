"""App configuration for appeals and complaints."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = _("Appeals and complaints")

    def ready(self) -> None:
        from assessments.case_page import case_panel

        from .selectors import case_page_panel

        case_panel(case_page_panel)
