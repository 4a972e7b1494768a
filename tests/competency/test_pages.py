"""Anyone can read the standard: the list, the unit laid out like the official document, in Thai or English."""
import pytest
from django.urls import reverse

from competency.services import unit_publish, unit_revision_create

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_published_unit(unit, client):
    response = client.get(reverse("competency:unit_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "DG-EJJM-026" in body
    assert "ออกแบบองค์กรดิจิทัล" in body


def test_the_unit_page_is_thai_by_default_and_shows_every_part(unit, client):
    response = client.get(reverse("competency:unit_detail", args=["DG-EJJM-026"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="th">' in body
    for criterion in unit.criteria.all():
        assert criterion.code in body
        assert str(criterion.system_id) in body
        assert criterion.text_th in body
    for statement in unit.statements.all():
        assert statement.text_th in body
    assert "สอบข้อเขียน" in body
    assert "ทบทวนครั้งที่ 1 / 2567" in body


def test_accept_language_english_gives_the_english_reading(unit, client):
    response = client.get(
        reverse("competency:unit_detail", args=["DG-EJJM-026"]), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    )
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Design a Digital Organization" in body
    assert "Written examination" in body
    assert "Elements and performance criteria" in body
    assert unit.criteria.get(code="DL201.01").text_en in body


def test_the_language_switcher_remembers_english(unit, client):
    url = reverse("competency:unit_detail", args=["DG-EJJM-026"])
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Design a Digital Organization" in body


def test_an_unknown_unit_code_is_a_404_in_the_readers_language(unit, client):
    response = client.get(reverse("competency:unit_detail", args=["NO-SUCH-UNIT"]))
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()

    response = client.get(reverse("competency:unit_detail", args=["NO-SUCH-UNIT"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_draft_revision_is_not_public(unit, standards_administrator, client):
    draft = unit_revision_create(unit=unit, by=standards_administrator)
    response = client.get(reverse("competency:unit_revision_detail", args=["DG-EJJM-026", draft.revision_number]))
    assert response.status_code == 404


def test_older_revisions_stay_readable_after_a_new_one_is_published(unit, standards_administrator, client):
    draft = unit_revision_create(unit=unit, by=standards_administrator)
    renamed = draft.criteria.get(code="DL203.01")
    renamed.text_th = "จัดทำและส่งมอบพิมพ์เขียว (Blueprint) องค์กรดิจิทัล"
    renamed.save()
    unit_publish(unit=draft, by=standards_administrator)

    current = client.get(reverse("competency:unit_detail", args=["DG-EJJM-026"])).content.decode()
    old = client.get(reverse("competency:unit_revision_detail", args=["DG-EJJM-026", 1])).content.decode()

    assert "จัดทำและส่งมอบพิมพ์เขียว" in current
    assert "จัดทำและส่งมอบพิมพ์เขียว" not in old
    assert "จัดทำพิมพ์เขียว (Blueprint) องค์กรดิจิทัล" in old


def test_the_page_reads_the_unit_in_a_fixed_number_of_queries(unit, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("competency:unit_detail", args=["DG-EJJM-026"]))
