"""Choosing between the Thai and English text that bilingual records carry."""
from django.utils.translation import get_language


def english_active() -> bool:
    return (get_language() or "th").startswith("en")


def in_language(thai: str, english: str) -> str:
    """Return the English text when English is active and there is one, else the Thai text."""
    if english_active() and english:
        return english
    return thai
