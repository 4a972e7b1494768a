"""Every page carries the security headers, and passwords are stored with Argon2 in production."""
import argon2
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
    # Read back by argon2-cffi itself: Argon2id at or above OWASP's minimum (19 MiB, 2 passes, 1 lane).
    parameters = argon2.extract_parameters(stored.removeprefix("argon2"))
    assert parameters.type is argon2.Type.ID
    assert parameters.memory_cost >= 19 * 1024 and parameters.time_cost >= 2 and parameters.parallelism >= 1


def test_a_password_stored_at_djangos_older_cost_still_signs_in_and_is_stored_again_at_the_new_one(settings):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from accounts.models import User
    from config.settings import base

    settings.PASSWORD_HASHERS = [*base.PASSWORD_HASHERS, "django.contrib.auth.hashers.Argon2PasswordHasher"]
    person = User.objects.create(username="older-hash", password=Argon2PasswordHasher().encode("รหัสผ่านยาว-2569",
                                                                                                   "saltsaltsalt"))
    assert argon2.extract_parameters(person.password.removeprefix("argon2")).memory_cost == 102400
    assert person.check_password("รหัสผ่านยาว-2569")
    person.refresh_from_db()
    assert argon2.extract_parameters(person.password.removeprefix("argon2")).memory_cost == 19 * 1024


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
