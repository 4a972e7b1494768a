"""Fixtures of the exam tests: the seed bank on the real unit and small definitions."""
import pytest
from django.utils import translation

from exams.models import DefinitionRule, ExamDefinition
from exams.services import seed_bank_load
from tests.exams.factories import definition_for


@pytest.fixture(autouse=True)
def english(client):
    """Assertions read the English messages; the portal speaks Thai by default and the Thai is translated."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def bank(unit):
    """The seed bank and the default exam definition, loaded as `manage.py load_exam_bank` does."""
    seed_bank_load(unit=unit)
    return unit


@pytest.fixture
def written_exam(bank):
    return ExamDefinition.objects.get(code="dg-ejjm-026-written")


@pytest.fixture
def one_of_each(bank):
    """One single-choice, multiple-choice, true/false, short-answer and essay item."""
    return definition_for(bank, kinds=[
        DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.MULTIPLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE,
        DefinitionRule.Kind.SHORT_ANSWER, DefinitionRule.Kind.ESSAY,
    ])


@pytest.fixture
def objective_only(bank):
    return definition_for(bank, code="objective-only", kinds=[
        DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.MULTIPLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE,
        DefinitionRule.Kind.SHORT_ANSWER,
    ])
