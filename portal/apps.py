"""App configuration for the portal shell."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self) -> None:
        from django.contrib import admin

        # Django's own titles read "Django administration" ("การจัดการ Django") to someone who never chose Django.
        admin.site.site_header = _("Competency portal administration")
        admin.site.site_title = _("Competency portal administration")
        admin.site.index_title = _("Site administration")
