"""An allocated assessor judges each criterion on its rubric, holding the case while they work."""
import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentCase
from judging.models import CaseLease, Judgment, Verdict
from judging.services import JudgingRefused, judgment_record, lease_acquire

pytestmark = pytest.mark.django_db


def _judge(case, assessor, lease, code, score, comment=""):
    criterion = case.unit.criteria.get(code=code)
    return judgment_record(case=case, criterion_id=criterion.pk, assessor=assessor, score=score, comment=comment,
                           evidence_item_ids=list(criterion.evidence_items.values_list("pk", flat=True)),
                           lease_token=lease.token)


def test_taking_the_case_starts_its_assessment(lease, allocated_case):
    assert allocated_case.state == AssessmentCase.State.UNDER_ASSESSMENT


def test_the_verdict_follows_from_the_score(lease, allocated_case, assessor):
    assert _judge(allocated_case, assessor, lease, "DL201.01", 2).verdict == Verdict.COMPETENT
    assert _judge(allocated_case, assessor, lease, "DL201.02", 1, "ยังไม่ระบุภาระงาน").verdict == Verdict.NOT_YET_COMPETENT


def test_a_score_below_competent_needs_a_comment(lease, allocated_case, assessor):
    with pytest.raises(JudgingRefused):
        _judge(allocated_case, assessor, lease, "DL201.02", 1)
    assert not Judgment.objects.exists()


def test_a_score_off_the_rubric_is_refused(lease, allocated_case, assessor):
    with pytest.raises(JudgingRefused):
        _judge(allocated_case, assessor, lease, "DL201.01", 7)


def test_a_criterion_of_another_revision_is_refused(lease, allocated_case, assessor, standards_administrator):
    from competency.services import unit_revision_create

    draft = unit_revision_create(unit=allocated_case.unit, by=standards_administrator)
    foreign = draft.criteria.get(code="DL201.01")
    with pytest.raises(JudgingRefused):
        judgment_record(case=allocated_case, criterion_id=foreign.pk, assessor=assessor, score=2, comment="",
                        evidence_item_ids=[], lease_token=lease.token)
    assert not Judgment.objects.exists()


def test_a_second_assessor_cannot_take_the_case_while_the_lease_runs(lease, allocated_case, other_assessor, superuser):
    from judging.services import allocation_assign

    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser)  # reallocation
    with pytest.raises(JudgingRefused):
        lease_acquire(case=allocated_case, assessor=other_assessor)


def test_a_stale_form_after_the_lease_passed_to_someone_else_is_refused(lease, allocated_case, assessor,
                                                                        other_assessor, superuser):
    from judging.services import allocation_assign

    CaseLease.objects.filter(pk=lease.pk).update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
    lease_acquire(case=allocated_case, assessor=other_assessor)

    with pytest.raises(JudgingRefused, match="another assessor|ผู้ประเมินท่านอื่น"):
        _judge(allocated_case, assessor, lease, "DL201.01", 2)
    assert not Judgment.objects.exists()


def test_an_assessor_not_allocated_gets_404(client, submitted_case, other_assessor):
    client.force_login(other_assessor)
    assert client.get(reverse("judging:screen", args=[submitted_case.pk])).status_code == 404
    criterion = submitted_case.unit.criteria.first()
    response = client.post(reverse("judging:judge", args=[submitted_case.pk, criterion.pk]), {})
    assert response.status_code == 404


def test_the_judging_screen_shows_progress_and_each_criterions_evidence(client, allocated_case, assessor):
    client.force_login(assessor)
    page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
    assert "0 จาก 10" in page or "0 of 10 judged" in page
    for criterion in allocated_case.unit.criteria.all():
        assert f'id="criterion-{criterion.code}"' in page
        assert f"หลักฐาน {criterion.code}" in page


