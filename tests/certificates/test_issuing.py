"""A released decision of competent issues a certificate: numbered, with the holder's names, the unit and its
criteria as they were, and the signatory; the case becomes certified."""
import re

import pytest
from django.db import transaction
from django.utils import timezone

from assessments.models import AssessmentCase
from certificates.models import Certificate
from certificates.services import CertificateRefused, certificate_issue
from core.dates import buddhist_year

pytestmark = pytest.mark.django_db


def test_releasing_a_competent_decision_issues_a_certificate_and_certifies_the_case(competent_case, candidate,
                                                                                     signatory):
    certificate = competent_case.certificates.get()
    year = buddhist_year(timezone.localdate())
    assert certificate.number == f"DG-EJJM-026-{year}-000001"
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{20}", certificate.code)
    assert certificate.holder_name_th == candidate.full_name_th
    assert certificate.holder_name_en == candidate.full_name_en
    assert certificate.department == candidate.department
    assert (certificate.unit_code, certificate.unit_revision_number, certificate.unit_revision_year_be) == (
        "DG-EJJM-026", 1, 2567)
    assert certificate.unit_title_th == "ออกแบบองค์กรดิจิทัล"
    assert [c["code"] for c in certificate.criteria][:2] == ["DL201.01", "DL201.02"]
    assert {c["system_id"] for c in certificate.criteria} == set(range(217398, 217408))
    assert certificate.signatory_name_th == signatory.name_th
    assert certificate.issued_on == timezone.localdate()
    assert certificate.expires_on == certificate.issued_on.replace(year=certificate.issued_on.year + 3)
    assert certificate.render_state == Certificate.RenderState.PENDING
    assert competent_case.state == AssessmentCase.State.CERTIFIED


def test_issuing_again_gives_the_same_certificate(competent_case, assessor):
    first = competent_case.certificates.get()
    assert certificate_issue(case=competent_case, by=assessor) == first
    assert Certificate.objects.count() == 1


def test_a_case_without_a_competent_decision_is_not_certified(submitted_case, superuser):
    with pytest.raises(CertificateRefused):
        certificate_issue(case=submitted_case, by=superuser)
    assert not Certificate.objects.exists()


def test_numbers_follow_each_other_within_the_year(issue):
    numbers = [issue().sequence for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_a_rolled_back_issue_gives_its_number_back(issue):
    with pytest.raises(RuntimeError), transaction.atomic():
        issue()
        raise RuntimeError("the surrounding release failed")
    assert issue().sequence == 1


def test_with_no_validity_period_certificates_never_expire(issue, settings):
    settings.CERTIFICATE_VALIDITY_YEARS = 0
    certificate = issue()
    assert certificate.expires_on is None
    assert certificate.status == Certificate.Status.VALID
