"""Standards administrators author the bank in the portal: items with a preview, versions, CSV and QTI 3.0."""
import csv
import io
import zipfile
from collections import Counter
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from exams import bank_csv, qti
from exams.conf import seed_bank_files
from exams.content import ChoiceContent, ItemContent
from exams.models import DefinitionRule, ExamDefinition, Item, ItemType, ItemVersion
from exams.selectors import bank_items, bank_pool, content_of, item_current_version
from exams.services import BankImportError, ItemInvalid, answer_save, bank_import, item_create, item_update
from tests.exams.factories import CRITERION_CODES, KNOWLEDGE_AREA_KEYS, answer_of, right_value, start
from tests.standards import qti_item_errors, qti_manifest_errors, standards_folder

pytestmark = pytest.mark.django_db


def _item_post(**overrides) -> dict:
    data = {
        "code": "NEW-01", "status": "approved", "difficulty": "medium", "item_type": "single_choice", "points": "1",
        "stem_th": "ข้อใดคือหลักการออกแบบบริการที่ยึดผู้ใช้เป็นศูนย์กลาง",
        "stem_en": "Which is the principle of user-centred service design?",
        "answer_true": "", "accepted_answers": "", "rubric": "",
        "criteria": ["DL201.01"], "knowledge_areas": ["K4"],
        "choices-TOTAL_FORMS": "6", "choices-INITIAL_FORMS": "6", "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "6",
    }
    for n in range(6):
        data |= {f"choices-{n}-text_th": "", f"choices-{n}-text_en": ""}
    data |= {"choices-0-text_th": "เริ่มจากความต้องการของผู้ใช้", "choices-0-text_en": "Start from users' needs",
             "choices-0-is_correct": "on",
             "choices-1-text_th": "เริ่มจากผังองค์กร", "choices-1-text_en": "Start from the organisation chart"}
    return data | overrides


# --- The seed bank ---------------------------------------------------------------------------------------------


def test_the_seed_bank_is_large_bilingual_and_covers_the_unit(bank):
    items = bank_items(unit_code="DG-EJJM-026")
    versions = [item.current for item in items]
    assert len(items) >= 40
    assert all(v.stem_th and v.stem_en for v in versions)
    assert {v.item_type for v in versions} == set(ItemType.values)
    criteria = {c.code for v in versions for c in v.criteria.all()}
    assert criteria == set(CRITERION_CODES)
    areas = {content_of(v).knowledge_keys for v in versions}
    assert set(KNOWLEDGE_AREA_KEYS) <= {key for keys in areas for key in keys}
    for v in versions:
        if v.item_type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE):
            assert all(c.text_th and c.text_en for c in v.choices.all())


# The 67 items the bank held when it was written as Python, in the order they were written.
SEED_CODES = ["EA-01", "EA-02", "EA-03", "EA-04", "EA-05", "DS-01", "DS-02", "DS-03", "DS-04", "DS-05", "DS-06", "OD-01", "OD-02", "OD-03", "OD-04", "OD-05", "SD-01", "SD-02", "SD-03", "SD-04", "SD-05", "AI-01", "AI-02", "AI-03", "AI-04", "AI-05", "MS-01", "MS-02", "MS-03", "MS-04", "MS-05", "DT-01", "DT-02", "DT-03", "DT-04", "DT-05", "SM-01", "SM-02", "SM-03", "SM-04", "SM-05", "CM-01", "CM-02", "CM-03", "CM-04", "CM-05", "GX-01", "GX-02", "GX-03", "GX-04", "GX-05", "PM-01", "PM-02", "PM-03", "PM-04", "PM-05", "TL-01", "TL-02", "TL-03", "TL-04", "TL-05", "BP-01", "BP-02", "ES-01", "ES-02", "ES-03", "ES-04"]


def test_the_seed_bank_file_loads_the_same_items_as_before(unit):
    call_command("load_exam_bank", verbosity=0)

    items = Item.objects.filter(unit=unit).order_by("pk")
    assert [item.code for item in items] == SEED_CODES
    assert {item.status for item in items} == {Item.Status.APPROVED}
    versions = [item_current_version(item) for item in items]
    assert Counter(v.item_type for v in versions) == {
        ItemType.SINGLE_CHOICE: 34, ItemType.TRUE_FALSE: 12, ItemType.MULTIPLE_CHOICE: 11,
        ItemType.SHORT_ANSWER: 6, ItemType.ESSAY: 4}
    essays = [v for v in versions if v.item_type == ItemType.ESSAY]
    assert all(v.points == 4 and [level["points"] for level in v.rubric] == ["0", "1", "2", "3", "4"] for v in essays)
    first = content_of(versions[0])
    assert (first.criterion_codes, first.knowledge_keys, [c.is_correct for c in first.choices]) == (
        ("DL203.01",), ("K1",), [False, True, False, False])


