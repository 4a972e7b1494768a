"""An appeal upheld amends the decision and the certificate follows; dismissed leaves it; the candidate is
emailed in Thai and the case's timeline keeps every step."""
from django.core import mail
from django.utils.translation import gettext as _

from appeals.models import Appeal, CaseEvent
from appeals.notifications import appeal_outcome_send
from appeals.selectors import case_timeline
from appeals.services import appeal_decide, appeal_lodge
from certificates.models import Certificate
from judging.selectors import candidate_feedback


def test_an_upheld_criterion_appeal_amends_the_verdict_and_the_certificate_is_issued(assigned_appeal, panel_member,
                                                                                   released_case):
    appeal_decide(appeal=assigned_appeal, by=panel_member, upheld=True, reasons="แผนอัตรากำลังครบตามเกณฑ์")
    released_case.refresh_from_db()
    assert released_case.state == "certified"
    decision = released_case.decisions.get()
    assert decision.outcome == "competent"
    assert all(item.verdict == "competent" for item in candidate_feedback(released_case))
    certificate = Certificate.objects.get(case=released_case)
    assert "DL201.02" in [c["code"] for c in certificate.criteria]


def test_a_dismissed_appeal_leaves_the_decision_and_issues_nothing(assigned_appeal, panel_member, released_case):
    appeal_decide(appeal=assigned_appeal, by=panel_member, upheld=False, reasons="หลักฐานยังไม่แสดงภาระงาน")
    released_case.refresh_from_db()
    assert released_case.state == "not_yet_competent"
    assert not Certificate.objects.filter(case=released_case).exists()
    assert Appeal.objects.get().status == Appeal.Status.DISMISSED


def test_an_upheld_appeal_of_one_criterion_among_two_keeps_the_decision_not_yet_competent(
        settings, lease, allocated_case, assessor, candidate, panel_member, coordinator):
    from appeals.services import appeal_assign
    from judging.services import decision_confirm
    from tests.exams.factories import pass_the_exam
    from tests.judging.factories import judge_all

    settings.MODERATION_MODE = "none"
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease, not_yet=("DL201.02", "DL201.03"))
    decision_confirm(case=allocated_case, assessor=assessor, summary="ยังไม่ผ่าน", lease_token=lease.token)
    appeal = appeal_lodge(case=allocated_case, by=candidate, grounds="ขออุทธรณ์",
                          criterion_id=allocated_case.unit.criteria.get(code="DL201.02").pk)
    appeal_assign(appeal=appeal, panel_member=panel_member, by=coordinator)
    appeal_decide(appeal=appeal, by=panel_member, upheld=True, reasons="DL201.02 ครบ")
    allocated_case.refresh_from_db()
    assert allocated_case.state == "not_yet_competent"
    verdicts = {item.criterion.code: item.verdict for item in candidate_feedback(allocated_case)}
    assert verdicts["DL201.02"] == "competent" and verdicts["DL201.03"] == "not_yet_competent"


def test_the_candidate_is_emailed_the_ruling_in_thai_once(assigned_appeal, panel_member, candidate):
    appeal_decide(appeal=assigned_appeal, by=panel_member, upheld=False, reasons="หลักฐานยังไม่แสดงภาระงาน")
    assert appeal_outcome_send(appeal_id=assigned_appeal.pk) is True
    assert appeal_outcome_send(appeal_id=assigned_appeal.pk) is False
    [email] = mail.outbox
    assert email.to == [candidate.email]
    assert "หลักฐานยังไม่แสดงภาระงาน" in email.body
    assert "ยกอุทธรณ์" in email.subject


def test_every_step_is_in_the_case_timeline(assigned_appeal, panel_member, released_case):
    appeal_decide(appeal=assigned_appeal, by=panel_member, upheld=True, reasons="แผนอัตรากำลังครบตามเกณฑ์")
    kinds = list(CaseEvent.objects.filter(case=released_case).values_list("kind", flat=True))
    assert kinds == ["appeal_lodged", "appeal_assigned", "appeal_upheld"]
    whats = [entry.what for entry in case_timeline(released_case)]
    assert _("Appeal upheld") in whats
    # The amendment moved the case: its transitions are in the same timeline.
    assert f'{_("Not yet competent")} → {_("Competent")}' in whats


def test_an_upheld_appeal_of_the_whole_decision_finds_every_criterion_competent(released_case, candidate,
                                                                               panel_member, coordinator):
    from appeals.services import appeal_assign

    appeal = appeal_lodge(case=released_case, by=candidate, grounds="ขออุทธรณ์ผลทั้งหมด")
    appeal_assign(appeal=appeal, panel_member=panel_member, by=coordinator)
    appeal_decide(appeal=appeal, by=panel_member, upheld=True, reasons="หลักฐานครบทุกเกณฑ์")
    released_case.refresh_from_db()
    assert released_case.state == "certified"
    assert len(Certificate.objects.get(case=released_case).criteria) == 10
