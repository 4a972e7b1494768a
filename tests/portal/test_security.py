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


def test_production_hashes_passwords_with_argon2():
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_expire():
    from config.settings import base

    assert base.SESSION_COOKIE_AGE <= 60 * 60 * 12
    assert base.SESSION_EXPIRE_AT_BROWSER_CLOSE
