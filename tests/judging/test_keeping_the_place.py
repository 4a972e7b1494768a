"""Saving a judgment keeps the assessor's place: the script gets the new verdict and a message to speak, and
without the script the page comes back at the criterion saying it was saved."""
import pytest
from django.urls import reverse

from judging.models import CaseLease, Judgment, Verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(client, allocated_case, assessor):
    client.force_login(assessor)
    client.post(reverse("judging:take", args=[allocated_case.pk]), {"declaration": "on"})
    return CaseLease.objects.get(case=allocated_case).token


def _post(client, case, code, token, score, comment="", **headers):
    criterion = case.unit.criteria.get(code=code)
    prefix = f"c{criterion.pk}"
    return client.post(reverse("judging:judge", args=[case.pk, criterion.pk]), {
        f"{prefix}-lease_token": token, f"{prefix}-score": str(score), f"{prefix}-comment": comment,
    }, **headers)


def test_the_script_gets_the_new_verdict_progress_and_a_thai_confirmation(client, allocated_case, held):
    response = _post(client, allocated_case, "DL201.03", held, 3, HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    body = response.json()
    assert body["criterion"] == "DL201.03"
    assert body["verdict"] == Verdict.COMPETENT
    assert (body["judged"], body["total"]) == (1, 10)
    assert body["message"].startswith("บันทึกแล้ว: DL201.03")
    assert "1 จาก 10" in body["message"]
    assert Judgment.objects.get(criterion__code="DL201.03").score == 3


def test_the_script_is_told_why_a_save_is_refused_and_nothing_changes(client, allocated_case, held):
    response = _post(client, allocated_case, "DL201.01", held, 1, comment="", HTTP_ACCEPT="application/json",
                     HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["criterion"] == "DL201.01"
    assert response.json()["error"]
    assert not Judgment.objects.exists()


def test_without_the_script_the_page_returns_at_the_criterion_saying_it_was_saved(client, allocated_case, held):
    response = _post(client, allocated_case, "DL202.02", held, 2)

    assert response.status_code == 302
    assert response.url.endswith("?saved=DL202.02#criterion-DL202.02")
    page = client.get(response.url).content.decode()
    card = page[page.index('id="criterion-DL202.02"'):page.index('id="criterion-DL202.03"')]
    assert 'role="status">บันทึกแล้ว: DL202.02' in card


def test_the_screen_lists_its_keyboard_shortcuts(client, allocated_case, held):
    page = client.get(reverse("judging:screen", args=[allocated_case.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Keyboard shortcuts" in page
    for key in ("n", "p", "0", "9", "s"):
        assert f"<kbd>{key}</kbd>" in page
