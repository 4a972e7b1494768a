"""A standards administrator exchanges DG-EJJM-026 with other systems as a 1EdTech CASE 1.1 package."""
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from competency.case import CRITERION_TYPE, ELEMENT_TYPE, CaseImportError, case_document, case_import
from competency.models import Element, PerformanceCriterion, Unit, UnitStatement
from tests.standards import case_package_errors, case_package_errors_rs

BASE_URI = "https://portal.example.go.th/standards/"


def export(unit: Unit) -> dict[str, Any]:
    # Through JSON and back, as a file would travel, so nothing Python-only can hide in the dict.
    return json.loads(json.dumps(case_document(unit, base_uri=BASE_URI), ensure_ascii=False))


def items_of_type(document: dict[str, Any], item_type: str) -> list[dict[str, Any]]:
    return [item for item in document["CFItems"] if item["CFItemType"] == item_type]


def item_index(document: dict[str, Any], code: str) -> int:
    return next(i for i, item in enumerate(document["CFItems"]) if item.get("humanCodingScheme") == code)


def assert_nothing_stored() -> None:
    assert not Unit.objects.exists()
    assert not Element.objects.exists()
    assert not PerformanceCriterion.objects.exists()
    assert not UnitStatement.objects.exists()


def test_the_export_lists_every_element_criterion_and_statement_with_its_codes(unit):
    document = export(unit)

    assert document["CFDocument"]["identifier"] == "ab223fc9-d3c5-5724-8d25-f1d7f8d2310a"
    assert document["CFDocument"]["title"] == "ออกแบบองค์กรดิจิทัล"
    assert document["CFDocument"]["extensions"]["dg_portal"]["code"] == "DG-EJJM-026"
    assert document["CFDocument"]["version"] == "1/2567"
    assert document["CFDocument"]["adoptionStatus"] == "Adopted"
    assert document["CFDocument"]["language"] == "th"
    # The fixture says 2024-01-01 00:00 in Bangkok.
    assert document["CFDocument"]["lastChangeDateTime"] == "2023-12-31T17:00:00Z"
    assert document["CFDocument"]["uri"] == BASE_URI + "DG-EJJM-026/case.json"
    assert document["CFDocument"]["extensions"]["dg_portal"]["title_en"] == "Design a Digital Organization"

    elements = items_of_type(document, ELEMENT_TYPE)
    criteria = items_of_type(document, CRITERION_TYPE)
    assert [e["humanCodingScheme"] for e in elements] == ["DL201", "DL202", "DL203"]
    assert [(c["humanCodingScheme"], c["extensions"]["dg_portal"]["system_id"]) for c in criteria] == [
        ("DL201.01", 217398), ("DL201.02", 217399), ("DL201.03", 217400), ("DL201.04", 217401),
        ("DL202.01", 217402), ("DL202.02", 217403), ("DL202.03", 217404),
        ("DL203.01", 217405), ("DL203.02", 217406), ("DL203.03", 217407),
    ]
    statements = [i for i in document["CFItems"] if i["CFItemType"] not in (ELEMENT_TYPE, CRITERION_TYPE)]
    assert len(statements) == unit.statements.count() == 33
    assert len(document["CFItems"]) == 3 + 10 + 33
    assert all(item["language"] == "th" and item["fullStatement"] for item in document["CFItems"])

    # Every criterion hangs under its own element, every element and statement under the document.
    parent_of = {a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
                 for a in document["CFAssociations"]}
    element_ids = {e["humanCodingScheme"]: e["identifier"] for e in elements}
    for criterion in criteria:
        assert parent_of[criterion["identifier"]] == element_ids[criterion["humanCodingScheme"][:5]]
    assert {parent_of[i["identifier"]] for i in elements + statements} == {document["CFDocument"]["identifier"]}


def test_the_export_is_valid_against_the_official_case_package_schema(unit):
    document = export(unit)

    assert case_package_errors(document) == []
    assert case_package_errors_rs(document) == []


def test_the_schema_check_refuses_what_case_does_not_allow(unit):
    # The control: the fields the portal used to add where CASE has none, and a malformed identifier and date.
    document = export(unit)
    document["CFDocument"]["humanCodingScheme"] = "DG-EJJM-026"
    document["CFItems"][0]["CFDocumentURI"] = document["CFAssociations"][0]["destinationNodeURI"]
    document["CFAssociations"][1]["identifier"] = "not-a-uuid"
    document["CFItems"][1]["lastChangeDateTime"] = "yesterday"

    python_errors, rust_errors = case_package_errors(document), case_package_errors_rs(document)

    for errors in (python_errors, rust_errors):
        assert any(e.startswith("/CFDocument: ") and "humanCodingScheme" in e for e in errors), errors
        assert any(e.startswith("/CFItems/0: ") and "CFDocumentURI" in e for e in errors), errors
        assert any(e.startswith("/CFAssociations/1/identifier: ") for e in errors), errors
    assert any(e.startswith("/CFItems/1/lastChangeDateTime: ") for e in rust_errors), rust_errors


def test_a_unit_exported_deleted_and_imported_again_exports_the_same_document(unit):
    before = export(unit)
    unit.delete()

    imported = case_import(before)

    assert imported.state == Unit.State.PUBLISHED
    assert imported.criteria.get(code="DL202.03").element.code == "DL202"
    assert export(imported) == before


