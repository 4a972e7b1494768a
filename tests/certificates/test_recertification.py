"""Before a certificate expires the holder is emailed once and may recertify: a new case in the unit's current
revision, linked to the certified one; the setting says whether the whole unit is shown again or only the written
exam (the portfolio carried over). A revoked, expired or suspended certificate, one not yet due, or one whose
recertification is already under way is refused, and nothing is written."""
import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentCase
from certificates.models import Certificate
from certificates.notifications import renewal_notice_send
from certificates.selectors import add_months, renewal_notice_due
from certificates.services import (
    CertificateRefused,
    certificate_issue,
    certificate_recertify,
    certificate_revoke,
    certificate_suspend,
)
from competency.services import unit_publish, unit_revision_create
from core.refusals import NotYours
from evidence.models import EvidenceFile, EvidenceItem
from judging.models import Decision

pytestmark = pytest.mark.django_db


def _expiring_in(certificate: Certificate, *, months: int = 0, days: int = 0) -> Certificate:
    expires_on = add_months(timezone.localdate(), months) + datetime.timedelta(days=days)
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=expires_on)
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def due(certificate, settings):
    """The holder's certificate, five months from expiry: inside the default six months' notice."""
    settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS = 6
    return _expiring_in(certificate, months=5)


def test_the_notice_is_due_once_the_notice_period_begins_and_is_sent_once(certificate, settings, candidate):
    settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS = 6
    _expiring_in(certificate, months=6, days=1)
    assert not renewal_notice_due().filter(pk=certificate.pk).exists()
    assert not renewal_notice_send(certificate_id=certificate.pk)
    _expiring_in(certificate, months=6)
    assert list(renewal_notice_due()) == [certificate]
    assert renewal_notice_send(certificate_id=certificate.pk)
    assert not renewal_notice_send(certificate_id=certificate.pk)  # the hourly sweep finds it told already
    assert not renewal_notice_due().exists()
    [message] = mail.outbox
    assert message.to == [candidate.email]
    assert certificate.number in message.subject and "ต่ออายุ" in message.subject
    assert reverse("certificates:mine") in message.body


def test_no_notice_for_a_revoked_or_suspended_certificate_or_one_being_recertified(due, superuser, issue, candidate):
    revoked = _expiring_in(issue(), months=1)
    certificate_revoke(certificate=revoked, by=superuser, reason="ทุจริต")
    suspended = _expiring_in(issue(), months=1)
    certificate_suspend(certificate=suspended, by=superuser, reason="ตรวจสอบ", until=timezone.localdate())
    certificate_recertify(certificate=due, by=candidate)
    assert not renewal_notice_due().exists()
    assert not any(renewal_notice_send(certificate_id=c.pk) for c in (revoked, suspended, due))
    assert mail.outbox == []


def test_recertifying_opens_a_case_linked_to_the_old_one_in_the_current_revision(client, due, candidate, unit,
                                                                                 standards_administrator, settings):
    settings.RECERTIFICATION_SCOPE = "unit"
    revision_2 = unit_publish(unit=unit_revision_create(unit=unit, by=standards_administrator),
                              by=standards_administrator)
    client.force_login(candidate)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert "data-recertify" in page
    response = client.post(reverse("certificates:recertify", args=[due.pk]))
    case = AssessmentCase.objects.get(renews=due.case)
    assert response["Location"] == reverse("assessments:case_detail", args=[case.pk])
    assert (case.candidate, case.unit, case.state) == (candidate, revision_2, AssessmentCase.State.DRAFT)
    assert not case.evidence_items.exists()  # the whole unit is shown again
    page = client.get(response["Location"]).content.decode()
    assert f'data-renews="{due.number}"' in page


def test_with_the_exam_only_scope_the_portfolio_is_carried_over(due, candidate, settings):
    settings.RECERTIFICATION_SCOPE = "exam"
    old_items = list(due.case.evidence_items.prefetch_related("mappings__criterion", "files"))
    case = certificate_recertify(certificate=due, by=candidate)
    new_items = list(case.evidence_items.prefetch_related("mappings__criterion", "files"))
    assert [i.title for i in new_items] == [i.title for i in old_items]
    assert [[m.criterion.code for m in i.mappings.all()] for i in new_items] == [
        [m.criterion.code for m in i.mappings.all()] for i in old_items]
    assert all(m.criterion.unit_id == case.unit_id for i in new_items for m in i.mappings.all())
    old_file, new_file = old_items[0].files.get(), new_items[0].files.get()
    assert new_file.file.name != old_file.file.name  # a copy: the old case's retention cannot remove it
    assert new_file.sha256 == old_file.sha256 and new_file.file.read() == old_file.file.read()
    # The portfolio can be submitted as it is; what is left to show is the written exam.
    assert case.portfolio_open and case.evidence_items.count() == len(old_items)


