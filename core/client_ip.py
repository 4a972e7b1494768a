"""The client's address, read in one place: X-Forwarded-For counts only when a trusted proxy sent the request."""
import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def trusted_proxies() -> tuple[Network, ...]:
    """settings.TRUSTED_PROXIES (addresses or networks) as networks."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows as ::ffff:a.b.c.d; it is the same client as a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_ip(request) -> str | None:
    """The address of whoever sent the request, as the nearest proxy we do not run saw it.

    A client can write anything into X-Forwarded-For; each proxy appends the address it received the request
    from. So the header is read only when the request came from a trusted proxy, from the right, skipping our
    own proxies, and the first address that is not one of them is the client.
    """
    remote = _parse(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    networks = trusted_proxies()
    if not _is_trusted(remote, networks):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:  # a malformed entry: nothing to its left can be trusted either
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def client_ip_key(group: str, request) -> str:
    """django-ratelimit's key: count per client address."""
    return client_ip(request) or "unknown"
