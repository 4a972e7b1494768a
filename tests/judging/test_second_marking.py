"""Second marking to its end: the second marker confirms blind with their own summary, agreement releases,
disagreement goes to a (non-superuser) moderator; a marker who is done leaves their queue and cannot retake
the case; a lease never names its holder."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from assessments.models import AssessmentCase
from certificates.models import Certificate
from judging.models import CaseLease, Decision, Disagreement, Judgment, Verdict
from judging.services import allocation_assign, decision_confirm, lease_acquire
from tests.exams.factories import pass_the_exam
from tests.factories import UserFactory
from tests.judging.factories import judge_all

State = AssessmentCase.State
pytestmark = pytest.mark.django_db

FIRST_SUMMARY = "สรุปผลของผู้ประเมินคนแรก-ลับ"
FIRST_COMMENT = "ยังไม่ครบ: DL203.02"


@pytest.fixture(autouse=True)
def every_case_second_marked(settings):
    settings.MODERATION_MODE = "all"


@pytest.fixture
def first_confirmed(lease, allocated_case, assessor):
    """The first marker found DL203.02 not yet competent and confirmed; the decision waits for second marking."""
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease, not_yet=("DL203.02",))
    return decision_confirm(case=allocated_case, assessor=assessor, summary=FIRST_SUMMARY, lease_token=lease.token)


@pytest.fixture
def second_marker(first_confirmed, allocated_case, other_assessor, superuser):
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
    return other_assessor


def _take(client, case):
    return client.post(reverse("judging:take", args=[case.pk]), {"declaration": "on"})


def _confirm(client, case, summary):
    token = CaseLease.objects.get(case=case).token
    return client.post(reverse("judging:confirm", args=[case.pk]), {"summary": summary, "lease_token": token})


def test_the_second_marker_confirms_with_their_own_summary_and_agreement_releases_with_a_certificate(
        client, first_confirmed, allocated_case, second_marker):
    client.force_login(second_marker)
    _take(client, allocated_case)
    judge_all(allocated_case, second_marker, CaseLease.objects.get(case=allocated_case), not_yet=("DL203.02",))
    allocated_case.refresh_from_db()
    # Ten of ten judged: the decision card offers the summary and the confirm button.
    page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
    assert reverse("judging:confirm", args=[allocated_case.pk]) in page

    response = _confirm(client, allocated_case, "ผู้ประเมินคนที่สองเห็นตรงกัน")

    assert response.status_code == 302
    decision = Decision.objects.get(case=allocated_case)
    assert decision.status == Decision.Status.RELEASED
    assert (decision.second_summary, decision.second_confirmed_by) == ("ผู้ประเมินคนที่สองเห็นตรงกัน", second_marker)
    assert decision.summary == FIRST_SUMMARY  # the candidate still reads the first marker's summary
    assert not Disagreement.objects.exists()


def test_agreement_on_a_competent_case_issues_the_certificate(client, lease, allocated_case, assessor,
                                                              other_assessor, superuser):
    pass_the_exam(allocated_case)
    judge_all(allocated_case, assessor, lease)
    decision_confirm(case=allocated_case, assessor=assessor, summary=FIRST_SUMMARY, lease_token=lease.token)
    assert not Certificate.objects.filter(case=allocated_case).exists()
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
    client.force_login(other_assessor)
    _take(client, allocated_case)
    judge_all(allocated_case, other_assessor, CaseLease.objects.get(case=allocated_case))

    _confirm(client, allocated_case, "ครบทุกเกณฑ์")

    assert Certificate.objects.filter(case=allocated_case, revoked_at__isnull=True).exists()


def test_disagreement_goes_to_a_moderator_who_is_not_a_superuser_and_who_releases(
        client, first_confirmed, allocated_case, second_marker, moderator):
    client.force_login(second_marker)
    _take(client, allocated_case)
    judge_all(allocated_case, second_marker, CaseLease.objects.get(case=allocated_case), not_yet=("DL201.01",))
    _confirm(client, allocated_case, "เห็นต่างสองเกณฑ์")
    assert Decision.objects.get(case=allocated_case).status == Decision.Status.AWAITING_MODERATION
    assert sorted(Disagreement.objects.values_list("criterion__code", flat=True)) == ["DL201.01", "DL203.02"]

    client.force_login(moderator)
    assert not moderator.is_superuser
    page = client.get(reverse("judging:moderation")).content.decode()
    assert "เห็นต่างสองเกณฑ์" in page and FIRST_SUMMARY in page  # both summaries, for the moderator
    for disagreement in Disagreement.objects.all():
        client.post(reverse("judging:settle", args=[disagreement.pk]),
                    {"verdict": Verdict.COMPETENT, "reason": "หลักฐานครบถ้วน"})

    decision = Decision.objects.get(case=allocated_case)
    assert (decision.status, decision.released_by) == (Decision.Status.RELEASED, moderator)
    assert decision.outcome == Decision.Outcome.COMPETENT
    assert Certificate.objects.filter(case=allocated_case, revoked_at__isnull=True).exists()


def _second_markers_pages(client, case):
    urls = [reverse("judging:queue"), reverse("judging:screen", args=[case.pk]),
            reverse("assessments:case_detail", args=[case.pk])]
    urls += [reverse("evidence:file_download", args=[f.pk])
             for item in case.evidence_items.all() for f in item.files.all()][:1]
    return {url: client.get(url) for url in urls}


def test_the_second_markers_pages_hold_no_trace_of_the_first_marking(client, first_confirmed, allocated_case,
                                                                     second_marker, assessor):
    client.force_login(second_marker)
    _take(client, allocated_case)
    judge_all(allocated_case, second_marker, CaseLease.objects.get(case=allocated_case))
    outcome_shown = f"{first_confirmed.get_outcome_display()} · {first_confirmed.get_status_display()}"

    for url, response in _second_markers_pages(client, allocated_case).items():
        assert response.status_code == 200, url
        if response.get("Content-Type", "").startswith("text/html"):
            page = response.content.decode()
            for trace in (assessor.get_full_name(), assessor.last_name_th, FIRST_COMMENT, FIRST_SUMMARY,
                          outcome_shown, 'data-verdict="not_yet_competent"', 'data-outcome='):
                assert trace not in page, (url, trace)


def test_an_administrator_as_second_marker_sees_no_history_of_the_first_marking(client, first_confirmed,
                                                                                allocated_case, superuser):
    administrator = UserFactory(username="root-assessor", is_staff=True, is_superuser=True, roles=[Role.ASSESSOR])
    allocation_assign(case=allocated_case, assessor=administrator, by=superuser, marking="second")
    client.force_login(administrator)
    page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
    assert FIRST_COMMENT not in page and 'id="timeline"' not in page


def test_the_lease_refusal_does_not_name_the_marker_who_holds_it(client, lease, allocated_case, assessor,
                                                                 other_assessor, superuser):
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
    client.force_login(other_assessor)

    response = _take(client, allocated_case)

    assert response.status_code == 409
    page = response.content.decode()
    assert assessor.get_full_name() not in page and assessor.last_name_th not in page
    assert "ผู้ประเมินอีกท่านหนึ่งกำลังดำเนินการกับกรณีการประเมินนี้" in page
    assert CaseLease.objects.get(case=allocated_case).assessor == assessor


def test_the_first_marker_no_longer_has_the_case_in_their_queue_after_confirming(client, first_confirmed,
                                                                                 allocated_case, assessor):
    client.force_login(assessor)
    page = client.get(reverse("judging:queue")).content.decode()
    assert reverse("judging:screen", args=[allocated_case.pk]) not in page


def test_the_first_marker_cannot_take_the_case_again_after_confirming(client, first_confirmed, allocated_case,
                                                                      assessor, second_marker):
    client.force_login(second_marker)
    _take(client, allocated_case)
    second_lease = CaseLease.objects.get(case=allocated_case)
    second_lease.expires_at = timezone.now() - timedelta(minutes=1)  # even once the second marker's hold lapses
    second_lease.save()

    client.force_login(assessor)
    response = _take(client, allocated_case)

    assert response.status_code == 400
    assert CaseLease.objects.get(case=allocated_case).assessor == second_marker
    # Opening the case to read it is still allowed, and offers nothing to take.
    page = client.get(reverse("judging:screen", args=[allocated_case.pk])).content.decode()
    assert reverse("judging:take", args=[allocated_case.pk]) not in page


def test_the_second_marker_leaves_their_queue_once_they_confirm(client, first_confirmed, allocated_case,
                                                                second_marker):
    client.force_login(second_marker)
    assert reverse("judging:screen", args=[allocated_case.pk]) in client.get(reverse("judging:queue")).content.decode()
    _take(client, allocated_case)
    judge_all(allocated_case, second_marker, CaseLease.objects.get(case=allocated_case), not_yet=("DL201.01",))
    _confirm(client, allocated_case, "เห็นต่าง")

    assert reverse("judging:screen", args=[allocated_case.pk]) not in client.get(
        reverse("judging:queue")).content.decode()
    assert _take(client, allocated_case).status_code == 400
    assert not CaseLease.objects.filter(case=allocated_case).exists()


def test_a_stale_form_from_a_marker_whose_lease_passed_to_the_second_marker_is_refused(
        client, lease, allocated_case, assessor, other_assessor, superuser):
    criterion = allocated_case.unit.criteria.get(code="DL201.01")
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
    CaseLease.objects.filter(pk=lease.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    lease_acquire(case=allocated_case, assessor=other_assessor)

    client.force_login(assessor)
    response = client.post(reverse("judging:judge", args=[allocated_case.pk, criterion.pk]),
                           {f"c{criterion.pk}-score": 2, f"c{criterion.pk}-comment": "",
                            f"c{criterion.pk}-lease_token": lease.token})

    assert response.status_code == 409
    assert not Judgment.objects.filter(case=allocated_case).exists()
    assert other_assessor.last_name_th not in response.content.decode()
