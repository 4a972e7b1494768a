"""/healthz tells a load balancer whether the database and the Celery broker answer."""
import copy

import pytest
from django.db import connections
from django.test import override_settings

from portal import health

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["failed"] == []


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_BROKER_TRANSPORT_OPTIONS={})
def test_unavailable_and_names_the_broker_when_it_does_not_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]


def test_unavailable_and_names_the_database_when_it_does_not_answer(client, monkeypatch):
    # A real connection to a port where no database listens.
    default = connections["default"]
    settings_dict = copy.deepcopy(default.settings_dict)
    settings_dict.update(HOST="127.0.0.1", PORT="1", NAME="nowhere")
    broken = type(default)(settings_dict, alias="broken")
    if default.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-folder/db.sqlite3"
        broken = type(default)(settings_dict, alias="broken")
    monkeypatch.setattr(health, "connection", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    broken.close()
