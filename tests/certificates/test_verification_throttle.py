"""The verification page's request limit counts each client behind the proxy on its own, and every web process
counts into the same tally, with Redis or without it."""
import ast
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
CITIZEN = "198.51.100.7"
DATABASE_THROTTLE = {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "portal_throttle_cache"}


def _verify(client, code: str = "AAAAAAAAAAAAAAAAAAAA", **headers) -> int:
    return client.get(reverse("certificates:verify", args=[code]), **headers).status_code


@pytest.mark.django_db
def test_an_attackers_lookups_behind_the_proxy_do_not_block_a_citizens_one(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = [_verify(client, f"{n:020d}", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER) for n in range(40)]
    assert attacker.count(429) == 10

    assert _verify(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CITIZEN) == 200


@pytest.mark.django_db
def test_forged_forwarded_addresses_do_not_spread_an_attackers_lookups(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    # Through the proxy, the attacker writes a new address of its own before the one the proxy appends...
    through_proxy = [_verify(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}")
                     for n in range(31)]
    # ...and, straight to the web server, pretends to be the citizen: still counted as itself.
    direct = _verify(client, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=CITIZEN)
    assert through_proxy[-1] == 429 and direct == 429

    assert _verify(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CITIZEN) == 200


@pytest.fixture
def database_throttle(settings):
    """The throttle cache as configured without REDIS_URL: a table in the portal's database."""
    settings.CACHES = {**settings.CACHES, "throttle": DATABASE_THROTTLE}
    call_command("createcachetable", verbosity=0)
    caches["throttle"].clear()
    yield caches["throttle"]
    caches["throttle"].clear()


def _address_far_from_the_end_of_its_minute(seconds: int = 30) -> str:
    """django-ratelimit counts in minutes that end at a point of its own for each address: pick one whose minute
    has long enough to run that the two processes cannot straddle it."""
    from django_ratelimit.core import _get_window

    now = time.time()
    return next(address for address in (f"198.51.100.{n}" for n in range(1, 255))
                if _get_window(address, 60) - now >= seconds)


def _worker_process(lookups: list[str]) -> list[int]:
    """Another web process, configured as without Redis, looking up one code from each of these addresses."""
    database = urlsplit(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/x")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": urlunsplit(database._replace(path="/" + connection.settings_dict["NAME"])),
        "REDIS_URL": "",
        "CERTIFICATE_VERIFY_LIMIT_PER_MINUTE": "5",
    }
    code = (
        "import django\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "from django.test.utils import setup_test_environment\n"
        "from django.urls import reverse\n"
        "setup_test_environment()\n"
        "url = reverse('certificates:verify', args=['AAAAAAAAAAAAAAAAAAAA'])\n"
        f"print([Client(REMOTE_ADDR=address).get(url).status_code for address in {lookups!r}])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_the_limit_counts_across_processes_without_redis(database_throttle):
    citizen = _address_far_from_the_end_of_its_minute()
    assert _worker_process([citizen] * 5) == [200] * 5

    assert _worker_process([citizen, ATTACKER]) == [429, 200]  # the second process saw the first one's lookups


@pytest.mark.django_db(transaction=True)
def test_increments_from_separate_database_connections_are_all_counted(database_throttle):
    database_throttle.set("lookups", 0, timeout=60)

    def worker():
        try:
            for _ in range(25):
                caches["throttle"].incr("lookups")  # each thread has its own cache object and connection
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert database_throttle.get("lookups") == 100
