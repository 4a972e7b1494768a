"""A holder whose certificate expires in two months is emailed by the hourly beat task (once), opens My
certificates, presses Recertify and lands on a new case linked to the certified one, the portfolio carried over
since the portal asks for the written exam only."""
import time

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import Role
from assessments.models import AssessmentCase
from assessments.services import case_enrol
from certificates.models import Certificate
from certificates.selectors import add_months
from certificates.services import certificate_issue
from certificates.tasks import send_renewal_notices
from evidence.services import evidence_item_create
from judging.models import Decision
from tests.browser.conftest import path_of, sign_in, thai
from tests.factories import UserFactory
from tests.samples import pdf_upload

pytestmark = pytest.mark.browser


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not send the notice in time"
        time.sleep(0.3)


@pytest.fixture
def certified_with_a_portfolio(browser_unit):
    """มาลี's certified case, with one evidence item, its certificate expiring in two months."""
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    holder = UserFactory(username="malee", first_name_th="มาลี", last_name_th="ศรีสุข", roles=[Role.CANDIDATE],
                         email="malee@example.go.th")
    case = case_enrol(candidate=holder, unit_code="DG-EJJM-026")
    criterion = case.unit.criteria.get(code="DL201.01")
    evidence_item_create(case=case, by=holder, title="แผนปรับเปลี่ยนองค์กรดิจิทัล", kind="performance",
                         uploads=[pdf_upload("plan.pdf")], mappings={criterion.pk: "แสดงกระบวนงานที่ออกแบบใหม่"})
    AssessmentCase.objects.filter(pk=case.pk).update(state=AssessmentCase.State.COMPETENT)
    Decision.objects.create(case=case, round=1, outcome=Decision.Outcome.COMPETENT, summary="ผ่าน", exam_passed=True,
                            confirmed_by=admin, status=Decision.Status.RELEASED)
    certificate = certificate_issue(case=case, by=admin)
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=add_months(timezone.localdate(), 2))
    certificate.refresh_from_db()
    return holder, certificate


def test_a_holder_near_expiry_is_told_once_and_recertifies_onto_a_new_case(page, live_server, settings,
                                                                          certified_with_a_portfolio, celery_worker):
    settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS = 6
    settings.RECERTIFICATION_SCOPE = "exam"
    holder, certificate = certified_with_a_portfolio
    mail.outbox.clear()

    send_renewal_notices.delay()  # what beat sends every hour
    _wait_for(lambda: len(mail.outbox) == 1)
    send_renewal_notices.delay()  # the next hour: already told
    _wait_for(lambda: Certificate.objects.get(pk=certificate.pk).renewal_notified_at is not None)
    time.sleep(1)
    [notice] = mail.outbox
    assert notice.to == ["malee@example.go.th"] and certificate.number in notice.subject

    sign_in(page, live_server, holder)
    page.get_by_role("link", name=thai("My certificates")).click()
    row = page.locator(f"tr[data-certificate='{certificate.number}']")
    with page.expect_navigation():
        row.get_by_role("button", name=thai("Recertify")).click()

    case = AssessmentCase.objects.get(renews=certificate.case)
    assert path_of(page) == f"/cases/{case.pk}/"
    assert page.locator("#renewal-of").get_attribute("data-renews") == certificate.number
    assert page.locator("#case-state").get_attribute("data-case-state") == AssessmentCase.State.DRAFT
    assert "แผนปรับเปลี่ยนองค์กรดิจิทัล" in page.content()  # the portfolio came along
    assert case.unit.state == "published" and case.evidence_items.count() == 1
    assert len(mail.outbox) == 1

    page.get_by_role("link", name=thai("My certificates")).click()
    assert page.locator(f"tr[data-certificate='{certificate.number}'] [data-recertify]").count() == 0
    assert page.get_by_role("link", name=thai("Recertification under way")).get_attribute("href") == f"/cases/{case.pk}/"
