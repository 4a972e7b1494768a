"""A standards administrator changes the standard through its own editor: a draft revision, edited Thai beside
English, its changes read word by word, published with a confirmation; and an exam definition's rules."""
import pytest
from django.urls import reverse
from django.utils import translation

from assessments.services import case_enrol
from competency.models import PerformanceCriterion, RubricLevel, Unit
from exams.models import DefinitionRule
from tests.exams.factories import definition_for

from .forms import editor_form, row_prefix

pytestmark = pytest.mark.django_db

NEW_TEXT_EN = "Define the digital organisation's core work processes so that they follow its policy and strategy"
NEW_TEXT_TH = "กำหนดกระบวนงานหลักขององค์กรดิจิทัลให้สอดคล้องกับนโยบายและยุทธศาสตร์"


@pytest.fixture
def author(client, standards_administrator):
    client.force_login(standards_administrator)
    translation.activate("th")
    return client


def open_draft(client, unit) -> Unit:
    response = client.post(reverse("authoring:revision_open", args=[unit.code]))
    draft = Unit.objects.get(code=unit.code, state=Unit.State.DRAFT)
    assert response.status_code == 302 and response["Location"] == reverse("authoring:revision", args=[draft.pk])
    return draft


def test_the_editor_lists_each_revision_with_the_open_cases_pinned_to_it(author, unit, candidate):
    case_enrol(candidate=candidate, unit_code=unit.code)
    page = author.get(reverse("authoring:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-revision="1"' in html
    assert "เปิดฉบับปรับปรุงใหม่เป็นฉบับร่าง" in html  # "Open a new revision as a draft"
    row = html.split('data-revision="1"')[1].split("</tr>")[0]
    assert "<td>1</td>" in row  # one open case pinned to revision 1


def test_a_draft_is_edited_thai_beside_english_and_the_published_revision_stays(author, unit):
    draft = open_draft(author, unit)
    fields = editor_form(author.get(reverse("authoring:revision", args=[draft.pk])))
    row = row_prefix(fields, "criteria", code="DL201.01")
    fields[f"{row}-text_en"] = NEW_TEXT_EN
    fields[f"{row}-text_th"] = NEW_TEXT_TH
    fields["title_en"] = "Design a digital organisation"

    response = author.post(reverse("authoring:revision", args=[draft.pk]), fields)

    assert response.status_code == 302
    edited = draft.criteria.get(code="DL201.01")
    assert (edited.text_th, edited.text_en) == (NEW_TEXT_TH, NEW_TEXT_EN)
    draft.refresh_from_db()
    assert draft.title_en == "Design a digital organisation"
    original = unit.criteria.get(code="DL201.01")
    assert original.text_en != NEW_TEXT_EN and original.text_th != NEW_TEXT_TH
    assert draft.criteria.count() == unit.criteria.count() == 10


def test_the_changes_page_shows_words_removed_and_added(author, unit):
    draft = open_draft(author, unit)
    criterion = draft.criteria.get(code="DL201.01")
    old_en = criterion.text_en
    criterion.text_en = old_en.replace("core", "main")
    criterion.save()

    html = author.get(reverse("authoring:changes", args=[draft.pk])).content.decode()

    rows = [row for row in html.split("<tr>") if '<th scope="row">DL201.01</th>' in row]
    assert len(rows) == 1  # one field of DL201.01 changed: its English text
    assert '<del><span class="visually-hidden">ลบ: </span>core</del>' in rows[0]
    assert '<ins><span class="visually-hidden">เพิ่ม: </span>main</ins>' in rows[0]
    assert rows[0].count("<del>") == 1 and rows[0].count("<ins>") == 1


def test_publishing_asks_for_confirmation_and_says_how_many_cases_stay_on_the_old_revision(author, unit, candidate):
    case_enrol(candidate=candidate, unit_code=unit.code)
    draft = open_draft(author, unit)
    url = reverse("authoring:publish", args=[draft.pk])
    page = author.get(url).content.decode()
    assert "1 กรณีที่ยังเปิดอยู่" in page  # "1 open case stays pinned to revision 1"

    unconfirmed = author.post(url, {})
    assert unconfirmed.status_code == 400
    draft.refresh_from_db()
    assert draft.state == Unit.State.DRAFT

    confirmed = author.post(url, {"confirm": "on"})
    assert confirmed.status_code == 302
    draft.refresh_from_db()
    unit.refresh_from_db()
    assert (draft.state, unit.state) == (Unit.State.PUBLISHED, Unit.State.SUPERSEDED)
    assert candidate.assessment_cases.get().unit == unit


def test_a_published_revision_is_not_changed_by_its_page(author, unit):
    fields = editor_form(author.get(reverse("authoring:revision", args=[unit.pk])))
    row = row_prefix(fields, "criteria", code="DL201.01")
    fields[f"{row}-text_en"] = NEW_TEXT_EN

    response = author.post(reverse("authoring:revision", args=[unit.pk]), fields)

    assert response.status_code == 409
    assert "แก้ไขโดยตรงไม่ได้" in response.content.decode()  # told why, and to create a new revision instead
    assert unit.criteria.get(code="DL201.01").text_en != NEW_TEXT_EN


def test_a_bad_row_saves_nothing_and_says_which_field(author, unit):
    draft = open_draft(author, unit)
    fields = editor_form(author.get(reverse("authoring:revision", args=[draft.pk])))
    first = row_prefix(fields, "criteria", code="DL201.01")
    second = row_prefix(fields, "criteria", code="DL201.02")
    fields[f"{first}-text_en"] = NEW_TEXT_EN
    fields[f"{second}-code"] = "DL201.01"  # two criteria may not share a code

    response = author.post(reverse("authoring:revision", args=[draft.pk]), fields)

    assert response.status_code == 400
    assert 'class="alert alert-danger py-1 small"' in response.content.decode()  # the duplicate code, named
    assert draft.criteria.get(code="DL201.01").text_en != NEW_TEXT_EN
    assert draft.criteria.filter(code="DL201.02").exists()


def test_deleting_an_element_that_still_has_criteria_is_refused(author, unit):
    draft = open_draft(author, unit)
    fields = editor_form(author.get(reverse("authoring:revision", args=[draft.pk])))
    fields[f"{row_prefix(fields, 'elements', code='DL201')}-DELETE"] = "on"

    response = author.post(reverse("authoring:revision", args=[draft.pk]), fields)

    assert response.status_code == 400
    assert "DL201" in response.content.decode()
    assert draft.elements.filter(code="DL201").exists()
    assert draft.criteria.filter(element__code="DL201").count() == unit.criteria.filter(element__code="DL201").count() == 4


def test_a_criterion_gets_its_own_levels_and_one_must_count_as_competent(author, unit):
    draft = open_draft(author, unit)
    criterion = draft.criteria.get(code="DL202.01")
    url = reverse("authoring:rubric", args=[draft.pk, criterion.pk])
    author.post(url, {"from_default": "1"})
    assert list(criterion.rubric_levels.values_list("score", flat=True)) == [0, 1, 2, 3]

    fields = editor_form(author.get(url))
    for i in range(4):
        fields.pop(f"levels-{i}-counts_as_competent", None)
    response = author.post(url, fields)

    assert response.status_code == 400
    assert criterion.rubric_levels.filter(counts_as_competent=True).count() == 2
    assert RubricLevel.objects.filter(criterion__unit=unit).count() == 0


def test_an_exam_definitions_rules_are_edited_beside_its_details(author, unit):
    definition = definition_for(unit, kinds=[DefinitionRule.Kind.ESSAY], code="round-1")
    url = reverse("authoring:definition", args=[definition.pk])
    fields = editor_form(author.get(url))
    criterion = PerformanceCriterion.objects.get(unit=unit, code="DL203.02")
    fields.update({"time_limit_minutes": "90", "rules-1-order": "2", "rules-1-criterion": str(criterion.pk),
                   "rules-1-kind": DefinitionRule.Kind.OBJECTIVE, "rules-1-count": "3"})

    assert author.post(url, fields).status_code == 302

    definition.refresh_from_db()
    assert definition.time_limit_minutes == 90
    assert definition.rules.get(criterion=criterion).count == 3


def test_a_rule_with_two_tags_is_refused_and_nothing_is_saved(author, unit):
    definition = definition_for(unit, kinds=[DefinitionRule.Kind.ESSAY], code="round-1")
    url = reverse("authoring:definition", args=[definition.pk])
    fields = editor_form(author.get(url))
    area = unit.statements.filter(section="knowledge").first()
    fields.update({"time_limit_minutes": "90", "rules-0-criterion": str(unit.criteria.first().pk),
                   "rules-0-knowledge_area": str(area.pk)})

    response = author.post(url, fields)

    assert response.status_code == 400
    definition.refresh_from_db()
    assert definition.time_limit_minutes == 30
    assert definition.rules.get().criterion is None