def test_recertifying_twice_is_refused_and_nothing_more_is_written(client, due, candidate):
    certificate_recertify(certificate=due, by=candidate)
    with pytest.raises(CertificateRefused) as refusal:
        certificate_recertify(certificate=due, by=candidate)
    assert "เริ่มต่ออายุ" in str(refusal.value.messages[0]) or "already started" in refusal.value.messages[0]
    client.force_login(candidate)
    response = client.post(reverse("certificates:recertify", args=[due.pk]), HTTP_ACCEPT_LANGUAGE="th")
    assert response["Location"] == reverse("certificates:mine")
    assert AssessmentCase.objects.filter(renews=due.case).count() == 1
    page = client.get(reverse("certificates:mine")).content.decode()
    assert "data-recertify" not in page
    assert "ท่านได้เริ่มต่ออายุการรับรองของใบรับรองนี้แล้ว" in page


def test_a_revoked_certificate_cannot_be_recertified(due, candidate, superuser):
    certificate_revoke(certificate=due, by=superuser, reason="ทุจริต")
    due.refresh_from_db()
    with pytest.raises(CertificateRefused):
        certificate_recertify(certificate=due, by=candidate)
    assert not AssessmentCase.objects.filter(renews__isnull=False).exists()


def test_too_early_expired_or_suspended_is_refused(certificate, candidate, superuser, settings):
    settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS = 6
    for months, days in ((7, 0), (0, -1)):  # before the notice period; after expiry
        _expiring_in(certificate, months=months, days=days)
        with pytest.raises(CertificateRefused):
            certificate_recertify(certificate=certificate, by=candidate)
    _expiring_in(certificate, months=2)
    certificate_suspend(certificate=certificate, by=superuser, reason="ตรวจสอบ",
                        until=timezone.localdate() + datetime.timedelta(days=3))
    certificate.refresh_from_db()
    with pytest.raises(CertificateRefused):
        certificate_recertify(certificate=certificate, by=candidate)
    assert not AssessmentCase.objects.filter(renews__isnull=False).exists()


def test_someone_else_cannot_recertify_a_holders_certificate(client, due, other_candidate):
    client.force_login(other_candidate)
    assert client.post(reverse("certificates:recertify", args=[due.pk])).status_code == 404
    with pytest.raises(NotYours):
        certificate_recertify(certificate=due, by=other_candidate)
    assert not AssessmentCase.objects.filter(renews__isnull=False).exists()


def test_the_renewed_certificate_runs_on_from_the_old_expiry(due, candidate, superuser):
    case = certificate_recertify(certificate=due, by=candidate)
    AssessmentCase.objects.filter(pk=case.pk).update(state=AssessmentCase.State.COMPETENT)
    Decision.objects.create(case=case, round=1, outcome=Decision.Outcome.COMPETENT, summary="ผ่าน",
                            exam_passed=True, confirmed_by=superuser, status=Decision.Status.RELEASED)
    renewed = certificate_issue(case=case, by=superuser)
    assert renewed.expires_on == due.expires_on.replace(year=due.expires_on.year + 3)
    assert renewed.issued_on == timezone.localdate()


def test_evidence_files_are_not_shared_between_the_cases(due, candidate, settings):
    settings.RECERTIFICATION_SCOPE = "exam"
    case = certificate_recertify(certificate=due, by=candidate)
    old_names = set(EvidenceFile.objects.filter(item__case=due.case).values_list("file", flat=True))
    new_names = set(EvidenceFile.objects.filter(item__case=case).values_list("file", flat=True))
    assert new_names and not (old_names & new_names)
    assert EvidenceItem.objects.filter(case=case).count() == EvidenceItem.objects.filter(case=due.case).count()
