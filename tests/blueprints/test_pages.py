"""The workspace's pages: the list of drafts and the worked example, a blueprint's overview with its ten criteria,
a section with its chart; the portfolio page links to the workspace; nothing the policy would block."""
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from blueprints.models import Blueprint, BlueprintSection
from blueprints.sections import SECTIONS

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_worked_example_loads_again_without_duplicating(worked_example):
    call_command("loaddata", "blueprint_worked_example", verbosity=0)

    assert Blueprint.objects.get() == worked_example
    assert BlueprintSection.objects.filter(blueprint=worked_example).count() == len(SECTIONS)
    assert worked_example.owner is None
    assert "กรมส่งเสริมบริการดิจิทัล" in worked_example.title


def test_the_list_shows_my_drafts_and_the_worked_example(signed_in, blueprint, worked_example, other_candidate):
    from blueprints.services import blueprint_copy

    blueprint_copy(source=worked_example, by=other_candidate)

    page = signed_in.get(reverse("blueprints:index"), **ENGLISH).content.decode()

    assert page.count("data-blueprint=") == 1
    assert f'data-worked-example="{worked_example.pk}"' in page
    assert "11 of 11" in page and "10 of 10" in page


def test_the_overview_shows_the_ten_criteria_with_their_codes_ids_and_coverage(signed_in, blueprint, unit):
    page = signed_in.get(reverse("blueprints:detail", args=[blueprint.pk]), **ENGLISH).content.decode()

    for criterion in unit.criteria.all():
        assert f'data-criterion="{criterion.code}" data-covered="true"' in page
        assert f"({criterion.system_id})" in page
    assert page.count('data-complete="true"') == len(SECTIONS)
    assert "10 of 10 criteria covered by complete sections" in page
    assert "Enrol in DG-EJJM-026 first" in page


def test_a_section_shows_the_criteria_it_serves_and_its_chart(signed_in, blueprint):
    page = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "tools"]), **ENGLISH).content.decode()
    assert "DL202.03" in page and "DL203.03" in page and "217404" in page and "217407" in page

    gaps = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "gaps"])).content.decode()
    assert '<tr data-dimension="data" data-as-is="1" data-to-be="4" data-gap="3">' in gaps
    figures = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "kpis-costs"])).content.decode()
    assert 'data-figure="npv">5,664,308.17<' in figures
    assert 'data-figure="payback">2572<' in figures
    roadmap = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "roadmap"])).content.decode()
    assert roadmap.count('data-horizon="short"') == 2 and roadmap.count('data-horizon="long"') == 3


def test_skills_are_chosen_from_the_units_own_lists(signed_in, blueprint, unit):
    page = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "roles"])).content.decode()

    for statement in unit.statements.filter(section__in=["skill", "knowledge"]):
        assert f'value="{statement.case_identifier}"' in page


@pytest.mark.parametrize("kind", [section.kind for section in SECTIONS])
def test_pages_carry_no_inline_script_or_style(signed_in, blueprint, kind):
    for url in (reverse("blueprints:index"), reverse("blueprints:detail", args=[blueprint.pk]),
                reverse("blueprints:section", args=[blueprint.pk, kind])):
        body = signed_in.get(url).content.decode()
        assert " style=" not in body, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", body), url


def test_the_portfolio_page_links_to_the_candidates_blueprints(signed_in, blueprint, case):
    Blueprint.objects.filter(pk=blueprint.pk).update(case=case)

    page = signed_in.get(reverse("assessments:case_detail", args=[case.pk])).content.decode()

    assert 'id="case-blueprints"' in page
    assert reverse("blueprints:detail", args=[blueprint.pk]) in page
