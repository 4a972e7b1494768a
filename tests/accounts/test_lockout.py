"""Sign-in lockout that an attacker cannot aim at someone else: counted per username and address and per address,
with the client's address taken from the trusted proxy, and a page that says in Thai when to try again."""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.7"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def _sign_in(client, username: str, password: str, *, via_proxy_from: str | None = None, remote: str = PROXY,
             forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if via_proxy_from or forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded or via_proxy_from
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **headers)


def test_an_attackers_wrong_passwords_behind_the_proxy_do_not_lock_out_the_victim(client, candidate):
    for _attempt in range(5):
        _sign_in(client, "alice", "wrong", via_proxy_from=ATTACKER)

    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=ATTACKER).status_code == 429
    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=VICTIM).status_code == 302


def test_a_person_locked_out_at_one_address_still_signs_in_from_another(client, candidate, settings):
    for _attempt in range(settings.SIGN_IN_FAILURE_LIMIT):
        _sign_in(client, "alice", "wrong", via_proxy_from=VICTIM)
    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=VICTIM).status_code == 429

    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from="192.0.2.44").status_code == 302


def test_one_address_trying_many_usernames_is_locked_out_for_all_of_them(client, candidate, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(8):  # one wrong password each: far below the per-username limit
        _sign_in(client, f"guess{n}", "wrong", via_proxy_from=ATTACKER)

    locked = _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=ATTACKER)
    assert locked.status_code == 429
    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=VICTIM).status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_addresss_failures(client, candidate, settings):
    UserFactory(username="mallory")
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(7):
        _sign_in(client, f"guess{n}", "wrong", via_proxy_from=ATTACKER)
    assert _sign_in(client, "mallory", TEST_PASSWORD, via_proxy_from=ATTACKER).status_code == 302
    client.post(reverse("accounts:logout"))

    _sign_in(client, "guess7", "wrong", via_proxy_from=ATTACKER)
    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=ATTACKER).status_code == 429


def test_fewer_failures_across_usernames_than_the_address_limit_lock_nobody(client, candidate, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(7):
        _sign_in(client, f"guess{n}", "wrong", via_proxy_from=VICTIM)
    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=VICTIM).status_code == 302


def test_a_forged_forwarded_for_from_an_untrusted_address_does_not_escape_the_lockout(client, candidate):
    # Straight to the web server, not through the proxy: every attempt claims to come from somewhere new.
    for n in range(5):
        _sign_in(client, "alice", "wrong", remote=ATTACKER, forwarded=f"192.0.2.{n + 1}")

    assert _sign_in(client, "alice", TEST_PASSWORD, remote=ATTACKER, forwarded="192.0.2.99").status_code == 429
    assert _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from="192.0.2.99").status_code == 302


def test_the_lockout_page_says_in_thai_when_to_try_again(client, candidate, settings):
    for _attempt in range(5):
        _sign_in(client, "alice", "wrong", via_proxy_from=VICTIM)
    before = timezone.now()
    response = _sign_in(client, "alice", TEST_PASSWORD, via_proxy_from=VICTIM)

    assert response.status_code == 429
    body = response.content.decode()
    shown = re.search(r"ลองเข้าสู่ระบบได้อีกครั้งตั้งแต่เวลา (\d\d:\d\d) น\.", body)
    assert shown, body
    expected = timezone.localtime(before + settings.AXES_COOLOFF_TIME)
    allowed = {(expected - datetime.timedelta(minutes=1)).strftime("%H:%M"), expected.strftime("%H:%M")}
    assert shown.group(1) in allowed
    assert 0 < int(response["Retry-After"]) <= settings.AXES_COOLOFF_TIME.total_seconds()
    assert "เครือข่ายอื่น" in body
