"""The home page tells each role what is waiting for them and what to do next, in a fixed number of queries."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from assessments.models import Allocation
from blueprints.services import blueprint_create
from certificates.models import BulkDownload
from competency.models import Unit
from core.jobs import JobState
from evidence.services import evidence_item_create
from exams.services import seed_bank_load
from tests.certificates.factories import released_competent_case_for
from tests.exams.factories import definition_for, start
from tests.factories import UserFactory
from tests.samples import pdf_upload

pytestmark = pytest.mark.django_db
HOME = reverse("portal:home")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _give_evidence(case, candidate, codes):
    for n, code in enumerate(codes):
        criterion = case.unit.criteria.get(code=code)
        evidence_item_create(case=case, by=candidate, title=f"หลักฐาน {code}", kind="performance",
                             uploads=[pdf_upload(f"{code}.pdf", marker=str(n))], mappings={criterion.pk: f"แสดง {code}"})


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_candidate_sees_evidence_coverage_the_missing_criteria_a_draft_and_the_running_exam(
        client, case, candidate, unit):
    _give_evidence(case, candidate, ["DL201.01", "DL201.02", "DL201.03", "DL201.04"])
    blueprint_create(owner=candidate, title="พิมพ์เขียวกรมตัวอย่าง")
    seed_bank_load(unit=unit)
    attempt = start(case, definition_for(unit, kinds=["single_choice"], time_limit_minutes=60))
    attempt.deadline = timezone.now() + datetime.timedelta(minutes=56, seconds=30)
    attempt.save(update_fields=["deadline"])
    client.force_login(candidate)

    page = _text(client.get(HOME))

    assert "4 of 10 criteria have evidence" in page
    assert "Criteria still without evidence" in page
    for code in ["DL202.01", "DL202.02", "DL202.03", "DL203.01", "DL203.02", "DL203.03"]:
        assert code in page
    assert "State: <strong data-home=\"case-state\">Draft</strong>" in page
    assert "พิมพ์เขียวกรมตัวอย่าง</a>: 0 of" in page
    assert "Your exam is in progress" in page and "57 min left." in page
    assert reverse("exams:take", args=[attempt.pk]) in page


def test_candidate_with_every_criterion_evidenced_is_asked_to_submit(client, case, candidate):
    _give_evidence(case, candidate, [c.code for c in case.unit.criteria.all()])
    client.force_login(candidate)

    page = _text(client.get(HOME))

    assert "10 of 10 criteria have evidence" in page
    assert "Review and submit for assessment" in page
    assert "Criteria still without evidence" not in page


def test_candidate_with_a_decision_not_yet_competent_is_told_until_when_to_appeal(client, candidate, settings, lease,
                                                                                  allocated_case, assessor):
    from judging.services import decision_confirm
    from tests.exams.factories import pass_the_exam
    from tests.judging.factories import judge_all

    settings.MODERATION_MODE = "none"
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease, not_yet=("DL201.02",))
    decision_confirm(case=allocated_case, assessor=assessor, summary="ยังไม่ผ่าน", lease_token=lease.token)
    client.force_login(candidate)

    page = _text(client.get(HOME))

    assert "Decision released: <strong>Not yet competent</strong>" in page
    assert "You may appeal this decision until" in page
    assert reverse("appeals:lodge", args=[allocated_case.pk]) in page


def test_candidate_who_appealed_sees_the_appeal_waiting(client, candidate, released_case_with_appeal):
    client.force_login(candidate)

    page = _text(client.get(HOME))

    assert "Your appeal: <strong>Lodged, waiting for a panel member</strong>" in page
    assert "You may appeal this decision until" not in page


@pytest.fixture
def released_case_with_appeal(settings, lease, allocated_case, assessor, candidate):
    from appeals.services import appeal_lodge
    from judging.services import decision_confirm
    from tests.exams.factories import pass_the_exam
    from tests.judging.factories import judge_all

    settings.MODERATION_MODE = "none"
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease, not_yet=("DL201.02",))
    decision_confirm(case=allocated_case, assessor=assessor, summary="ยังไม่ผ่าน", lease_token=lease.token)
    appeal_lodge(case=allocated_case, by=candidate, grounds="หลักฐานอยู่ในเอกสารแนบ", criterion_id=None)
    return allocated_case


def test_assessor_sees_their_queue_the_pool_and_essays_with_counts(client, assessor, allocated_case, unit, superuser):
    from assessments.services import case_enrol, case_submit

    # A second candidate's submitted case, in nobody's queue: the pool.
    other = UserFactory(roles=[Role.CANDIDATE])
    waiting = case_enrol(candidate=other, unit_code="DG-EJJM-026")
    _give_evidence(waiting, other, ["DL201.01"])
    case_submit(case=waiting, by=other, summary="ส่ง")
    client.force_login(assessor)

    page = _text(client.get(HOME))

    assert 'Cases to judge (first marking)</a><span class="badge text-bg-primary rounded-pill">1</span>' in page
    assert 'Cases to second-mark</a><span class="badge text-bg-primary rounded-pill">0</span>' in page
    assert 'Cases you may take from the pool</a><span class="badge text-bg-secondary rounded-pill">1</span>' in page


def test_coordinator_sees_cases_waiting_for_a_marker(client, coordinator, submitted_case):
    client.force_login(coordinator)

    page = _text(client.get(HOME))

    assert 'Cases waiting for a first marker</a><span class="badge text-bg-primary rounded-pill">1</span>' in page
    assert 'Cases waiting for a second marker</a><span class="badge text-bg-primary rounded-pill">0</span>' in page


def test_moderator_sees_decisions_awaiting_moderation_and_appeals(client, moderator, released_case_with_appeal):
    client.force_login(moderator)

    page = _text(client.get(HOME))

    assert 'Disagreements to settle</a><span class="badge text-bg-primary rounded-pill">0</span>' in page
    assert 'Appeals waiting for a panel member</a><span class="badge text-bg-primary rounded-pill">1</span>' in page


def test_hr_officer_sees_recent_certificates_of_their_agency_and_pending_bulk_jobs(client, unit, superuser):
    hr = UserFactory(roles=[Role.HR_OFFICER])
    case = released_competent_case_for(by=superuser, department=hr.department)
    certificate = case.certificates.get()
    elsewhere = released_competent_case_for(by=superuser).certificates.get()
    job = BulkDownload.objects.create(requested_by=hr, total=3, done=1, state=JobState.RUNNING)
    client.force_login(hr)

    page = _text(client.get(HOME))

    assert certificate.number in page
    assert elsewhere.number not in page
    assert reverse("certificates:bulk_detail", args=[job.pk]) in page
    assert "1 / 3" in page


def test_standards_administrator_sees_the_revision_state_and_open_cases(client, standards_administrator, case, unit):
    Unit.objects.filter(pk=unit.pk).update()  # the published revision with one open case
    client.force_login(standards_administrator)

    page = _text(client.get(HOME))

    assert f"DG-EJJM-026 {unit.revision_label} · Published · 1 open cases" in page


def test_home_is_in_thai_by_default(client, case, candidate):
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE")
    client.force_login(candidate)

    page = _text(client.get(HOME))

    assert "0 จาก 10 เกณฑ์มีหลักฐานแล้ว" in page


@pytest.mark.parametrize("cases", [1, 5])
def test_candidate_home_costs_the_same_queries_however_many_cases(client, unit, candidate, cases,
                                                                  django_assert_max_num_queries):
    from assessments.models import AssessmentCase

    for n in range(cases):
        code = "DG-EJJM-026" if n == 0 else f"X-{n}"
        AssessmentCase.objects.create(candidate=candidate, unit=unit, unit_code=code)
    for case in AssessmentCase.objects.filter(candidate=candidate):
        _give_evidence(case, candidate, ["DL201.01", "DL202.01"])
        blueprint_create(owner=candidate, title=f"ร่าง {case.pk}")
    client.force_login(candidate)
    client.get(HOME)

    with django_assert_max_num_queries(16):
        assert client.get(HOME).status_code == 200


def test_staff_home_costs_a_fixed_number_of_queries(client, superuser, allocated_case, django_assert_max_num_queries):
    Allocation.objects.filter(case=allocated_case).update(marking=Allocation.Marking.FIRST)
    client.force_login(superuser)
    client.get(HOME)

    with django_assert_max_num_queries(24):
        assert client.get(HOME).status_code == 200
