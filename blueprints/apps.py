"""App configuration for blueprints."""
from django.apps import AppConfig


class BlueprintsConfig(AppConfig):
    name = "blueprints"
