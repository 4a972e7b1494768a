"""When a section is complete enough to evidence its criteria, and which criteria a blueprint then covers."""
import copy

import pytest
from django.utils import translation

from blueprints.sections import SECTION_BY_KIND, SECTIONS, covered_criteria
from blueprints.selectors import blueprint_contents, blueprint_overview
from blueprints.services import blueprint_create

pytestmark = pytest.mark.django_db

ALL_CRITERIA = ["DL201.01", "DL201.02", "DL201.03", "DL201.04", "DL202.01", "DL202.02", "DL202.03", "DL203.01",
                "DL203.02", "DL203.03"]


@pytest.fixture(autouse=True)
def english():
    # The rules' messages are read in English here, whatever Thai the lead adds to the catalogue later.
    with translation.override("en"):
        yield


@pytest.fixture
def contents(worked_example):
    """The worked example's sections, to spoil one rule at a time."""
    return copy.deepcopy(blueprint_contents(worked_example))


def _missing(kind, contents):
    return SECTION_BY_KIND[kind].missing(contents[kind], contents)


def test_every_criterion_is_served_by_some_section():
    assert sorted({code for section in SECTIONS for code in section.criteria}) == ALL_CRITERIA


def test_an_empty_blueprint_evidences_nothing_and_says_what_each_section_needs(unit, candidate):
    overview = blueprint_overview(blueprint_create(owner=candidate, title="ร่างแรก"))

    assert overview.complete_count == 0
    assert overview.covered_codes == []
    assert all(state.missing for state in overview.sections)
    assert [c.criterion.code for c in overview.criteria] == ALL_CRITERIA


def test_the_worked_example_is_complete_and_covers_all_ten_criteria(worked_example):
    overview = blueprint_overview(worked_example)

    assert [state.missing for state in overview.sections] == [[]] * 11
    assert overview.covered_codes == ALL_CRITERIA


def test_core_processes_must_run_from_upstream_to_downstream(contents):
    contents["processes"]["processes"] = [
        row for row in contents["processes"]["processes"] if row["stage"] != "downstream"
    ]

    assert _missing("processes", contents) == [
        "No process at the “Downstream” stage yet: cover the work from upstream to downstream."
    ]


def test_a_row_missing_what_the_criterion_asks_for_is_named(contents):
    contents["processes"]["processes"][0]["owner"] = ""
    contents["processes"]["processes"][0]["digital_target"] = None

    (message,) = _missing("processes", contents)
    assert message.startswith("Core processes, row 1 (รับคำขอขึ้นทะเบียนผู้ให้บริการดิจิทัล")
    assert message.endswith("fill in Owner, Digitalisation/automation targeted (%).")


def test_every_core_process_needs_a_role_in_it(contents):
    contents["roles"]["roles"] = contents["roles"]["roles"][1:]

    (message,) = _missing("roles", contents)
    assert message.startswith("No role yet in the process “รับคำขอขึ้นทะเบียนผู้ให้บริการดิจิทัล")


def test_renaming_a_process_flags_the_roles_and_tools_still_pointing_at_it(contents):
    old_name = contents["processes"]["processes"][3]["name"]
    contents["processes"]["processes"][3]["name"] = "เผยแพร่ข้อมูลเปิด"

    assert any("which is no longer a process of section 2" in m and old_name in m for m in _missing("roles", contents))
    assert any("which is no longer a process of section 2" in m for m in _missing("tools", contents))


def test_data_must_be_shared_with_someone_and_say_how(contents):
    for row in contents["data"]["datasets"]:
        row["channels"] = []

    missing = _missing("data", contents)
    register = "ทะเบียนผู้ให้บริการดิจิทัล (Register of digital service providers)"
    assert f"Say how “{register}” is shared: API, file exchange or portal." in missing

    for row in contents["data"]["datasets"]:
        row["shared_with"] = []
    assert _missing("data", contents) == ["Share at least one data set with other agencies, citizens or businesses."]


def test_the_gap_analysis_scores_every_dimension_and_plans_each_gap(contents):
    contents["gaps"]["gaps"] = [row for row in contents["gaps"]["gaps"] if row["dimension"] != "governance"]
    contents["gaps"]["gaps"][0]["action"] = ""

    assert _missing("gaps", contents) == [
        "Score the dimension “Governance”.",
        "Say what will close the gap in “Process”.",
    ]


def test_a_dimension_with_no_gap_needs_no_action(contents):
    contents["gaps"]["gaps"][0].update(as_is=3, to_be=3, action="")

    assert _missing("gaps", contents) == []


def test_personnel_management_covers_all_five_measures(contents):
    contents["personnel"]["measures"] = [m for m in contents["personnel"]["measures"] if m["measure"] != "incentive"]

    assert _missing("personnel", contents) == [
        "No “Incentive” measure yet: cover recruiting, reskilling, upskilling, career paths and incentives."
    ]


def test_costs_and_benefits_need_both_sides_and_risks_for_users_and_the_organisation(contents):
    economics = contents["kpis-costs"]
    economics["items"] = [row for row in economics["items"] if row["kind"] == "cost"]
    economics["risks"] = [row for row in economics["risks"] if row["affects"] == "users"]

    assert _missing("kpis-costs", contents) == [
        "Add at least one benefit item.",
        "Name at least one impact or risk for “The organisation”.",
    ]


def test_the_roadmap_uses_both_horizons_inside_the_plan_years(contents):
    initiatives = contents["roadmap"]["initiatives"]
    contents["roadmap"]["initiatives"] = [row for row in initiatives if row["horizon"] == "long"]
    contents["roadmap"]["initiatives"][0]["end_year"] = 2575

    assert _missing("roadmap", contents) == [
        "Place at least one initiative in “Years 1–2”.",
        "“เชื่อม API กับกรมพัฒนาธุรกิจการค้าและกรมการปกครอง (API links with DBD and DOPA)” ends after the plan's "
        "fifth year (2573).",
    ]


def test_the_communication_plan_reaches_all_three_audiences(contents):
    contents["communication"]["messages"] = [
        m for m in contents["communication"]["messages"] if m["audience"] != "citizens"
    ]

    assert _missing("communication", contents) == ["Plan at least one message for “Citizens and businesses”."]


def test_dl203_01_needs_the_profile_the_costs_and_benefits_and_the_roadmap():
    complete = {section.kind: True for section in SECTIONS}

    for kind in ("profile", "kpis-costs", "roadmap"):
        assert "DL203.01" not in covered_criteria({**complete, kind: False})
    assert covered_criteria(complete) == ALL_CRITERIA


def test_the_tools_section_covers_both_equipment_criteria():
    only_tools = {section.kind: section.kind == "tools" for section in SECTIONS}

    assert covered_criteria(only_tools) == ["DL202.03", "DL203.03"]
