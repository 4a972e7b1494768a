"""A candidate edits their blueprint section by section; every change saves as they type, bad input is refused
whole with a message in their language, and only they can change it, and only while their portfolio is open."""
import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.services import case_submit
from blueprints.models import Blueprint, BlueprintSection
from blueprints.selectors import blueprint_contents
from blueprints.services import SectionConflict, blueprint_copy, section_save
from evidence.services import evidence_item_create
from tests.blueprints.conftest import section_content, section_post
from tests.samples import pdf_upload

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _autosave(client, blueprint, kind, data, **headers):
    return client.post(reverse("blueprints:section_autosave", args=[blueprint.pk, kind]), data, **headers)


def _gaps_with(blueprint, *, revision=None, **changes):
    content = section_content(blueprint, "gaps")
    content["gaps"][2].update(changes)
    row = blueprint.sections.get(kind="gaps")
    return section_post("gaps", content, revision=row.revision if revision is None else revision)


def test_copying_the_worked_example_gives_the_candidate_an_editable_draft(signed_in, worked_example, candidate):
    response = signed_in.post(reverse("blueprints:copy", args=[worked_example.pk]))

    copy = Blueprint.objects.get(owner=candidate)
    assert response.url == reverse("blueprints:detail", args=[copy.pk])
    assert copy.copied_from == worked_example
    assert blueprint_contents(copy) == blueprint_contents(worked_example)
    page = signed_in.get(reverse("blueprints:section", args=[copy.pk, "gaps"]))
    assert b"data-autosave-url" in page.content


def test_a_change_autosaves_and_the_page_learns_when(signed_in, blueprint):
    response = _autosave(signed_in, blueprint, "gaps", _gaps_with(blueprint, as_is=3), **ENGLISH)

    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True and body["revision"] == 1
    assert body["saved_at"]
    assert 'data-gap="1"' in body["chart_html"]  # data: as-is 3, to-be 4
    assert section_content(blueprint, "gaps")["gaps"][2]["as_is"] == 3


def test_the_worked_example_survives_a_round_trip_through_every_section_form(signed_in, blueprint):
    for row in blueprint.sections.all():
        before = row.content
        response = _autosave(signed_in, blueprint, row.kind, section_post(row.kind, before, revision=row.revision))
        assert response.status_code == 200, (row.kind, response.json())
        row.refresh_from_db()
        assert row.content == before, row.kind


