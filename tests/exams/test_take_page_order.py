"""The exam page puts the question first for a keyboard or screen-reader user: the skip link leads to it, and the
bar with the clock and the question map (behind its button) comes after the questions in the page."""
import pytest
from django.urls import reverse

from tests.exams.factories import start

pytestmark = pytest.mark.django_db


def test_the_question_comes_before_the_bar_and_the_map_is_behind_a_button(client, candidate, case, objective_only):
    attempt = start(case, objective_only)
    client.force_login(candidate)

    body = client.get(reverse("exams:take", args=[attempt.pk])).content.decode()

    skip = body.index('id="exam-skip"')
    assert skip < body.index('id="main"'), "the skip link is the first thing on the page"
    assert 'href="#question-1"' in body[skip - 80:skip + 80]
    assert body.index('id="question-1"') < body.index('id="exam-bar"') < body.index('id="exam-map"')
    assert 'aria-controls="exam-map"' in body and 'aria-expanded="false"' in body
    assert '<div id="exam-map" class="exam-map" hidden>' in body
    assert "Skip to content" not in body  # the page's own skip link replaces the generic one
