"""Every page carries the security headers, and passwords are stored with Argon2 in production."""
import pytest

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(client, unit):
    response = client.get("/standards/DG-EJJM-026/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_the_policy_would_block(client, unit):
    body = client.get("/standards/DG-EJJM-026/").content.decode()
    assert "<script>" not in body
    assert " style=" not in body


def test_production_hashes_passwords_with_argon2(settings):
    from django.contrib.auth.hashers import check_password, make_password

    from config.settings import base

    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS  # the test settings use a fast hasher
    stored = make_password("รหัสผ่านยาว-2569")
    assert stored.startswith("argon2$")
    assert check_password("รหัสผ่านยาว-2569", stored)


def test_a_signed_in_session_expires_within_a_working_day_and_with_the_browser(client, candidate):
    client.force_login(candidate)
    response = client.get("/")
    cookie = response.cookies.get("sessionid") or client.cookies["sessionid"]
    assert client.session.get_expiry_age() <= 60 * 60 * 12
    assert client.session.get_expire_at_browser_close()
    assert not cookie["expires"] and not cookie["max-age"], "a session cookie, gone when the browser closes"


def test_production_responses_carry_hsts_and_secure_cookies(client, unit, settings):
    from config.settings import production_values

    for name, value in production_values().items():
        setattr(settings, name, value)
    response = client.get("/standards/DG-EJJM-026/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert client.get("/standards/DG-EJJM-026/").status_code == 301  # plain HTTP is sent to HTTPS


def test_the_session_cookie_is_httponly_and_lax(client, candidate):
    from tests.factories import TEST_PASSWORD

    response = client.post("/accounts/login/", {"username": candidate.username, "password": TEST_PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
