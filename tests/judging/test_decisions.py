"""The unit decision: confirmed only when everything is judged, released after moderation where it applies,
sent back for more evidence with comments, changed after release only by a moderator with a reason."""
import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Allocation, AssessmentCase
from judging.models import Decision, Disagreement, Judgment, Verdict
from judging.selectors import candidate_feedback, case_timeline
from judging.services import (
    JudgingRefused,
    allocation_assign,
    decision_amend,
    decision_confirm,
    disagreement_settle,
    evidence_request,
    judgment_record,
    lease_acquire,
)
from tests.exams.factories import pass_the_exam
from tests.judging.factories import judge_all

State = AssessmentCase.State
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_second_marking(settings):
    settings.MODERATION_MODE = "none"


def test_a_decision_cannot_be_confirmed_while_criteria_are_unjudged(lease, allocated_case, assessor):
    criterion = allocated_case.unit.criteria.get(code="DL201.01")
    judgment_record(case=allocated_case, criterion_id=criterion.pk, assessor=assessor, score=2, comment="",
                    evidence_item_ids=[], lease_token=lease.token)
    with pytest.raises(JudgingRefused, match="DL201.02"):
        decision_confirm(case=allocated_case, assessor=assessor, summary="สรุป", lease_token=lease.token)
    assert not Decision.objects.exists()


def test_without_a_passed_exam_all_competent_criteria_still_give_not_yet_competent(lease, allocated_case, assessor):
    judge_all(allocated_case, assessor, lease)
    decision = decision_confirm(case=allocated_case, assessor=assessor, summary="เกณฑ์ครบแต่ยังไม่สอบ",
                                lease_token=lease.token)
    assert decision.outcome == Decision.Outcome.NOT_YET_COMPETENT
    assert decision.exam_passed is False
    allocated_case.refresh_from_db()
    assert allocated_case.state == State.NOT_YET_COMPETENT


def test_requesting_more_evidence_returns_the_case_with_the_comments(lease, allocated_case, assessor, candidate):
    from judging.notifications import decision_feedback_send

    judge_all(allocated_case, assessor, lease, not_yet=("DL201.02",))
    decision = evidence_request(case=allocated_case, assessor=assessor, summary="ขอหลักฐานเรื่องภาระงาน",
                                lease_token=lease.token)
    decision_feedback_send(decision_id=decision.pk)
    decision_feedback_send(decision_id=decision.pk)  # a retried task sends nothing more
    allocated_case.refresh_from_db()
    assert (allocated_case.state, allocated_case.round) == (State.MORE_EVIDENCE_REQUESTED, 2)
    feedback = {f.criterion.code: f for f in candidate_feedback(allocated_case)}
    assert feedback["DL201.02"].verdict == Verdict.NOT_YET_COMPETENT
    assert feedback["DL201.02"].comment == "ยังไม่ครบ: DL201.02"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [candidate.email]
    assert "DL201.02" in mail.outbox[0].body and "ยังไม่ครบ: DL201.02" in mail.outbox[0].body


def test_the_earlier_round_is_kept_when_the_candidate_resubmits(lease, allocated_case, assessor, candidate):
    from assessments.services import case_submit

    judge_all(allocated_case, assessor, lease, not_yet=("DL201.02",))
    evidence_request(case=allocated_case, assessor=assessor, summary="ขอเพิ่ม", lease_token=lease.token)
    case_submit(case=allocated_case, by=candidate, summary="ส่งใหม่")
    lease = lease_acquire(case=allocated_case, assessor=assessor)
    allocated_case.refresh_from_db()
    judge_all(allocated_case, assessor, lease)

    assert Judgment.objects.filter(case=allocated_case, round=1).count() == 10
    assert Judgment.objects.filter(case=allocated_case, round=2).count() == 10
    assert Judgment.objects.get(case=allocated_case, round=1, criterion__code="DL201.02").verdict == \
        Verdict.NOT_YET_COMPETENT


def test_judgments_freeze_once_the_decision_is_confirmed(lease, allocated_case, assessor):
    judge_all(allocated_case, assessor, lease)
    decision_confirm(case=allocated_case, assessor=assessor, summary="สรุป", lease_token=lease.token)
    with pytest.raises(JudgingRefused):
        judge_all(allocated_case, assessor, lease)