def test_the_default_exam_asks_for_every_knowledge_area_every_criterion_and_an_essay(written_exam):
    rules = list(written_exam.rules.select_related("criterion", "knowledge_area").order_by("order"))
    areas = [rule.knowledge_area for rule in rules if rule.knowledge_area]
    assert len(areas) == len(KNOWLEDGE_AREA_KEYS) and all(rule.count == 2 for rule in rules[:len(areas)])
    assert [rule.criterion.code for rule in rules if rule.criterion] == list(CRITERION_CODES)
    assert [(rule.kind, rule.count) for rule in rules if not (rule.criterion or rule.knowledge_area)] == [
        (DefinitionRule.Kind.ESSAY, 1)]
    assert (written_exam.item_count, written_exam.title_en) == (
        30, "Written examination, DG-EJJM-026 Design a Digital Organization")


def test_a_seed_bank_file_with_an_error_loads_nothing(unit, settings, tmp_path):
    items_file, definition_file = seed_bank_files()
    rows = items_file.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / items_file.name).write_text(rows[0] + rows[1].replace(",K1,", ",K42,"), encoding="utf-8")
    (tmp_path / definition_file.name).write_bytes(definition_file.read_bytes())
    settings.EXAM_SEED_BANK_DIR = tmp_path

    with pytest.raises(CommandError, match="K42"):
        call_command("load_exam_bank", verbosity=0)
    assert not Item.objects.exists()
    assert not ExamDefinition.objects.exists()


def test_right_answers_are_not_always_in_the_same_place(bank):
    positions = {
        [c.is_correct for c in v.choices.all()].index(True)
        for v in ItemVersion.objects.filter(item_type=ItemType.SINGLE_CHOICE).prefetch_related("choices")
    }
    assert len(positions) >= 4


def test_load_exam_bank_is_idempotent(unit):
    call_command("load_exam_bank", verbosity=0)
    counts = (Item.objects.count(), ItemVersion.objects.count(), ExamDefinition.objects.count())
    call_command("load_exam_bank", verbosity=0)
    assert (Item.objects.count(), ItemVersion.objects.count(), ExamDefinition.objects.count()) == counts
    definition = ExamDefinition.objects.get()
    assert (definition.time_limit_minutes, definition.pass_mark_percent, definition.attempts_allowed) == (
        60, Decimal("60.00"), 2)
    assert definition.shuffle_items and definition.shuffle_choices and definition.closes_at is None


# --- Items and their versions ----------------------------------------------------------------------------------


def test_editing_an_unseen_item_changes_it_in_place(bank, standards_administrator):
    item = Item.objects.get(code="EA-01")
    content = content_of(item_current_version(item))
    changed = ItemContent(**{**content.__dict__, "stem_en": "Which framework uses the ADM cycle?"})

    version = item_update(item=item, status=item.status, difficulty=item.difficulty, content=changed,
                          by=standards_administrator)

    assert version.number == 1
    assert item.versions.count() == 1


def test_editing_an_answered_item_makes_a_new_version_and_the_attempt_keeps_the_old(
    case, objective_only, standards_administrator
):
    attempt = start(case, objective_only)
    single = answer_of(attempt, ItemType.SINGLE_CHOICE)
    answer_save(attempt=attempt, item_version_id=single.item_version_id, value=right_value(single))
    seen = single.item_version
    content = content_of(seen)
    changed = ItemContent(**{**content.__dict__, "stem_th": content.stem_th + " (ปรับปรุง)"})

    new = item_update(item=seen.item, status=seen.item.status, difficulty=seen.item.difficulty, content=changed,
                      by=standards_administrator)

    seen.refresh_from_db()
    single.refresh_from_db()
    assert (new.number, new.is_current, seen.is_current) == (2, True, False)
    assert single.item_version_id == seen.pk
    assert content_of(seen) == content  # what the candidate saw is untouched
    assert new.pk in {item.version_id for item in bank_pool(seen.item.unit)}
    assert seen.pk not in {item.version_id for item in bank_pool(seen.item.unit)}


