"""While PostgreSQL cannot be reached the portal answers a clean, translated 503, and recovers by itself after."""
import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError, close_old_connections, connection, connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal.views import server_error

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = ("The portal cannot reach its database for a moment, usually while it restarts. "
           "Nothing was half-saved: please wait a few seconds and try again.")


def _thai(msgid: str) -> str:
    with translation.override("th"):
        return translation.gettext(msgid)


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _backend_pid_of(conn) -> int:
    """The backend of a connection already in use, read without sending a query through it."""
    raw = conn.connection
    return raw.info.backend_pid if hasattr(raw, "info") else raw.get_backend_pid()


def _terminate(pid: int) -> None:
    """Kill a backend from a second connection, as a PostgreSQL restart does, and wait until it is gone."""
    other = connection.copy("terminator")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
            for _ in range(100):
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
        raise AssertionError(f"backend {pid} still alive")
    finally:
        other.close()


def _assert_clean_503(response) -> None:
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert '<html lang="th">' in body
    assert _thai(MESSAGE) in body
    assert _thai("The portal is briefly unavailable") in body
    assert "Traceback" not in body and "OperationalError" not in body


@contextmanager
def _database_unreachable():
    """Point the portal's connection at a port where nothing listens, then put the real one back."""
    real = connections["default"]
    broken = real.copy()
    broken.settings_dict.update(HOST="127.0.0.1", PORT="1")
    connections["default"] = broken
    try:
        yield
    finally:
        connections["default"] = real
        broken.close()


@pytest.fixture
def closed_port_database():
    with _database_unreachable():
        yield


def test_a_connection_killed_during_a_request_gives_a_503_page_and_the_next_request_works(client, candidate, case):
    client.force_login(candidate)
    killed = []

    def restart_database_here(execute, sql, params, many, context):
        # The case list has read the session and the user; PostgreSQL goes away before it reads the cases.
        if not killed and '"assessments_assessmentcase"' in sql:
            killed.append(_backend_pid_of(context["connection"]))
            _terminate(killed[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restart_database_here):
        response = client.get(reverse("assessments:case_list"))

    assert killed, "the page never read the cases"
    _assert_clean_503(response)
    again = client.get(reverse("assessments:case_list"))
    assert again.status_code == 200
    assert case.unit.title_th in again.content.decode()
    assert _backend_pid() != killed[0]


def test_a_connection_killed_between_requests_gives_one_503_then_the_portal_recovers(client, unit):
    assert client.get("/").status_code == 200
    killed = _backend_pid()
    _terminate(killed)

    _assert_clean_503(client.get("/"))

    response = client.get("/")
    assert response.status_code == 200
    assert unit.title_th in response.content.decode()
    assert _backend_pid() != killed


def test_with_persistent_health_checked_connections_a_killed_connection_is_replaced_without_an_error(
    client, unit, monkeypatch
):
    # As in base settings (the test settings keep no connection between requests).
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    connection.close()
    assert client.get("/").status_code == 200
    killed = _backend_pid()
    _terminate(killed)

    close_old_connections()  # what every request starts with under gunicorn (the test client skips it)
    response = client.get("/")

    assert response.status_code == 200
    assert _backend_pid() != killed
    connection.close()


def test_an_unreachable_database_gives_the_503_page_and_healthz_says_so(client, closed_port_database):
    _assert_clean_503(client.get("/"))
    _assert_clean_503(client.get(reverse("certificates:verify", args=["0123456789ABCDEFGHJK"])))

    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["failed"] == ["database"]


def test_an_unreachable_database_gives_the_exam_page_a_json_503_it_retries_on(client, candidate):
    client.force_login(candidate)
    # The session is first read by the second-factor gate, a middleware, so the failure is answered by handler500
    # (as in production) rather than by a view; the test client would otherwise re-raise what it handled.
    client.raise_request_exception = False
    with _database_unreachable():
        response = client.post("/exams/attempts/1/answers/", data="{}", content_type="application/json",
                               HTTP_ACCEPT="application/json")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.json() == {"error": _thai(MESSAGE), "code": "database_unavailable"}


def test_an_english_reader_gets_the_503_page_in_english(client, closed_port_database):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="en">' in body
    assert MESSAGE in body


def test_a_database_failure_outside_a_view_is_a_503_not_a_500(closed_port_database):
    # handler500 sees what a middleware raised, e.g. the session middleware saving the session as PostgreSQL stops.
    request = RequestFactory().get("/")
    with translation.override("th"):
        try:
            connection.ensure_connection()
        except OperationalError:
            response = server_error(request)
    assert response.status_code == 503
    assert _thai(MESSAGE) in response.content.decode()


def test_the_portal_works_again_once_the_database_is_back(client, unit):
    with _database_unreachable():
        assert client.get("/").status_code == 503
    response = client.get("/")
    assert response.status_code == 200
    assert unit.title_th in response.content.decode()
    assert client.get("/healthz").status_code == 200
