"""App configuration for blueprints."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlueprintsConfig(AppConfig):
    name = "blueprints"
    verbose_name = _("Blueprints")
