"""A Thai reader meets no English on the registration page or in the admin, and no option label cut mid-word."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from exams.models import KNOWLEDGE_AREA_SECTIONS, DefinitionRule
from tests.exams.factories import definition_for

pytestmark = pytest.mark.django_db


def thai(message: str) -> str:
    with translation.override("th"):
        return translation.gettext(message)


def test_registration_states_the_username_and_password_rules_in_thai(client):
    page = client.get(reverse("accounts:register"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    for english in ("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                    "Your password can’t be too similar to your other personal information.",
                    "Your password can’t be a commonly used password.",
                    "Your password can’t be entirely numeric."):
        assert english not in page
        assert thai(english) != english and thai(english) in page
    assert "รหัสผ่านต้องมีอย่างน้อย" in page


def test_the_admin_is_titled_for_the_portal_and_names_every_app_in_thai(client, superuser, unit):
    client.force_login(superuser)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "Django" not in re.sub(r"<[^>]+>", " ", page), "the admin still says Django"
    assert thai("Competency portal administration") in page
    for app in ("Assessments", "Blueprints", "Evidence"):
        assert f">{app}<" not in page and thai(app) in page
    assert ">Axes<" not in page and thai("Sign-in lockouts") in page


def test_the_admin_lists_speak_thai_down_to_the_filter_links(client, standards_administrator, unit):
    definition_for(unit, code="thai", kinds=[DefinitionRule.Kind.ESSAY])
    client.force_login(standards_administrator)
    page = client.get(reverse("admin:exams_examdefinition_changelist"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    for english in ("Show counts", "Start typing to filter…", "Clear all filters"):
        assert english not in page
    assert thai("Show counts") in page and thai("Start typing to filter…") in page


def test_knowledge_areas_in_the_exam_definition_form_are_never_cut_mid_word(client, standards_administrator, unit):
    from django.utils.html import escape

    definition = definition_for(unit, code="words", kinds=[DefinitionRule.Kind.ESSAY])
    client.force_login(standards_administrator)
    statements = list(unit.statements.filter(section__in=KNOWLEDGE_AREA_SECTIONS))
    assert statements
    for language in ("th", "en"):
        page = client.get(reverse("admin:exams_examdefinition_change", args=[definition.pk]),
                          HTTP_ACCEPT_LANGUAGE=language).content.decode()
        with translation.override(language):
            for statement in statements:
                label, text = str(statement), " ".join(statement.text.split())
                assert f">{escape(label)}</option>" in page
                if label.endswith("…"):
                    kept = label[:-1]
                    assert text.startswith(kept) and not text[len(kept)].isalnum(), f"cut mid-word: {label!r}"
                else:
                    assert label == text
