"""App configuration for evidence."""
from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
