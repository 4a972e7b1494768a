"""App configuration for certificates."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from assessments.case_page import case_panel
        from judging.signals import case_outcome_changed

        from .selectors import renewal_panel
        from .services import certificate_follow_outcome

        case_outcome_changed.connect(certificate_follow_outcome, dispatch_uid="certificates.follow_outcome")
        case_panel(renewal_panel)
