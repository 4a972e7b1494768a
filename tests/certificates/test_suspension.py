"""The holder's agency's HR officer or an administrator suspends a certificate until a day, with a reason, and may
reinstate it earlier; the verification page, the API and the credential's status say "suspended" at once, distinct
from revoked and expired, and valid again after the last day without anything being run. The holder is told."""
import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from certificates import badges
from certificates.models import Certificate, Suspension
from certificates.notifications import reinstatement_notice_send, suspension_notice_send
from certificates.selectors import status_counts
from certificates.services import (
    CertificateRefused,
    api_token_create,
    certificate_reinstate,
    certificate_revoke,
    certificate_suspend,
)
from core.dates import format_date
from core.refusals import NotYours

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def _days(n: int) -> datetime.date:
    return _today() + datetime.timedelta(days=n)


def _verification(client, certificate) -> str:
    body = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    return body.split('data-verification="', 1)[1].split('"', 1)[0]


def _api(client, path: str, token: str) -> dict:
    return json.loads(client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}").content)


def test_the_agency_hr_officer_suspends_with_a_reason_and_an_end_date_and_it_shows_at_once(client, certificate,
                                                                                          agency_hr):
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_suspend", args=[certificate.pk]),
                           {"suspend-until": _days(30).isoformat(), "suspend-reason": "อยู่ระหว่างสอบสวนข้อร้องเรียน"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUSPENDED
    [suspension] = certificate.suspensions.all()
    assert (suspension.suspended_by, suspension.ends_on, suspension.reason) == (
        agency_hr, _days(30), "อยู่ระหว่างสอบสวนข้อร้องเรียน")
    assert _verification(client, certificate) == "suspended"
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert format_date(_days(30)) in page  # the last day, in the Buddhist Era
    assert "สอบสวน" not in page  # the reason is the holder's business, not the public's
    desk = client.get(reverse("certificates:desk_detail", args=[certificate.pk])).content.decode()
    assert "อยู่ระหว่างสอบสวนข้อร้องเรียน" in desk and 'id="suspension-history"' in desk


def test_an_end_date_in_the_past_is_refused_in_thai_and_nothing_is_written(client, certificate, agency_hr):
    client.force_login(agency_hr)
    yesterday = _days(-1)
    response = client.post(reverse("certificates:desk_suspend", args=[certificate.pk]),
                           {"suspend-until": yesterday.isoformat(), "suspend-reason": "ตรวจสอบ"},
                           HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 400
    with translation.override("th"):
        expected = format_date(yesterday)
    body = response.content.decode()
    assert f"วันสิ้นสุดการพักใช้ {expected} ผ่านไปแล้ว" in body
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID and certificate.suspended_until is None
    assert not Suspension.objects.exists()


def test_the_service_refuses_a_past_end_date_too(certificate, superuser):
    with pytest.raises(CertificateRefused) as refusal:
        certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ", until=_days(-1))
    assert refusal.value.code == "end_in_past"
    assert not Suspension.objects.exists()


def test_a_suspension_may_end_today_and_lapses_by_itself_the_day_after(client, certificate, superuser):
    certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ", until=_today())
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUSPENDED
    assert Certificate.objects.suspended().filter(pk=certificate.pk).exists()
    # The next day, as the clock would bring it: nothing is run, the status is read from the dates.
    Certificate.objects.filter(pk=certificate.pk).update(suspended_until=_days(-1))
    Suspension.objects.update(ends_on=_days(-1))
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert Certificate.objects.valid().filter(pk=certificate.pk).exists()
    assert _verification(client, certificate) == "valid"
    assert Suspension.objects.get().ended_by_itself


def test_reinstating_makes_it_valid_at_once_and_keeps_the_history(client, certificate, agency_hr):
    certificate_suspend(certificate=certificate, by=agency_hr, reason="ตรวจสอบ", until=_days(60))
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_reinstate", args=[certificate.pk]),
                           {"reinstate-note": "ตรวจสอบแล้วไม่พบความผิด"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    suspension = Suspension.objects.get()
    assert (suspension.reinstated_by, suspension.reinstatement_note) == (agency_hr, "ตรวจสอบแล้วไม่พบความผิด")
    assert _verification(client, certificate) == "valid"


def test_reinstating_a_certificate_that_is_not_suspended_is_refused(client, certificate, agency_hr):
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_reinstate", args=[certificate.pk]), {})
    assert response.status_code == 302
    assert not Suspension.objects.exists()
    with pytest.raises(CertificateRefused):
        certificate_reinstate(certificate=certificate, by=agency_hr)


def test_suspending_twice_a_revoked_or_an_expired_certificate_is_refused(certificate, superuser, issue):
    certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ", until=_days(10))
    with pytest.raises(CertificateRefused):
        certificate_suspend(certificate=certificate, by=superuser, reason="อีกครั้ง", until=_days(20))
    revoked = issue()
    certificate_revoke(certificate=revoked, by=superuser, reason="ทุจริต")
    with pytest.raises(CertificateRefused):
        certificate_suspend(certificate=revoked, by=superuser, reason="ตรวจสอบ", until=_days(10))
    expired = issue()
    Certificate.objects.filter(pk=expired.pk).update(expires_on=_days(-1))
    expired.refresh_from_db()
    with pytest.raises(CertificateRefused):
        certificate_suspend(certificate=expired, by=superuser, reason="ตรวจสอบ", until=_days(10))
    assert Suspension.objects.count() == 1


def test_a_reason_is_required(client, certificate, agency_hr):
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_suspend", args=[certificate.pk]),
                           {"suspend-until": _days(5).isoformat(), "suspend-reason": "   "})
    assert response.status_code == 400
    assert not Suspension.objects.exists()


def test_another_agencys_hr_officer_and_the_holder_get_404(client, certificate, other_agency_hr, candidate):
    for person in (other_agency_hr, candidate):
        client.force_login(person)
        for name in ("certificates:desk_suspend", "certificates:desk_reinstate"):
            response = client.post(reverse(name, args=[certificate.pk]),
                                   {"suspend-until": _days(5).isoformat(), "suspend-reason": "x"})
            assert response.status_code == 404
    with pytest.raises(NotYours):
        certificate_suspend(certificate=certificate, by=other_agency_hr, reason="x", until=_days(5))
    assert not Suspension.objects.exists()


def test_the_api_shows_suspended_distinct_from_revoked_and_expired(client, issue, agency_hr, superuser):
    valid, suspended, revoked, expired = (issue(department=agency_hr.department) for _ in range(4))
    certificate_suspend(certificate=suspended, by=superuser, reason="อยู่ระหว่างสอบสวน", until=_days(14))
    certificate_revoke(certificate=revoked, by=superuser, reason="ทุจริต")
    Certificate.objects.filter(pk=expired.pk).update(expires_on=_days(-1))
    token = api_token_create(user=agency_hr, name="ระบบ HR")[1]

    statuses = {}
    for certificate in (valid, suspended, revoked, expired):
        body = _api(client, reverse("certificates:api_certificate", args=[certificate.number]), token)
        statuses[certificate.pk] = body["status"]
        if certificate == suspended:
            assert body["suspended_until"] == _days(14).isoformat()
            assert body["suspension_reason"] == "อยู่ระหว่างสอบสวน"
        else:
            assert body["suspended_until"] is None and body["suspension_reason"] == ""
    assert statuses == {valid.pk: "valid", suspended.pk: "suspended", revoked.pk: "revoked", expired.pk: "expired"}

    listed = _api(client, reverse("certificates:api_certificates") + "?status=suspended", token)
    assert [row["number"] for row in listed["results"]] == [suspended.number]
    verified = _api(client, reverse("certificates:api_verify", args=[suspended.code]), token)
    assert verified["result"] == "suspended" and verified["suspended_until"] == _days(14).isoformat()
    assert status_counts(Certificate.objects.all()) == {"valid": 1, "suspended": 1, "expired": 1, "revoked": 1}


def test_the_credential_status_says_suspended_not_revoked_and_follows_reinstatement(client, certificate, superuser):
    status_url = reverse("certificates:credential_status", args=[certificate.code])
    assert client.get(status_url).json()["status"] == "valid"
    certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ", until=_days(7))
    answer = client.get(status_url).json()
    assert answer["status"] == "suspended" and answer["revokedCredentials"] == []
    certificate.refresh_from_db()
    [entry] = answer["suspendedCredentials"]
    assert entry == {"id": badges.credential_id(certificate), "suspended": True,
                     "suspendedUntil": _days(7).isoformat()}
    certificate_reinstate(certificate=certificate, by=superuser)
    answer = client.get(status_url).json()
    assert answer["status"] == "valid" and answer["suspendedCredentials"] == []
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    answer = client.get(status_url).json()
    assert answer["status"] == "revoked" and len(answer["revokedCredentials"]) == 1


def test_the_holder_is_told_of_the_suspension_and_of_the_reinstatement_once_each(certificate, superuser, candidate):
    suspension = certificate_suspend(certificate=certificate, by=superuser, reason="อยู่ระหว่างสอบสวน",
                                     until=_days(30))
    assert suspension_notice_send(suspension_id=suspension.pk)
    assert not suspension_notice_send(suspension_id=suspension.pk)  # a retried task sends nothing more
    assert not reinstatement_notice_send(suspension_id=suspension.pk)  # not reinstated: nothing to tell
    certificate_reinstate(certificate=certificate, by=superuser)
    assert reinstatement_notice_send(suspension_id=suspension.pk)
    assert not reinstatement_notice_send(suspension_id=suspension.pk)
    suspended, reinstated = mail.outbox
    assert suspended.to == reinstated.to == [candidate.email]
    assert certificate.number in suspended.subject and "พักใช้" in suspended.subject
    with translation.override("th"):
        assert format_date(_days(30)) in suspended.body
    assert "อยู่ระหว่างสอบสวน" in suspended.body
    assert "คืนสถานะ" in reinstated.subject