def test_every_change_to_a_judgment_is_in_the_timeline(lease, allocated_case, assessor):
    criterion = allocated_case.unit.criteria.get(code="DL201.04")
    for score, comment in ((1, "ยังไม่มีตารางช่องว่าง"), (2, "")):
        judgment_record(case=allocated_case, criterion_id=criterion.pk, assessor=assessor, score=score,
                        comment=comment, evidence_item_ids=[], lease_token=lease.token)

    judgment = Judgment.objects.get()
    assert [h.score for h in judgment.history.order_by("history_date")] == [1, 2]
    assert {h.history_user for h in judgment.history.all()} == {assessor}
    changes = [e for e in case_timeline(allocated_case) if "DL201.04" in e.what]
    assert len(changes) == 2
    assert changes[1].before.startswith("1") and changes[1].after.startswith("2")


class TestSecondMarking:
    @pytest.fixture(autouse=True)
    def every_case_second_marked(self, settings):
        settings.MODERATION_MODE = "all"

    @pytest.fixture
    def first_confirmed(self, lease, allocated_case, assessor):
        judge_all(allocated_case, assessor, lease, not_yet=("DL203.02",))
        return decision_confirm(case=allocated_case, assessor=assessor, summary="ครั้งแรก", lease_token=lease.token)

    def test_the_decision_waits_for_the_second_marker_and_is_not_released(self, first_confirmed, allocated_case,
                                                                         client, candidate):
        assert first_confirmed.status == Decision.Status.AWAITING_SECOND_MARKING
        allocated_case.refresh_from_db()
        assert allocated_case.state == State.UNDER_ASSESSMENT
        client.force_login(candidate)
        assert 'id="feedback"' not in client.get(reverse("assessments:case_detail", args=[allocated_case.pk])).content.decode()

    def test_the_second_marker_judges_blind(self, first_confirmed, allocated_case, other_assessor, superuser, client):
        allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
        client.force_login(other_assessor)
        page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
        assert "ยังไม่ครบ: DL203.02" not in page
        assert 'data-verdict=""' in page and 'data-verdict="not_yet_competent"' not in page

    def test_disagreements_wait_for_a_moderator_who_settles_them(self, first_confirmed, allocated_case,
                                                                 other_assessor, superuser):
        allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
        lease = lease_acquire(case=allocated_case, assessor=other_assessor)
        judge_all(allocated_case, other_assessor, lease)  # the second marker finds DL203.02 competent
        decision = decision_confirm(case=allocated_case, assessor=other_assessor, summary="ครั้งที่สอง",
                                    lease_token=lease.token)

        assert decision.status == Decision.Status.AWAITING_MODERATION
        disagreement = Disagreement.objects.get()
        assert disagreement.criterion.code == "DL203.02"

        disagreement_settle(disagreement=disagreement, moderator=superuser, verdict=Verdict.COMPETENT,
                            reason="หลักฐานแผนการสื่อสารครบถ้วน")
        decision.refresh_from_db()
        assert decision.status == Decision.Status.RELEASED
        feedback = {f.criterion.code: f.verdict for f in candidate_feedback(allocated_case)}
        assert feedback["DL203.02"] == Verdict.COMPETENT

    def test_agreement_counts_the_pair(self, first_confirmed, allocated_case, other_assessor, superuser):
        from judging.selectors import agreement_by_pair

        allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
        lease = lease_acquire(case=allocated_case, assessor=other_assessor)
        judge_all(allocated_case, other_assessor, lease)
        decision_confirm(case=allocated_case, assessor=other_assessor, summary="ครั้งที่สอง", lease_token=lease.token)

        ((first, second, result),) = agreement_by_pair()
        assert (result.pairs, result.percent) == (10, 90.0)


def test_a_released_decision_changes_only_with_a_moderators_reason(lease, allocated_case, assessor, superuser):
    judge_all(allocated_case, assessor, lease)
    decision = decision_confirm(case=allocated_case, assessor=assessor, summary="สรุป", lease_token=lease.token)

    with pytest.raises(JudgingRefused):
        decision_amend(decision=decision, moderator=assessor, outcome=Decision.Outcome.COMPETENT, reason="x")
    with pytest.raises(JudgingRefused):
        decision_amend(decision=decision, moderator=superuser, outcome=Decision.Outcome.COMPETENT, reason=" ")

    decision_amend(decision=decision, moderator=superuser, outcome=Decision.Outcome.COMPETENT,
                   reason="ผลสอบถูกบันทึกผิดพลาด ตรวจสอบแล้วผ่าน")
    decision.refresh_from_db()
    assert decision.outcome == Decision.Outcome.COMPETENT
    assert [h.outcome for h in decision.history.order_by("history_date")][-2:] == [
        Decision.Outcome.NOT_YET_COMPETENT, Decision.Outcome.COMPETENT]


