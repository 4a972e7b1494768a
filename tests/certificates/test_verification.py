"""Anyone may check a code on /verify/<code>/: valid, expired, revoked with its date, or unknown — the holder's
name, the unit and the dates, nothing else, and never a hint about other codes. Enumeration is throttled."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services import certificate_revoke
from core.dates import format_date

pytestmark = pytest.mark.django_db


def _result(client, code: str):
    response = client.get(reverse("certificates:verify", args=[code]))
    assert response.status_code == 200
    body = response.content.decode()
    return body, body.split('data-verification="', 1)[1].split('"', 1)[0] if 'data-verification="' in body else None


def test_a_valid_certificate_shows_its_holder_unit_and_dates_only(client, certificate, candidate):
    body, result = _result(client, certificate.code)
    assert result == "valid"
    assert certificate.holder_name_th in body and certificate.holder_name_en in body
    assert "DG-EJJM-026" in body and "ออกแบบองค์กรดิจิทัล" in body
    assert format_date(certificate.issued_on) in body and format_date(certificate.expires_on) in body
    for private in (candidate.email, candidate.department.name_th, candidate.position, candidate.username):
        assert private not in body
    assert '<meta name="robots" content="noindex">' in body


def test_an_expired_certificate_says_so(client, certificate):
    certificate.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    assert _result(client, certificate.code)[1] == "expired"


def test_a_revoked_certificate_shows_the_date_of_revocation(client, certificate, superuser):
    certificate_revoke(certificate=certificate, by=superuser, reason="พบการทุจริตในการสอบ")
    certificate.refresh_from_db()
    body, result = _result(client, certificate.code)
    assert result == "revoked"
    assert format_date(timezone.localdate(certificate.revoked_at)) in body
    assert "ทุจริต" not in body  # the reason is the holder's business, not the public's


@pytest.mark.parametrize("code", ["AAAAAAAAAAAAAAAAAAAA", "not-a-code", "1234", "<script>"])
def test_unknown_and_malformed_codes_are_just_unknown(client, certificate, code):
    body, result = _result(client, code)
    assert result == "unknown"
    assert certificate.holder_name_th not in body


def test_unknown_and_malformed_codes_look_the_same(client):
    first, _ = _result(client, "AAAAAAAAAAAAAAAAAAAA")
    second, _ = _result(client, "x")
    section = lambda body: body.split("<section", 1)[1].split("</section>", 1)[0]  # noqa: E731
    assert section(first) == section(second)


def test_a_code_typed_loosely_is_understood(client, certificate):
    typed = certificate.code_display.lower().replace("0", "o")
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=[certificate.code])


def test_checking_too_many_codes_from_one_address_is_refused_for_a_while(client, settings):
    settings.CERTIFICATE_VERIFY_LIMIT_PER_MINUTE = 3
    codes = [f"{n:020d}" for n in range(4)]
    statuses = [client.get(reverse("certificates:verify", args=[code])).status_code for code in codes]
    assert statuses == [200, 200, 200, 429]
    other = client.get(reverse("certificates:verify", args=[codes[0]]), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200
