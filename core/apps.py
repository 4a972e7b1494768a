"""App configuration for the shared floor (registered so its template tags load)."""
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