@pytest.mark.django_db(transaction=True)
def test_the_worker_emails_the_released_decision(unit, candidate, assessor, superuser, celery_worker, settings):
    from assessments.services import case_enrol, case_submit
    from evidence.services import evidence_item_create
    from tests.samples import pdf_upload

    settings.MODERATION_MODE = "none"
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    evidence_item_create(case=case, by=candidate, title="แผน", kind="performance", uploads=[pdf_upload()],
                         mappings={case.unit.criteria.first().pk: "แสดง"})
    case_submit(case=case, by=candidate, summary="ส่ง")
    Allocation.objects.create(case=case, assessor=assessor, assigned_by=superuser)
    lease = lease_acquire(case=case, assessor=assessor)
    case.refresh_from_db()
    judge_all(case, assessor, lease, not_yet=("DL203.03",))

    evidence_request(case=case, assessor=assessor, summary="ขอหลักฐานเครื่องมือเพิ่มเติม", lease_token=lease.token)

    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not [m for m in mail.outbox if "ขอหลักฐานเครื่องมือ" in m.body]:
        time.sleep(0.1)
    feedback_mail = [m for m in mail.outbox if "ขอหลักฐานเครื่องมือ" in m.body]
    assert len(feedback_mail) == 1
    assert "DL203.03" in feedback_mail[0].body


def test_every_criterion_competent_and_the_exam_passed_makes_the_candidate_competent(lease, allocated_case,
                                                                                      assessor):
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease)
    decision = decision_confirm(case=allocated_case, assessor=assessor, summary="ผ่านทุกเกณฑ์และสอบผ่าน",
                                lease_token=lease.token)
    assert (decision.outcome, decision.exam_passed) == (Decision.Outcome.COMPETENT, True)
    allocated_case.refresh_from_db()
    assert allocated_case.state in (State.COMPETENT, State.CERTIFIED)


def test_amending_a_certified_case_to_not_yet_competent_revokes_its_certificate(lease, allocated_case, assessor,
                                                                                 superuser):
    from certificates.models import Certificate

    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease)
    decision = decision_confirm(case=allocated_case, assessor=assessor, summary="ผ่าน", lease_token=lease.token)
    certificate = Certificate.objects.get(case=allocated_case)

    decision_amend(decision=decision, moderator=superuser, outcome=Decision.Outcome.NOT_YET_COMPETENT,
                   reason="พบการคัดลอกผลงาน")

    certificate.refresh_from_db()
    allocated_case.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revocation_reason == "พบการคัดลอกผลงาน"
    assert allocated_case.state == State.NOT_YET_COMPETENT


def test_a_moderator_who_is_not_a_superuser_amends_a_certified_decision_and_the_certificate_is_revoked(
        client, lease, allocated_case, assessor, moderator):
    from certificates.models import Certificate

    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease)
    decision = decision_confirm(case=allocated_case, assessor=assessor, summary="ผ่าน", lease_token=lease.token)
    certificate = Certificate.objects.get(case=allocated_case)
    assert not moderator.is_superuser

    client.force_login(moderator)
    response = client.post(reverse("judging:amend", args=[decision.pk]),
                           {"outcome": Decision.Outcome.NOT_YET_COMPETENT, "reason": "พบการคัดลอกผลงาน"}, follow=True)

    assert response.status_code == 200
    certificate.refresh_from_db()
    allocated_case.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revocation_reason == "พบการคัดลอกผลงาน"
    assert certificate.revoked_by == moderator
    assert allocated_case.state == State.NOT_YET_COMPETENT


def test_a_decision_amended_back_to_competent_issues_a_new_certificate_in_place_of_the_withdrawn_one(
        client, lease, allocated_case, assessor, moderator):
    from certificates.models import Certificate
    from certificates.services import current_certificate

    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease)
    decision = decision_confirm(case=allocated_case, assessor=assessor, summary="ผ่าน", lease_token=lease.token)
    withdrawn = Certificate.objects.get(case=allocated_case)
    client.force_login(moderator)
    client.post(reverse("judging:amend", args=[decision.pk]),
                {"outcome": Decision.Outcome.NOT_YET_COMPETENT, "reason": "สงสัยการคัดลอกผลงาน"})

    client.post(reverse("judging:amend", args=[decision.pk]),
                {"outcome": Decision.Outcome.COMPETENT, "reason": "ตรวจสอบแล้วไม่พบการคัดลอก"})

    allocated_case.refresh_from_db()
    certificate = current_certificate(allocated_case)
    assert allocated_case.state == State.CERTIFIED
    assert certificate.pk != withdrawn.pk and certificate.revoked_at is None
    assert certificate.replaces == withdrawn