@pytest.mark.parametrize(
    "kind, change, field, message",
    [
        ("kpis-costs", {"discount_rate": "500"}, "discount_rate", "A discount rate above 30 % a year is not plausible"),
        ("kpis-costs", {"discount_rate": "-2"}, "discount_rate", "This cannot be negative."),
        ("kpis-costs", {"appraisal_start_year": "2026"}, "appraisal_start_year", "Use a Buddhist-Era year"),
        ("kpis-costs", {"items-0-amount": "-5000"}, "items-0-amount", "This cannot be negative."),
        ("kpis-costs", {"items-0-amount": "250000000000"}, "items-0-amount", "not a plausible figure"),
        ("kpis-costs", {"items-2-first_year": "2573", "items-2-last_year": "2570"}, "items-2-last_year",
         "The last year (2570) comes before the first year (2573)"),
        ("kpis-costs", {"items-1-last_year": "2580"}, "items-1-last_year", "outside the appraisal period 2569–2573"),
        ("roadmap", {"initiatives-1-start_year": "2572", "initiatives-1-end_year": "2570"}, "initiatives-1-end_year",
         "ends (2570) before it starts (2572)"),
        ("processes", {"processes-0-digital_target": "10"}, "processes-0-digital_target",
         "cannot be below today's level"),
        ("processes", {"processes-0-digital_now": "150"}, "processes-0-digital_now", "from 0 to 100"),
        ("roles", {"roles-0-headcount_needed": "-3"}, "roles-0-headcount_needed", "This cannot be negative."),
        ("roles", {"roles-0-skills": ["not-a-skill"]}, "roles-0-skills", "Choose among the options offered."),
        ("gaps", {"gaps-1-to_be": "1"}, "gaps-1-to_be", "cannot be below the current level (2)"),
        ("gaps", {"gaps-1-dimension": "process"}, "gaps-1-dimension", "already scored above"),
        ("gaps", {"gaps-1-as_is": "9"}, "gaps-1-as_is", "Choose a level from 1 to 5."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(signed_in, blueprint, kind, change, field,
                                                                          message):
    row = blueprint.sections.get(kind=kind)
    before = row.content
    data = section_post(kind, before, revision=row.revision, **change)

    response = _autosave(signed_in, blueprint, kind, data, **ENGLISH)

    assert response.status_code == 400
    body = response.json()
    assert body["saved"] is False
    assert message in " ".join(body["errors"][field])
    row.refresh_from_db()
    assert (row.content, row.revision) == (before, 0)


def test_refusals_speak_the_candidates_language(signed_in, blueprint):
    message = "Not saved: correct the fields marked in red."
    for language in ("th", "en"):
        response = _autosave(signed_in, blueprint, "gaps", _gaps_with(blueprint, as_is="x"),
                             HTTP_ACCEPT_LANGUAGE=language)
        with translation.override(language):
            assert response.json()["message"] == translation.gettext(message)
            assert response.json()["errors"]["gaps-2-as_is"] == [translation.gettext("Choose a level from 1 to 5.")]
        assert response.headers["Content-Language"] == language


def test_a_half_written_section_saves_and_says_what_it_still_needs(signed_in, unit, candidate):
    from blueprints.services import blueprint_create

    blueprint = blueprint_create(owner=candidate, title="ร่าง")
    data = section_post("processes", {"processes": [{"name": "รับคำขอออนไลน์", "stage": "upstream"}]}, revision=0)

    response = _autosave(signed_in, blueprint, "processes", data, **ENGLISH)

    assert response.status_code == 200
    assert "fill in Owner" in response.json()["status_html"]
    saved = section_content(blueprint, "processes")["processes"]
    assert [(r["name"], r["stage"], r["owner"]) for r in saved] == [("รับคำขอออนไลน์", "upstream", "")]


def test_blank_rows_are_dropped_and_removed_rows_deleted(signed_in, blueprint):
    content = section_content(blueprint, "communication")
    data = section_post("communication", content, revision=0, **{
        "messages-0-DELETE": "on",
        "messages-3-audience": "", "messages-3-message": "",  # the blank row the page offers to type in
        "messages-TOTAL_FORMS": 4,
    })

    assert _autosave(signed_in, blueprint, "communication", data).status_code == 200
    kept = section_content(blueprint, "communication")["messages"]
    assert [m["audience"] for m in kept] == ["agencies", "citizens"]


def test_without_javascript_the_form_posts_and_saves_the_same_way(signed_in, blueprint):
    url = reverse("blueprints:section", args=[blueprint.pk, "gaps"])
    response = signed_in.post(url, _gaps_with(blueprint, as_is=2))

    assert response.status_code == 302
    assert section_content(blueprint, "gaps")["gaps"][2]["as_is"] == 2
    refused = signed_in.post(url, _gaps_with(blueprint, to_be=1), **ENGLISH)
    assert refused.status_code == 400
    assert "cannot be below the current level" in refused.content.decode()


def test_a_save_from_another_window_on_an_older_revision_is_refused(signed_in, blueprint):
    stale = _gaps_with(blueprint, revision=0, as_is=3)
    first = {**_gaps_with(blueprint, as_is=2), "editor_session": "window-a", "editor_seq": 1}
    assert _autosave(signed_in, blueprint, "gaps", first).status_code == 200

    response = _autosave(signed_in, blueprint, "gaps", {**stale, "editor_session": "window-b", "editor_seq": 1},
                         **ENGLISH)

    assert response.status_code == 409
    assert "changed in another window" in response.json()["message"]
    assert section_content(blueprint, "gaps")["gaps"][2]["as_is"] == 2


def test_a_late_older_save_from_the_same_window_never_overwrites_a_newer_one(candidate, blueprint):
    row = blueprint.sections.get(kind="gaps")
    newer = {**row.content, "gaps": row.content["gaps"][:1]}

    section_save(section=row, by=candidate, content=newer, revision=0, editor_session="w", editor_seq=2)
    section_save(section=row, by=candidate, content=row.content, revision=0, editor_session="w", editor_seq=1)

    row.refresh_from_db()
    assert (row.content, row.revision, row.editor_seq) == (newer, 1, 2)
    with pytest.raises(SectionConflict):
        section_save(section=row, by=candidate, content=newer, revision=0, editor_session="other", editor_seq=9)


def test_other_candidates_get_404_for_every_page_and_write(client, blueprint, other_candidate):
    client.force_login(other_candidate)
    pk = blueprint.pk
    gaps = _gaps_with(blueprint, as_is=3)

    assert client.get(reverse("blueprints:detail", args=[pk])).status_code == 404
    assert client.get(reverse("blueprints:section", args=[pk, "gaps"])).status_code == 404
    assert client.post(reverse("blueprints:section", args=[pk, "gaps"]), gaps).status_code == 404
    assert client.post(reverse("blueprints:section_autosave", args=[pk, "gaps"]), gaps).status_code == 404
    assert client.post(reverse("blueprints:copy", args=[pk])).status_code == 404
    assert client.post(reverse("blueprints:rename", args=[pk]), {"title": "ของฉัน"}).status_code == 404
    assert client.post(reverse("blueprints:render", args=[pk])).status_code == 404
    assert client.get(reverse("blueprints:render_status", args=[pk])).status_code == 404
    assert client.post(reverse("blueprints:render_retry", args=[pk, 1])).status_code == 404
    assert section_content(blueprint, "gaps")["gaps"][2]["as_is"] == 1


def test_an_unknown_section_is_404(signed_in, blueprint):
    assert signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "finance"])).status_code == 404


