"""The client's address: X-Forwarded-For is believed only from a trusted proxy, and only up to its first stranger."""
import pytest
from django.test import RequestFactory

from core.client_ip import client_ip

PROXY = "10.0.0.2"


def _request(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(PROXY, "198.51.100.7")) == PROXY


def test_a_forged_forwarded_for_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_ip(_request("203.0.113.66", "198.51.100.7")) == "203.0.113.66"


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    # The client wrote the first entry itself; the proxy appended the address it really saw.
    assert client_ip(_request(PROXY, "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_skipped_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(_request(PROXY, "1.2.3.4, 198.51.100.7, 10.0.0.9")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "unknown, ,"])
def test_a_missing_or_malformed_header_leaves_the_proxys_address(settings, forwarded):
    settings.TRUSTED_PROXIES = [PROXY]
    assert client_ip(_request(PROXY, forwarded)) == PROXY


def test_an_ipv4_client_on_an_ipv6_socket_is_the_same_client(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("::ffff:198.51.100.7")) == "198.51.100.7"
