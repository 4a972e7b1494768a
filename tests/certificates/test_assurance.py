"""Collecting a certificate (its PDF or its Open Badge) needs a sign-in at the assurance level the setting names."""
import pytest
from django.urls import reverse

from tests.oidc.harness import thaid_sign_in

pytestmark = pytest.mark.django_db


def test_the_holder_signed_in_with_a_password_is_asked_for_thaid(client, certificate, candidate, settings):
    settings.MIN_ASSURANCE_CERTIFICATE_COLLECTION = "2.3"
    client.force_login(candidate)
    for name in ("certificates:holder_pdf", "certificates:holder_badge"):
        response = client.get(reverse(name, args=[certificate.pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), name


def test_the_holder_signed_in_with_thaid_at_the_level_collects_the_badge(client, certificate, candidate, settings,
                                                                        thaid):
    settings.MIN_ASSURANCE_CERTIFICATE_COLLECTION = "2.3"
    thaid_sign_in(client, "somchai", candidate)
    response = client.get(reverse("certificates:holder_badge", args=[certificate.pk]))
    assert response.status_code == 200