def test_the_worked_example_can_be_read_and_copied_but_not_changed(signed_in, worked_example):
    page = signed_in.get(reverse("blueprints:section", args=[worked_example.pk, "gaps"]), **ENGLISH)
    assert page.status_code == 200
    assert b"data-autosave-url" not in page.content
    assert "This is the worked example" in page.content.decode()

    data = section_post("gaps", section_content(worked_example, "gaps"), revision=1)
    assert _autosave(signed_in, worked_example, "gaps", data).status_code == 404


def test_a_blueprint_in_a_submitted_portfolio_is_read_only(signed_in, blueprint, case, candidate):
    Blueprint.objects.filter(pk=blueprint.pk).update(case=case)
    evidence_item_create(case=case, by=candidate, title="กระบวนงาน", kind="performance", uploads=[pdf_upload()],
                         mappings={case.unit.criteria.get(code="DL201.01").pk: "แสดงกระบวนงาน"})
    case_submit(case=case, by=candidate, summary="ส่งแฟ้ม")

    response = _autosave(signed_in, blueprint, "gaps", _gaps_with(blueprint, as_is=3), **ENGLISH)

    assert response.status_code == 409
    assert "submitted, so it is read-only" in response.json()["message"]
    assert section_content(blueprint, "gaps")["gaps"][2]["as_is"] == 1
    page = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "gaps"]))
    assert b"data-autosave-url" not in page.content
    copy = blueprint_copy(source=blueprint, by=candidate)
    assert copy.case is None  # a copy is a fresh draft the candidate may change


def test_renaming_refuses_an_empty_title(signed_in, blueprint):
    url = reverse("blueprints:rename", args=[blueprint.pk])
    assert signed_in.post(url, {"title": "   "}).status_code == 400
    assert signed_in.post(url, {"title": "พิมพ์เขียวกรม"}).status_code == 302
    blueprint.refresh_from_db()
    assert blueprint.title == "พิมพ์เขียวกรม"


def test_only_candidates_start_blueprints(client, assessor, unit):
    client.force_login(assessor)

    client.post(reverse("blueprints:new"), {"title": "ของผู้ประเมิน"})

    assert not BlueprintSection.objects.exists()


FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
anything = st.one_of(st.text(max_size=40), st.integers(min_value=-10**16, max_value=10**16).map(str),
                     st.floats(allow_nan=True, allow_infinity=True).map(str), st.just(""))


@FUZZ
@given(rate=anything, start=anything, first=anything, last=anything, amount=anything)
def test_whatever_is_typed_into_the_figures_is_saved_whole_or_refused_whole(signed_in, blueprint, rate, start,
                                                                              first, last, amount):
    row = blueprint.sections.get(kind="kpis-costs")
    data = section_post("kpis-costs", row.content, revision=row.revision, discount_rate=rate,
                        appraisal_start_year=start, **{"items-0-first_year": first, "items-0-last_year": last,
                                                       "items-0-amount": amount})

    response = _autosave(signed_in, blueprint, "kpis-costs", data)

    assert response.status_code in (200, 400)
    after = blueprint.sections.get(kind="kpis-costs")
    if response.status_code == 400:
        assert (after.content, after.revision) == (row.content, row.revision)
    else:
        assert after.revision == row.revision + 1
        page = signed_in.get(reverse("blueprints:section", args=[blueprint.pk, "kpis-costs"]))
        assert page.status_code == 200  # the chart and the figures still draw