def test_changing_only_the_status_makes_no_version(case, objective_only, standards_administrator):
    attempt = start(case, objective_only)
    seen = answer_of(attempt, ItemType.TRUE_FALSE).item_version
    item_update(item=seen.item, status=Item.Status.RETIRED, difficulty=seen.item.difficulty,
                content=content_of(seen), by=standards_administrator)
    assert seen.item.versions.count() == 1
    assert Item.objects.get(pk=seen.item_id).status == Item.Status.RETIRED


def test_an_item_breaking_the_rules_lists_every_reason(bank, standards_administrator):
    content = ItemContent(item_type=ItemType.SINGLE_CHOICE, stem_th="", choices=(
        ChoiceContent("ก", "", True), ChoiceContent("ข", "", True)), criterion_codes=("DL999.99",))
    with pytest.raises(ItemInvalid) as refused:
        item_create(unit=bank, code="BAD-01", status="approved", difficulty="easy", content=content,
                    by=standards_administrator)
    messages = refused.value.messages
    assert len(messages) == 3
    assert any("Thai text" in m for m in messages)
    assert any("exactly one correct" in m for m in messages)
    assert any("DL999.99" in m for m in messages)
    assert not Item.objects.filter(code="BAD-01").exists()


# --- The authoring pages ---------------------------------------------------------------------------------------


def test_a_standards_administrator_previews_then_saves_a_new_item(client, bank, standards_administrator):
    client.force_login(standards_administrator)
    url = reverse("exams:item_new", args=["DG-EJJM-026"])

    preview = client.post(url, _item_post(preview="1"))

    assert preview.status_code == 200
    assert 'id="item-preview"' in preview.content.decode()
    assert not Item.objects.filter(code="NEW-01").exists()

    saved = client.post(url, _item_post(save="1"))

    item = Item.objects.get(code="NEW-01")
    assert saved.url == reverse("exams:item_edit", args=["DG-EJJM-026", item.pk])
    assert content_of(item_current_version(item)).choices[0].is_correct


def test_the_item_form_shows_every_error(client, bank, standards_administrator):
    client.force_login(standards_administrator)
    response = client.post(reverse("exams:item_new", args=["DG-EJJM-026"]),
                           _item_post(**{"choices-0-is_correct": "", "criteria": [], "knowledge_areas": []}))
    body = response.content.decode()
    assert response.status_code == 400
    assert "exactly one correct choice" in body
    assert "at least one performance criterion or knowledge area" in body


def test_the_edit_page_shows_the_item_as_candidates_see_it_and_its_versions(client, bank, standards_administrator):
    item = Item.objects.get(code="GX-01")
    client.force_login(standards_administrator)
    body = client.get(reverse("exams:item_edit", args=["DG-EJJM-026", item.pk])).content.decode()
    assert "G2G" in body
    assert 'data-version="1"' in body


