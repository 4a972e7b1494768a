"""A candidate's blueprints go into their personal-data archive; no one else's do."""
import pytest

from blueprints import personal_data

pytestmark = pytest.mark.django_db


def test_the_archive_holds_my_blueprints_and_their_content(blueprint, candidate, other_candidate):
    (exported,) = personal_data.export(candidate)

    assert exported["title"] == blueprint.title
    assert exported["sections"]["profile"]["plan_start_year"] == 2569
    assert personal_data.export(other_candidate) == []
