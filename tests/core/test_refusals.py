"""The one refusal type and its one helper: the status travels with the refusal, the message with the answer."""
import json

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from core.refusals import NotYours, Refusal, refused, refused_json


class Conflict(Refusal):
    status = 409


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_renders_the_page_again_with_its_status_and_its_message():
    request = _request()
    response = refused(request, Conflict("Someone else saved first."), lambda status: HttpResponse(status=status))
    assert response.status_code == 409
    assert [str(m) for m in get_messages(request)] == ["Someone else saved first."]


def test_a_refusal_sends_the_person_back_with_the_message():
    request = _request()
    response = refused(request, Refusal(["Give the reason.", "Choose an outcome."]), "/back/")
    assert (response.status_code, response["Location"]) == (302, "/back/")
    assert [str(m) for m in get_messages(request)] == ["Give the reason. Choose an outcome."]


def test_a_refusal_of_an_outsider_is_the_not_found_page_whatever_follows():
    with pytest.raises(Http404):
        refused(_request(), NotYours(), "/back/")


def test_a_scripts_refusal_is_json_with_the_status_the_reason_and_the_code():
    response = refused_json(Conflict("Closed.", code="attempt_closed"), result_url="/r/")
    assert response.status_code == 409
    assert json.loads(response.content) == {"error": "Closed.", "code": "attempt_closed", "result_url": "/r/"}