def test_the_commands_carry_a_unit_through_a_file_and_back(unit, tmp_path, capsys):
    path = tmp_path / "dg-ejjm-026.case.json"
    call_command("export_case", "DG-EJJM-026", "--base-uri", BASE_URI, "-o", str(path))
    before = json.loads(path.read_text(encoding="utf-8"))
    assert "ออกแบบองค์กรดิจิทัล" in path.read_text(encoding="utf-8")  # ensure_ascii=False
    unit.delete()

    call_command("import_case", str(path))

    assert "DG-EJJM-026" in capsys.readouterr().out
    assert export(Unit.objects.get(code="DG-EJJM-026")) == before


def drop_full_statement(document: dict[str, Any]) -> str:
    index = item_index(document, "DL201.02")
    del document["CFItems"][index]["fullStatement"]
    return f"CFItems[{index}]: fullStatement is missing"


def break_identifier(document: dict[str, Any]) -> str:
    index = item_index(document, "DL202")
    document["CFItems"][index]["identifier"] = "not-a-uuid"
    return f"CFItems[{index}]: identifier “not-a-uuid” is not a UUID"


def orphan_criterion(document: dict[str, Any]) -> str:
    index = item_index(document, "DL203.01")
    stranger = str(uuid.uuid4())
    for association in document["CFAssociations"]:
        if association["originNodeURI"]["identifier"] == document["CFItems"][index]["identifier"]:
            association["destinationNodeURI"]["identifier"] = stranger
    return f"CFItems[{index}] (DL203.01): its parent element “{stranger}” is not an Element in CFItems"


def duplicate_system_id(document: dict[str, Any]) -> str:
    index = item_index(document, "DL203.03")
    document["CFItems"][index]["extensions"]["dg_portal"]["system_id"] = 217398
    return f"CFItems[{index}]: system ID “217398” is already used by CFItems[{item_index(document, 'DL201.01')}]"


@pytest.mark.parametrize("damage", [drop_full_statement, break_identifier, orphan_criterion, duplicate_system_id])
def test_a_damaged_package_is_refused_naming_the_problem_and_nothing_is_stored(
    unit, damage: Callable[[dict[str, Any]], str]
):
    document = export(unit)
    unit.delete()
    expected = damage(document)

    with translation.override("en"), pytest.raises(CaseImportError) as refused:
        case_import(document)

    assert expected in refused.value.errors
    assert_nothing_stored()


def test_every_problem_in_a_package_is_reported_at_once(unit):
    document = export(unit)
    unit.delete()
    problems = [drop_full_statement(document), break_identifier(document), orphan_criterion(document)]
    del document["CFDocument"]["title"]

    with translation.override("en"), pytest.raises(CaseImportError) as refused:
        case_import(document)

    assert set(problems + ["CFDocument: title is missing"]) <= set(refused.value.errors)
    assert_nothing_stored()


def test_a_package_without_a_cf_document_is_refused(db):
    with translation.override("en"), pytest.raises(CaseImportError) as refused:
        case_import({"CFItems": []})

    assert any("CFDocument is missing" in error for error in refused.value.errors)
    assert_nothing_stored()


def test_the_import_command_lists_each_problem_and_fails(unit, tmp_path):
    document = export(unit)
    unit.delete()
    problems = [drop_full_statement(document), break_identifier(document)]
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command("import_case", str(path))

    assert "nothing was written" in str(failed.value)
    for problem in problems:
        assert f"  - {problem}" in str(failed.value)
    assert_nothing_stored()


def test_the_import_command_refuses_a_file_that_is_not_json(db, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"CFDocument": {', encoding="utf-8")

    with translation.override("en"), pytest.raises(CommandError, match="is not valid JSON"):
        call_command("import_case", str(path))

    assert_nothing_stored()


def test_a_revision_that_already_exists_is_never_overwritten(unit):
    document = export(unit)
    # Fresh identifiers everywhere, so the only thing in the way is the code and revision number.
    text = json.dumps(document, ensure_ascii=False)
    for item in [document["CFDocument"], *document["CFItems"]]:
        text = text.replace(item["identifier"], str(uuid.uuid4()))
    document = json.loads(text)
    document["CFDocument"]["title"] = "ชื่อที่แก้ไขแล้ว"

    with translation.override("en"), pytest.raises(CaseImportError) as refused:
        case_import(document)

    assert refused.value.errors == [
        "CFDocument: DG-EJJM-026 revision 1 already exists in the portal; "
        "a revision is never overwritten, so create a new one instead"
    ]
    assert Unit.objects.get().title_th == "ออกแบบองค์กรดิจิทัล"
    assert Element.objects.count() == 3 and PerformanceCriterion.objects.count() == 10


def test_reimporting_the_same_package_is_refused_because_its_identifiers_are_taken(unit):
    document = export(unit)
    elements = ", ".join(f"CFItems[{item_index(document, code)}]" for code in ("DL201", "DL202", "DL203"))

    with translation.override("en"), pytest.raises(CaseImportError) as refused:
        case_import(document)

    assert "CFDocument: identifiers already used by competency unit revisions in the portal" in refused.value.errors
    assert f"{elements}: identifiers already used by elements in the portal" in refused.value.errors
    assert Unit.objects.count() == 1 and PerformanceCriterion.objects.count() == 10


def test_anyone_can_fetch_the_published_unit_as_case_json(unit, client):
    response = client.get("/standards/DG-EJJM-026/case.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = response.json()
    assert document["CFDocument"]["title"] == "ออกแบบองค์กรดิจิทัล"
    assert document["CFDocument"]["uri"] == "http://testserver/standards/DG-EJJM-026/case.json"
    assert len(document["CFItems"]) == 46
