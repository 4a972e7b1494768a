"""A signed-in person's session is read from Redis, not the database, and still read while Redis is away."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

AWAY = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "sessions", "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}


def _session_reads(queries) -> int:
    return sum('FROM "django_session"' in q["sql"] for q in queries.captured_queries)


def test_pages_of_a_signed_in_candidate_do_not_read_the_session_from_the_database(client, candidate):
    client.force_login(candidate)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/exams/")
    assert response.status_code == 200 and response.context["user"] == candidate
    assert _session_reads(queries) == 0


def test_the_candidate_stays_signed_in_while_redis_is_away(client, candidate, settings):
    client.force_login(candidate)
    settings.CACHES = {**settings.CACHES, "sessions": AWAY}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/exams/")
    assert response.status_code == 200 and response.context["user"] == candidate
    assert _session_reads(queries) == 1


def test_a_session_ended_in_the_database_is_ended_in_redis_too(client, candidate):
    client.force_login(candidate)
    assert client.get("/exams/").context["user"] == candidate
    client.post("/accounts/logout/")
    assert client.get("/exams/").status_code == 302