def test_judging_through_the_screen(client, allocated_case, assessor):
    client.force_login(assessor)
    client.post(reverse("judging:take", args=[allocated_case.pk]), {"declaration": "on"})
    token = CaseLease.objects.get(case=allocated_case).token
    criterion = allocated_case.unit.criteria.get(code="DL201.03")
    prefix = f"c{criterion.pk}"

    response = client.post(reverse("judging:judge", args=[allocated_case.pk, criterion.pk]), {
        f"{prefix}-lease_token": token, f"{prefix}-score": "3", f"{prefix}-comment": "",
        f"{prefix}-evidence": list(criterion.evidence_items.values_list("pk", flat=True)),
    })

    assert response.status_code == 302
    judgment = Judgment.objects.get(criterion=criterion)
    assert (judgment.score, judgment.verdict) == (3, Verdict.COMPETENT)
    assert list(judgment.evidence_relied_on.all()) == list(criterion.evidence_items.all())


def test_the_judging_screen_query_count_does_not_grow_with_evidence(client, allocated_case, assessor, candidate):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evidence.services import evidence_item_create
    from tests.samples import pdf_upload

    client.force_login(assessor)
    url = reverse("judging:screen", args=[allocated_case.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.post(reverse("judging:take", args=[allocated_case.pk]), {"declaration": "on"})  # takes the lease and starts the assessment
    before = count()
    from assessments.models import AssessmentCase as Case

    Case.objects.filter(pk=allocated_case.pk).update(state=Case.State.DRAFT)
    for n in range(15):
        criterion = allocated_case.unit.criteria.all()[n % 10]
        evidence_item_create(case=allocated_case, by=candidate, title=f"เพิ่ม {n}", kind="performance",
                             uploads=[pdf_upload(marker=f"extra-{n}")], mappings={criterion.pk: "เพิ่มเติม"})
    Case.objects.filter(pk=allocated_case.pk).update(state=Case.State.UNDER_ASSESSMENT)
    assert count() == before


def test_exam_essays_are_marked_on_the_judging_screen(client, allocated_case, assessor):
    from exams.models import DefinitionRule
    from exams.selectors import exam_outcome_for_case
    from exams.services import answer_save, attempt_start, attempt_submit, seed_bank_load
    from tests.exams.factories import definition_for

    seed_bank_load(unit=allocated_case.unit)
    definition = definition_for(allocated_case.unit, code="essay-only", kinds=[DefinitionRule.Kind.ESSAY])
    attempt = attempt_start(case=allocated_case, definition=definition)
    essay = attempt.answers.get()
    answer_save(attempt=attempt, item_version_id=essay.item_version_id,
                value="ควรเริ่มจากการวิเคราะห์กระบวนงานหลักและข้อมูลหลักที่ต้องแลกเปลี่ยนแบบ G2G")
    attempt_submit(attempt=attempt)
    assert exam_outcome_for_case(allocated_case).passed is None  # waiting for the essay's mark

    client.force_login(assessor)
    page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
    assert "ควรเริ่มจากการวิเคราะห์กระบวนงานหลัก" in page
    top = max(level["points"] for level in essay.item_version.rubric)
    response = client.post(reverse("judging:mark_essay", args=[allocated_case.pk, essay.pk]),
                           {f"e{essay.pk}-level": top, f"e{essay.pk}-comment": "ครบถ้วน"})

    assert response.status_code == 302
    essay.refresh_from_db()
    assert essay.marked_by == assessor
    assert exam_outcome_for_case(allocated_case).passed is True


def test_opening_the_judging_screen_changes_nothing_and_taking_the_case_is_a_post(client, allocated_case, assessor):
    client.force_login(assessor)
    screen = reverse("judging:screen", args=[allocated_case.pk])

    page = client.get(screen)
    allocated_case.refresh_from_db()
    assert page.status_code == 200
    assert allocated_case.state == AssessmentCase.State.SUBMITTED
    assert not CaseLease.objects.filter(case=allocated_case).exists()
    assert reverse("judging:take", args=[allocated_case.pk]) in page.content.decode()
    assert client.get(reverse("judging:take", args=[allocated_case.pk])).status_code == 405

    assert client.post(reverse("judging:take", args=[allocated_case.pk]), {"declaration": "on"}).status_code == 302
    allocated_case.refresh_from_db()
    assert allocated_case.state == AssessmentCase.State.UNDER_ASSESSMENT
    held_until = timezone.now() + timezone.timedelta(minutes=5)
    CaseLease.objects.filter(case=allocated_case).update(expires_at=held_until)
    client.get(screen)
    assert CaseLease.objects.get(case=allocated_case).expires_at == held_until
