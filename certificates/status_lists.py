"""W3C Bitstring Status Lists v1.0: where each certificate sits in the published revocation and suspension lists.

Every certificate holds one position (`status_list_index`) in both lists. The bits are not stored: they are read
from the certificates themselves (revoked; suspended through today or later), so a revocation, a suspension, a
reinstatement and a suspension that lapsed by itself show in the published list as soon as they are true."""
import base64
import gzip

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import Certificate, suspended_on

# The specification's minimum list length (16 KiB of bits), which gives each holder herd privacy.
LIST_SIZE = 131_072
REVOCATION, SUSPENSION = "revocation", "suspension"
PURPOSES = (REVOCATION, SUSPENSION)
# The counter (certificates.CertificateCounter) that hands out positions, one after another.
COUNTER_SERIES, COUNTER_YEAR = "status-list", 0
# Positions are handed out in issue order but spread over the list by a bijection of 0..LIST_SIZE-1 (an odd multiplier
# modulo a power of two), so neighbours in issue order are not neighbours in the list.
_SPREAD_MULTIPLIER, _SPREAD_OFFSET = 40_503, 23_130


def index_for(sequence: int) -> int:
    """The position of the sequence-th certificate (1-based): unique, since the spread is a bijection in each list."""
    number, offset = divmod(sequence - 1, LIST_SIZE)
    return number * LIST_SIZE + (offset * _SPREAD_MULTIPLIER + _SPREAD_OFFSET) % LIST_SIZE


def list_url(purpose: str, number: int) -> str:
    return settings.PORTAL_BASE_URL + reverse("certificates:status_list", args=[purpose, number])


def credential_status(certificate: Certificate) -> list[dict] | dict:
    """The credential's `credentialStatus`: a BitstringStatusListEntry for each purpose, or (OPEN_BADGE_SUSPENSION_STATUS
    off) the revocation entry alone, as the one object Open Badges 3.0's schema allows."""
    found = entries(certificate)
    return found if settings.OPEN_BADGE_SUSPENSION_STATUS else found[0]


def entries(certificate: Certificate) -> list[dict]:
    """One BitstringStatusListEntry per purpose, revocation first."""
    number, bit = divmod(certificate.status_list_index, LIST_SIZE)
    return [{
        "id": f"{list_url(purpose, number)}#{bit}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(bit),
        "statusListCredential": list_url(purpose, number),
    } for purpose in PURPOSES]


def lists_published() -> int:
    """How many lists of each purpose exist: enough for the highest position handed out (at least one)."""
    highest = Certificate.objects.order_by("-status_list_index").values_list("status_list_index", flat=True).first()
    return (highest or 0) // LIST_SIZE + 1


def set_bits(purpose: str, number: int, today=None) -> list[int]:
    """The positions within list `number` whose bit is 1 today."""
    today = today or timezone.localdate()
    which = Q(revoked_at__isnull=False) if purpose == REVOCATION else suspended_on(today) & Q(revoked_at__isnull=True)
    start = number * LIST_SIZE
    return sorted(index - start for index in Certificate.objects.filter(
        which, status_list_index__gte=start, status_list_index__lt=start + LIST_SIZE,
    ).values_list("status_list_index", flat=True))


def encoded_list(bits: list[int]) -> str:
    """The list as the specification publishes it: bit 0 is the first byte's highest bit; GZIP; multibase base64url."""
    raw = bytearray(LIST_SIZE // 8)
    for bit in bits:
        raw[bit // 8] |= 0x80 >> (bit % 8)
    compressed = gzip.compress(bytes(raw), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")