@pytest.mark.parametrize("fixture", ["candidate", "assessor"])
def test_only_standards_administrators_author(client, bank, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    for url in (reverse("exams:bank", args=["DG-EJJM-026"]), reverse("exams:item_new", args=["DG-EJJM-026"]),
                reverse("exams:export_csv", args=["DG-EJJM-026"]), reverse("exams:import_qti", args=["DG-EJJM-026"])):
        assert client.get(url).status_code == 404  # outsiders are told the page does not exist (accounts/permissions.py)


# --- CSV ---------------------------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _csv_text(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=bank_csv.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_csv_export_then_import_round_trips_the_bank(client, bank, standards_administrator):
    client.force_login(standards_administrator)
    exported = client.get(reverse("exams:export_csv", args=["DG-EJJM-026"]))
    text = exported.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs then read the Thai correctly
    before = {item.code: content_of(item.current) for item in bank_items(unit_code="DG-EJJM-026")}

    upload = SimpleUploadedFile("items.csv", exported.content, content_type="text/csv")
    response = client.post(reverse("exams:import_csv", args=["DG-EJJM-026"]), {"file": upload})

    assert response.status_code == 302
    after = {item.code: content_of(item.current) for item in bank_items(unit_code="DG-EJJM-026")}
    assert after == before
    assert ItemVersion.objects.filter(number__gt=1).count() == 0


def test_a_csv_with_errors_lists_every_one_with_its_row_and_imports_nothing(client, bank, standards_administrator):
    rows = _csv_rows(bank_csv.export_rows(bank_items(unit_code="DG-EJJM-026")))
    good = dict(rows[0], code="CSV-OK")
    no_thai = dict(rows[1], code="CSV-2", stem_th="")
    bad_type = dict(rows[2], code="CSV-3", type="matching")
    bad_tag = dict(rows[3], code="CSV-4", criteria="DL999.01")
    duplicate = dict(rows[4], code="CSV-OK")
    client.force_login(standards_administrator)
    before = ItemVersion.objects.count()

    upload = SimpleUploadedFile("items.csv", _csv_text([good, no_thai, bad_type, bad_tag, duplicate]))
    response = client.post(reverse("exams:import_csv", args=["DG-EJJM-026"]), {"file": upload})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Row 3: The question needs its Thai text." in body
    assert "Row 4: Unknown item type" in body
    assert "Row 5: Unknown criterion or knowledge area: DL999.01." in body
    assert "Row 6: The code CSV-OK is also used by Row 2." in body
    assert ItemVersion.objects.count() == before
    assert not Item.objects.filter(code__startswith="CSV-").exists()


def test_a_thai_windows_csv_is_read(bank, standards_administrator):
    rows = _csv_rows(bank_csv.export_rows(bank_items(unit_code="DG-EJJM-026")))
    raw = _csv_text([dict(rows[0], code="CP874-01")]).decode().encode("cp874")
    entries, errors = bank_csv.parse(raw)
    assert errors == []
    assert entries[0].content.stem_th == rows[0]["stem_th"]


def test_a_csv_without_the_columns_is_refused(bank):
    entries, errors = bank_csv.parse(b"name,question\nx,y\n")
    assert entries == [] and "missing: code, status, difficulty, type, stem_th" in errors[0]


# --- QTI 3.0 -----------------------------------------------------------------------------------------------------


def test_qti_export_holds_every_objective_item_as_qti3(bank):
    items = bank_items(unit_code="DG-EJJM-026")
    package, count = qti.export_package(items, unit=bank)
    objective = [i for i in items if i.current.item_type != ItemType.ESSAY]
    assert count == len(objective)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = set(archive.namelist())
        assert "imsmanifest.xml" in names
        xml = archive.read("items/EA-01.xml").decode()
    assert 'xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"' in xml
    assert "<qti-choice-interaction" in xml and "<qti-correct-response>" in xml


def test_qti_export_then_import_round_trips_objective_items(client, bank, standards_administrator):
    client.force_login(standards_administrator)
    package = client.get(reverse("exams:export_qti", args=["DG-EJJM-026"])).content
    items = bank_items(unit_code="DG-EJJM-026")
    before = {i.code: content_of(i.current) for i in items if i.current.item_type != ItemType.ESSAY}

    entries, errors = qti.parse(package)

    assert errors == []
    assert {entry.code: entry.content for entry in entries} == before
    assert {entry.code: (entry.status, entry.difficulty) for entry in entries} == {
        i.code: (i.status, i.difficulty) for i in items if i.current.item_type != ItemType.ESSAY}
    assert {entry.content.item_type for entry in entries} == {
        ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER}
    upload = SimpleUploadedFile("bank.zip", package, content_type="application/zip")
    assert client.post(reverse("exams:import_qti", args=["DG-EJJM-026"]), {"file": upload}).status_code == 302
    assert ItemVersion.objects.filter(number__gt=1).count() == 0


def test_the_qti_manifest_and_every_item_are_valid_against_the_official_qti3_schemas(bank):
    package, count = qti.export_package(bank_items(unit_code="DG-EJJM-026"), unit=bank)

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert qti_manifest_errors(archive.read("imsmanifest.xml")) == []
        items = [name for name in archive.namelist() if name.startswith("items/")]
        assert len(items) == count
        assert {name: qti_item_errors(archive.read(name)) for name in items} == {name: [] for name in items}


def test_the_manifest_says_what_qti_has_no_place_for_in_lom_and_curriculum_standards(bank):
    package, _count = qti.export_package(bank_items(unit_code="DG-EJJM-026"), unit=bank)
    manifest = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(package)).read("imsmanifest.xml"))
    item = Item.objects.get(code="AI-04")  # a true/false item on DL202.03 and K5
    version = item_current_version(item)
    metadata = manifest.find(f"{{{qti.CP}}}resources/{{{qti.CP}}}resource[@identifier='AI-04']/{{{qti.CP}}}metadata")

    guids = metadata.findall(f".//{{{qti.CSMD}}}labelledGUID")
    assert [(g.findtext(f"{{{qti.CSMD}}}label"), g.findtext(f"{{{qti.CSMD}}}GUID")) for g in guids] == [
        (c.code, str(c.case_identifier)) for c in version.criteria.order_by("code")]
    lom = metadata.find(f"{{{qti.LOM}}}lom")
    assert lom.findtext(f"{{{qti.LOM}}}lifeCycle/{{{qti.LOM}}}status/{{{qti.LOM}}}value") == qti.LOM_STATUS[item.status]
    assert lom.findtext(f".//{{{qti.LOM}}}difficulty/{{{qti.LOM}}}value") == qti.LOM_DIFFICULTY[item.difficulty]
    assert lom.findtext(f".//{{{qti.LOM}}}learningResourceType/{{{qti.LOM}}}value") == ItemType.TRUE_FALSE
    assert [t.text for t in lom.iterfind(f".//{{{qti.LOM}}}taxon/{{{qti.LOM}}}id")] == ["K5"]


