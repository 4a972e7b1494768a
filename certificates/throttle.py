"""A fixed-window request limit per client address, kept in the shared "throttle" cache."""
import time

from django.conf import settings
from django.core.cache import caches


def client_address(request) -> str:
    value = request.META.get(settings.CERTIFICATE_VERIFY_CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    # A proxy appends to X-Forwarded-For: its last entry is the address the proxy saw; earlier ones are forgeable.
    return value.split(",")[-1].strip()


def over_limit(request, *, scope: str, limit: int, window_seconds: int = 60) -> bool:
    """Count this request in the client's current window; True once the window holds more than `limit`."""
    cache = caches["throttle"]
    key = f"{scope}:{client_address(request)}:{int(time.time() // window_seconds)}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 5)
        count = 1
    return count > limit
