"""Starting the written exam needs a sign-in at the assurance level the setting names: below it (a password, or a
ThaID sign-in at a lower level) the candidate is asked to sign in again with ThaID and nothing is started."""
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from exams.models import Attempt
from tests.oidc.harness import thaid_sign_in

pytestmark = pytest.mark.django_db

ASK_AGAIN = ("This step needs a surer proof of who you are than this sign-in gives. Please sign in again with ThaID; "
             "nothing was started.")


@pytest.fixture
def exam_needs_ial_2(settings):
    settings.MIN_ASSURANCE_EXAM_START = "2.1"


def _asked_to_sign_in_again(response, start_url):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert start_url.replace("/", "%2F") in response["Location"], "sent back to the exam afterwards"
    # These tests read English (tests/exams/conftest.py); the Thai is checked in the browser journey.
    assert translation.gettext(ASK_AGAIN) in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_password_sign_in_is_asked_for_thaid_and_starts_nothing(client, candidate, case, written_exam,
                                                                   exam_needs_ial_2):
    client.force_login(candidate)
    url = reverse("exams:start", args=[case.pk, written_exam.pk])
    _asked_to_sign_in_again(client.get(url), url)
    _asked_to_sign_in_again(client.post(url), url)
    assert not Attempt.objects.exists()


def test_a_thaid_sign_in_below_the_level_starts_nothing(client, candidate, case, written_exam, exam_needs_ial_2,
                                                        thaid):
    thaid_sign_in(client, "somying", candidate)  # ial 1.1
    url = reverse("exams:start", args=[case.pk, written_exam.pk])
    _asked_to_sign_in_again(client.post(url), url)
    assert not Attempt.objects.exists()


def test_a_thaid_sign_in_at_the_level_starts_the_exam(client, candidate, case, written_exam, exam_needs_ial_2, thaid):
    url = reverse("exams:start", args=[case.pk, written_exam.pk])
    response = thaid_sign_in(client, "somchai", candidate, next_url=url)  # ial 2.3
    assert response["Location"] == url, "back at the exam after signing in"
    response = client.post(url)
    assert response["Location"] == reverse("exams:take", args=[Attempt.objects.get().pk])


def test_without_a_setting_a_password_sign_in_starts_the_exam(client, candidate, case, written_exam, settings):
    settings.MIN_ASSURANCE_EXAM_START = None
    client.force_login(candidate)
    client.post(reverse("exams:start", args=[case.pk, written_exam.pk]))
    assert Attempt.objects.count() == 1
