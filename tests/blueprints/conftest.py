"""Blueprint fixtures: the worked example, a candidate's own copy of it, and section forms as a browser posts them."""
import pytest
from django.core.management import call_command

from blueprints.sections import SECTION_BY_KIND


@pytest.fixture
def worked_example(unit):
    from blueprints.models import Blueprint

    call_command("loaddata", "blueprint_worked_example", verbosity=0)
    return Blueprint.objects.get(worked_example_key__isnull=False)


@pytest.fixture
def blueprint(worked_example, candidate):
    """candidate's own draft, copied from the worked example: every section complete."""
    from blueprints.services import blueprint_copy

    return blueprint_copy(source=worked_example, by=candidate)


@pytest.fixture
def signed_in(client, candidate):
    client.force_login(candidate)
    return client


def section_post(kind: str, content: dict, *, revision: int, **extra) -> dict:
    """The fields a browser posts for a section holding this content."""
    section = SECTION_BY_KIND[kind]
    data = {"revision": revision}
    for name in section.form_class.base_fields:
        data[name] = _posted(content.get(name))
    for table in section.tables:
        rows = content.get(table.name, [])
        data.update({f"{table.name}-TOTAL_FORMS": len(rows), f"{table.name}-INITIAL_FORMS": 0,
                     f"{table.name}-MIN_NUM_FORMS": 0, f"{table.name}-MAX_NUM_FORMS": 1000})
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{table.name}-{index}-{name}"] = _posted(value)
    data.update(extra)
    return data


def _posted(value):
    if value is None:
        return ""
    return value if isinstance(value, list) else str(value)


def section_content(blueprint, kind: str) -> dict:
    return blueprint.sections.get(kind=kind).content
