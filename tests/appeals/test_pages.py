"""The appeal and complaint pages as people use them: the case page offers the appeal until its deadline (in the
Buddhist Era), a late appeal is refused with the reason and writes nothing, outsiders get 404, and a complaint
goes from recorded through acknowledged to answered with the candidate told."""
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals.models import Appeal, CaseEvent, Complaint
from appeals.notifications import complaint_answer_send
from core.dates import format_date
from judging.models import Decision


def test_the_case_page_offers_the_appeal_until_its_deadline_in_the_buddhist_era(client, released_case, candidate,
                                                                              decision, settings):
    settings.APPEAL_WINDOW_DAYS = 30
    client.force_login(candidate)
    page = client.get(reverse("assessments:case_detail", args=[released_case.pk])).content.decode()
    due = timezone.localtime(decision.released_at + timedelta(days=30))
    deadline = format_date(due)
    assert deadline.endswith(str(due.year + 543))
    assert _("You may appeal this decision until %(deadline)s.") % {"deadline": deadline} in page
    assert reverse("appeals:lodge", args=[released_case.pk]) in page


def test_a_late_appeal_through_the_page_is_refused_with_the_reason_and_writes_nothing(client, released_case, candidate,
                                                                                   decision, settings):
    settings.APPEAL_WINDOW_DAYS = 30
    Decision.objects.filter(pk=decision.pk).update(released_at=timezone.now() - timedelta(days=40))
    client.force_login(candidate)
    page = client.get(reverse("assessments:case_detail", args=[released_case.pk])).content.decode()
    assert reverse("appeals:lodge", args=[released_case.pk]) not in page
    response = client.post(reverse("appeals:lodge", args=[released_case.pk]), {"criterion": "", "grounds": "ขอ"})
    assert response.status_code == 409
    assert _("The time to appeal this decision has passed.") in response.content.decode()
    assert not Appeal.objects.exists() and not CaseEvent.objects.exists()


def test_a_candidate_appeals_through_the_page(client, released_case, candidate, criterion):
    client.force_login(candidate)
    response = client.post(reverse("appeals:lodge", args=[released_case.pk]),
                           {"criterion": str(criterion.pk), "grounds": "มีแผนอัตรากำลังแล้ว"})
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("appeals:detail", args=[appeal.pk])
    assert appeal.criterion == criterion and appeal.status == Appeal.Status.LODGED


def test_other_people_get_404_for_the_appeal_and_cannot_lodge_one(client, appeal, released_case, other_candidate,
                                                                   assessor, hr_officer):
    for someone in (other_candidate, assessor, hr_officer):
        client.force_login(someone)
        assert client.get(reverse("appeals:detail", args=[appeal.pk])).status_code == 404
        assert client.post(reverse("appeals:lodge", args=[released_case.pk]),
                           {"criterion": "", "grounds": "แทน"}).status_code == 404
    assert Appeal.objects.count() == 1


def test_the_case_s_own_marker_is_not_offered_and_is_refused_as_panel_member(client, appeal, assessor, coordinator,
                                                                            panel_member, moderator):
    from django.contrib.auth.models import Group

    assessor.groups.add(Group.objects.get(name="Moderator"))
    client.force_login(coordinator)
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert f'value="{panel_member.pk}"' in page and f'value="{assessor.pk}"' not in page
    response = client.post(reverse("appeals:assign", args=[appeal.pk]), {"panel_member": assessor.pk})
    assert response.status_code == 400
    assert (_("%(name)s took part in this case and cannot sit on its appeal panel.") % {"name": assessor}
            in response.content.decode())
    appeal.refresh_from_db()
    assert appeal.panel_member is None


def test_a_complaint_is_recorded_acknowledged_and_answered(client, released_case, candidate, coordinator,
                                                           other_candidate):
    client.force_login(candidate)
    response = client.post(reverse("appeals:complain", args=[released_case.pk]),
                           {"text": "ไม่ได้รับแจ้งกำหนดการสอบล่วงหน้า"})
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("appeals:complaint", args=[complaint.pk])
    assert complaint.status == Complaint.Status.RECORDED

    client.force_login(other_candidate)
    assert client.get(reverse("appeals:complaint", args=[complaint.pk])).status_code == 404

    client.force_login(coordinator)
    assert reverse("appeals:complaint", args=[complaint.pk]) in client.get(reverse("appeals:desk")).content.decode()
    # Answering before acknowledging is refused and changes nothing.
    response = client.post(reverse("appeals:answer", args=[complaint.pk]), {"answer": "ขออภัย"})
    assert response.status_code == 409
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECORDED and complaint.answer == ""
    client.post(reverse("appeals:acknowledge", args=[complaint.pk]))
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ACKNOWLEDGED and complaint.acknowledged_by == coordinator
    client.post(reverse("appeals:answer", args=[complaint.pk]), {"answer": "ขออภัย จะแจ้งล่วงหน้า 7 วันต่อไป"})
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ANSWERED

    assert complaint_answer_send(complaint_id=complaint.pk) is True
    [email] = mail.outbox
    assert email.to == [candidate.email] and "ขออภัย จะแจ้งล่วงหน้า 7 วันต่อไป" in email.body

    client.force_login(candidate)
    page = client.get(reverse("appeals:complaint", args=[complaint.pk])).content.decode()
    assert "ขออภัย จะแจ้งล่วงหน้า 7 วันต่อไป" in page
    case_page = client.get(reverse("assessments:case_detail", args=[released_case.pk])).content.decode()
    for kind in ("Complaint recorded", "Complaint acknowledged", "Complaint answered"):
        assert _(kind) in case_page


def test_a_second_appeal_through_the_page_is_refused_with_the_reason(client, appeal, released_case, candidate):
    client.force_login(candidate)
    message = _("This decision has already been appealed; it can be appealed only once.")
    assert message in client.get(reverse("appeals:lodge", args=[released_case.pk])).content.decode()
    response = client.post(reverse("appeals:lodge", args=[released_case.pk]), {"criterion": "", "grounds": "อีกครั้ง"})
    assert response.status_code == 409 and message in response.content.decode()
    assert Appeal.objects.count() == 1


def test_the_candidate_s_timeline_names_no_staff_but_the_administrator_s_does(client, assigned_appeal, released_case,
                                                                            candidate, assessor, superuser):
    client.force_login(candidate)
    page = client.get(reverse("assessments:case_detail", args=[released_case.pk])).content.decode()
    timeline = page[page.index('id="case-timeline"'):]
    assert _("Appeal given to a panel member") in timeline
    assert assessor.get_full_name() not in timeline
    assert assigned_appeal.panel_member.get_full_name() not in timeline
    client.force_login(superuser)
    page = client.get(reverse("assessments:case_detail", args=[released_case.pk])).content.decode()
    assert assessor.get_full_name() in page[page.index('id="case-timeline"'):]
