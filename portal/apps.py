"""App configuration for the portal shell."""
from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
