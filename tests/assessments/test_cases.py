"""A candidate enrols, which opens a case that moves only along the transitions the rules allow."""
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from assessments.models import AssessmentCase, CaseTransition
from assessments.services import CaseStateError, case_enrol, case_submit, case_transition
from competency.services import unit_publish, unit_revision_create
from evidence.services import evidence_item_create
from tests.samples import pdf_upload

State = AssessmentCase.State
pytestmark = pytest.mark.django_db


def _add_pdf(case, candidate):
    return evidence_item_create(
        case=case, by=candidate, title="แผนภาพกระบวนงานหลัก", kind="performance",
        uploads=[pdf_upload()], mappings={case.unit.criteria.get(code="DL201.01").pk: "แสดงกระบวนงานหลัก"},
    )


def test_enrolling_opens_a_draft_case_in_the_newest_published_revision(unit, candidate, standards_administrator):
    unit_publish(unit=unit_revision_create(unit=unit, by=standards_administrator), by=standards_administrator)

    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")

    assert case.state == State.DRAFT
    assert case.unit.revision_number == 2
    assert case.transitions.get().by == candidate


def test_one_open_case_per_candidate_per_unit(case, candidate):
    with pytest.raises(ValidationError, match="open case|ยังดำเนินการอยู่"):
        case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    assert AssessmentCase.objects.filter(candidate=candidate).count() == 1


def test_an_old_case_keeps_its_revision_when_a_new_one_is_published(case, unit, standards_administrator):
    unit_publish(unit=unit_revision_create(unit=unit, by=standards_administrator), by=standards_administrator)
    case.refresh_from_db()
    assert case.unit == unit


def test_enrolling_in_an_unknown_unit_is_refused(unit, candidate):
    with pytest.raises(ValidationError):
        case_enrol(candidate=candidate, unit_code="NO-SUCH")


@pytest.mark.parametrize(
    "path",
    [
        [State.SUBMITTED, State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED, State.RESUBMITTED,
         State.UNDER_ASSESSMENT, State.COMPETENT, State.CERTIFIED],
        [State.SUBMITTED, State.UNDER_ASSESSMENT, State.NOT_YET_COMPETENT],
    ],
)
def test_a_case_moves_along_the_allowed_path_and_every_move_is_recorded(case, assessor, path):
    for target in path:
        case_transition(case=case, to_state=target, by=assessor, reason=f"to {target}")
    recorded = list(case.transitions.values_list("from_state", "to_state"))[1:]
    assert recorded == list(zip([State.DRAFT, *path[:-1]], path))
    assert all(t.by == assessor for t in case.transitions.all()[1:])


@pytest.mark.parametrize(
    "start,target",
    [
        (State.DRAFT, State.COMPETENT),
        (State.DRAFT, State.UNDER_ASSESSMENT),
        (State.SUBMITTED, State.CERTIFIED),
        (State.SUBMITTED, State.DRAFT),
    ],
)
def test_other_moves_are_refused_and_change_nothing(case, assessor, start, target):
    AssessmentCase.objects.filter(pk=case.pk).update(state=start)
    case.refresh_from_db()
    before = CaseTransition.objects.count()
    with pytest.raises(CaseStateError):
        case_transition(case=case, to_state=target, by=assessor)
    case.refresh_from_db()
    assert case.state == start
    assert CaseTransition.objects.count() == before


def test_asking_for_more_evidence_opens_a_new_round(case, assessor):
    for target in (State.SUBMITTED, State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED):
        case_transition(case=case, to_state=target, by=assessor)
    assert case.round == 2


def test_an_empty_portfolio_cannot_be_submitted(case, candidate):
    with pytest.raises(CaseStateError):
        case_submit(case=case, by=candidate, summary="ไม่มีหลักฐาน")
    case.refresh_from_db()
    assert case.state == State.DRAFT


def test_submitting_twice_records_one_submission(case, candidate, client):
    _add_pdf(case, candidate)
    client.force_login(candidate)
    data = {"summary": "หลักฐานครบถ้วน", "confirm": "on"}
    first = client.post(reverse("assessments:case_submit", args=[case.pk]), data)
    second = client.post(reverse("assessments:case_submit", args=[case.pk]), data)

    assert first.status_code == 302
    assert second.status_code == 409
    assert "ส่งแล้ว" in second.content.decode() or "already been submitted" in second.content.decode()
    assert case.transitions.filter(to_state=State.SUBMITTED).count() == 1


def test_submitting_needs_the_confirmation(case, candidate, client):
    _add_pdf(case, candidate)
    client.force_login(candidate)
    response = client.post(reverse("assessments:case_submit", args=[case.pk]), {"summary": "สรุป"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == State.DRAFT


def test_the_confirmation_page_warns_about_criteria_without_evidence(case, candidate, client):
    _add_pdf(case, candidate)
    client.force_login(candidate)
    body = client.get(reverse("assessments:case_detail", args=[case.pk])).content.decode()
    assert 'id="uncovered-warning"' in body
    assert "DL201.02" in body.split('id="uncovered-warning"')[1].split("</div>")[0]


def test_another_candidate_cannot_submit_my_case(case, candidate, other_candidate, client):
    _add_pdf(case, candidate)
    client.force_login(other_candidate)
    response = client.post(reverse("assessments:case_submit", args=[case.pk]), {"summary": "x", "confirm": "on"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.state == State.DRAFT


def test_a_case_page_is_404_for_outsiders(case, other_candidate, assessor, client):
    for outsider in (other_candidate, assessor):
        client.force_login(outsider)
        assert client.get(reverse("assessments:case_detail", args=[case.pk])).status_code == 404


def test_only_candidates_enrol_through_the_page(unit, assessor, client):
    client.force_login(assessor)
    response = client.post(reverse("assessments:case_enrol"), {"unit_code": "DG-EJJM-026"}, follow=True)
    assert not AssessmentCase.objects.exists()
    with translation.override("th"):  # the portal's default language, as the page speaks it
        assert [str(m) for m in response.context["messages"]] == [gettext("Only candidates can enrol.")]


def test_the_enrolment_service_refuses_anyone_but_a_candidate(unit, assessor):
    with pytest.raises(ValidationError) as refused:
        case_enrol(candidate=assessor, unit_code="DG-EJJM-026")
    assert refused.value.code == "not_candidate"
    assert not AssessmentCase.objects.exists()


def test_the_receipt_is_sent_once_however_often_the_task_runs(case, candidate):
    from assessments.notifications import submission_receipt_send

    _add_pdf(case, candidate)
    case_submit(case=case, by=candidate, summary="สรุป")
    submission_receipt_send(case_id=case.pk, round_number=1)
    submission_receipt_send(case_id=case.pk, round_number=1)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_candidate_gets_an_email_receipt_from_the_worker(unit, candidate, celery_worker):
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    _add_pdf(case, candidate)

    case_submit(case=case, by=candidate, summary="หลักฐานครบถ้วน")

    _wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == [candidate.email]
    assert "DG-EJJM-026" in mail.outbox[0].subject
    case.refresh_from_db()
    assert case.receipt_sent_round == 1


def _wait_for(condition, seconds: float = 60):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("the worker did not finish in time")


def test_a_candidate_is_offered_only_units_without_an_open_case(unit, candidate, client):
    from assessments.selectors import units_open_for_enrolment

    assert [u.code for u in units_open_for_enrolment(candidate=candidate)] == ["DG-EJJM-026"]
    case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    assert units_open_for_enrolment(candidate=candidate) == []
    client.force_login(candidate)
    assert reverse("assessments:case_enrol") not in client.get(reverse("assessments:case_list")).content.decode()
