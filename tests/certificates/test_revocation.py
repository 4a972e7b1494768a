"""An administrator or the holder's agency's HR officer revokes a certificate with a reason, or reissues it after
a corrected name; the page and the API show it at once and the holder is told."""
import pytest
from django.core import mail
from django.urls import reverse

from certificates.models import Certificate
from certificates.notifications import revocation_notice_send
from certificates.services import CertificateRefused, certificate_revoke

pytestmark = pytest.mark.django_db


def test_the_agency_hr_officer_revokes_with_a_reason_and_it_shows_at_once(client, certificate, agency_hr):
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_revoke", args=[certificate.pk]),
                           {"revoke-reason": "พบการคัดลอกผลงานผู้อื่น"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_by == agency_hr
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert 'data-verification="revoked"' in page


def test_the_holder_is_told_with_the_reason(certificate, superuser, candidate):
    certificate_revoke(certificate=certificate, by=superuser, reason="พบการคัดลอกผลงานผู้อื่น")
    assert revocation_notice_send(certificate_id=certificate.pk)
    assert not revocation_notice_send(certificate_id=certificate.pk)  # a retried task sends nothing more
    [message] = mail.outbox
    assert message.to == [candidate.email]
    assert certificate.number in message.subject
    assert "พบการคัดลอกผลงานผู้อื่น" in message.body


def test_revoking_needs_a_reason(client, certificate, agency_hr):
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_revoke", args=[certificate.pk]), {"revoke-reason": "  "})
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_certificate_is_revoked_once(certificate, superuser):
    certificate_revoke(certificate=certificate, by=superuser, reason="ทุจริต")
    with pytest.raises(CertificateRefused):
        certificate_revoke(certificate=certificate, by=superuser, reason="อีกครั้ง")


def test_an_hr_officer_of_another_agency_gets_404(client, certificate, other_agency_hr):
    client.force_login(other_agency_hr)
    assert client.get(reverse("certificates:desk_detail", args=[certificate.pk])).status_code == 404
    response = client.post(reverse("certificates:desk_revoke", args=[certificate.pk]), {"revoke-reason": "x"})
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_candidate_cannot_revoke(client, certificate, candidate):
    client.force_login(candidate)
    response = client.post(reverse("certificates:desk_revoke", args=[certificate.pk]), {"revoke-reason": "x"})
    assert response.status_code == 404


def test_reissue_after_a_corrected_name_revokes_the_old_number_and_links_the_new(client, certificate, candidate,
                                                                              agency_hr):
    candidate.last_name_th = "ใจดีงาม"
    candidate.save()
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:desk_reissue", args=[certificate.pk]),
                           {"reissue-reason": "แก้ไขนามสกุลตามคำขอ"})
    new = Certificate.objects.get(replaces=certificate)
    assert response["Location"] == reverse("certificates:desk_detail", args=[new.pk])
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert new.number != certificate.number and new.sequence == certificate.sequence + 1
    assert new.holder_name_th.endswith("ใจดีงาม")
    assert (new.case, new.expires_on, new.criteria) == (certificate.case, certificate.expires_on, certificate.criteria)
    old_page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert 'data-verification="revoked"' in old_page and new.number in old_page
    assert revocation_notice_send(certificate_id=certificate.pk)
    assert new.number in mail.outbox[0].body
