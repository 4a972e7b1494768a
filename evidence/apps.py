"""App configuration for evidence."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from assessments.case_page import case_panel

        from .selectors import evidence_matrix

        # Assessors and moderators see every version of a file; the candidate sees the current one.
        case_panel(lambda case, viewer: {"matrix": evidence_matrix(case, all_versions=case.candidate_id != viewer.pk)})