def test_the_schema_check_accepts_1edtechs_own_package_and_refuses_the_portals_own_metadata(bank):
    examples = standards_folder() / "qti" / "examples"
    assert qti_manifest_errors((examples / "imsmanifest.xml").read_bytes()) == []
    for name in ("choice.xml", "choice_multiple.xml", "text_entry.xml"):
        assert qti_item_errors((examples / name).read_bytes()) == [], name

    # The control: the portal's old manifest metadata, in a namespace of its own, is what the schema refuses.
    package, _count = qti.export_package(bank_items(unit_code="DG-EJJM-026"), unit=bank)
    manifest = zipfile.ZipFile(io.BytesIO(package)).read("imsmanifest.xml").decode()
    old = manifest.replace("<metadata><qmd:qtiMetadata>",
                           '<metadata><dg:item xmlns:dg="urn:dg-portal:exams:1" type="true_false" /><qmd:qtiMetadata>', 1)
    assert any("{urn:dg-portal:exams:1}item" in error and "not expected" in error
               for error in qti_manifest_errors(old.encode()))


def _broken_package(bank) -> bytes:
    package, _count = qti.export_package(bank_items(unit_code="DG-EJJM-026"), unit=bank)
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "items/EA-01.xml":
                data = data.replace(b"</qti-item-body>", b"")  # no longer well-formed
            elif name == "items/DS-01.xml":
                data = data.replace(b"<qti-value>C4</qti-value>", b"<qti-value>C9</qti-value>")
            elif name == "imsmanifest.xml":
                data = data.replace(b">DL201.03</csmd:label>", b">DL000.00</csmd:label>", 1)
            elif name == "items/GX-03.xml":
                continue  # named in the manifest but missing
            target.writestr(name, data)
    return out.getvalue()


def test_a_qti_package_with_errors_lists_every_one_with_its_item_and_imports_nothing(
    client, bank, standards_administrator
):
    client.force_login(standards_administrator)
    before = ItemVersion.objects.count()
    upload = SimpleUploadedFile("bank.zip", _broken_package(bank), content_type="application/zip")

    response = client.post(reverse("exams:import_qti", args=["DG-EJJM-026"]), {"file": upload})

    body = response.content.decode()
    assert response.status_code == 400
    assert "items/EA-01.xml: not well-formed XML" in body
    assert "items/GX-03.xml: the manifest names a file the package does not hold." in body
    assert ItemVersion.objects.count() == before


def test_qti_content_errors_are_listed_per_item(bank):
    entries, _errors = qti.parse(_broken_package(bank))
    with pytest.raises(BankImportError) as refused:
        bank_import(unit=bank, entries=entries, by=None)
    messages = refused.value.messages
    assert any(m.startswith("items/DS-01.xml: ") and "C9" in m for m in messages)
    assert any("DL000.00" in m for m in messages)


def test_a_file_that_is_not_a_package_is_refused(bank):
    entries, errors = qti.parse(b"<qti-assessment-item/>")
    assert entries == [] and "zip" in errors[0]


def test_the_bank_lists_and_filters_items(client, bank, standards_administrator):
    client.force_login(standards_administrator)
    url = reverse("exams:bank", args=["DG-EJJM-026"])
    everything = client.get(url).content.decode()
    essays = client.get(url, {"item_type": "essay"}).content.decode()
    found = client.get(url, {"search": "ADM"}).content.decode()
    assert everything.count('<tr data-item="') == Item.objects.count()
    assert essays.count('<tr data-item="') == 4
    assert 'data-item="EA-01"' in found and 'data-item="ES-01"' not in found
