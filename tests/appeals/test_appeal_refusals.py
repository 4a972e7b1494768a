"""Every refusal of an appeal: late, twice, by someone else, to or by a panel member who took part; each
refused with a clear message and nothing written."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from appeals.models import Appeal, AppealDocument, CaseEvent
from appeals.services import appeal_assign, appeal_decide, appeal_lodge
from core.refusals import NotYours, refusal_status, refusal_text
from judging.models import Decision, Judgment
from tests.factories import UserFactory
from tests.samples import pdf_upload


def _nothing_written(case):
    assert not Appeal.objects.filter(case=case).exists()
    assert not AppealDocument.objects.exists()
    assert not CaseEvent.objects.filter(case=case).exists()


def test_an_appeal_after_its_window_is_refused_and_nothing_is_written(settings, released_case, candidate, decision):
    settings.APPEAL_WINDOW_DAYS = 30
    Decision.objects.filter(pk=decision.pk).update(released_at=timezone.now() - timedelta(days=31))
    with pytest.raises(ValidationError) as refused:
        appeal_lodge(case=released_case, by=candidate, grounds="ขออุทธรณ์", uploads=[pdf_upload()])
    assert refusal_text(refused.value) == _("The time to appeal this decision has passed.")
    assert refusal_status(refused.value) == 409
    _nothing_written(released_case)


def test_an_appeal_on_the_last_day_of_the_window_is_accepted(settings, released_case, candidate, decision):
    settings.APPEAL_WINDOW_DAYS = 30
    Decision.objects.filter(pk=decision.pk).update(released_at=timezone.now() - timedelta(days=29, hours=23))
    assert appeal_lodge(case=released_case, by=candidate, grounds="ขออุทธรณ์").status == Appeal.Status.LODGED


def test_a_second_appeal_on_the_same_decision_is_refused_and_nothing_is_written(appeal, released_case, candidate):
    events = CaseEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        appeal_lodge(case=released_case, by=candidate, grounds="อุทธรณ์อีกครั้ง", uploads=[pdf_upload()])
    assert refusal_text(refused.value) == _(
        "This decision has already been appealed; it can be appealed only once.")
    assert Appeal.objects.filter(case=released_case).count() == 1
    assert CaseEvent.objects.count() == events
    assert not AppealDocument.objects.exists()


def test_an_appeal_by_someone_else_is_refused_as_not_found_and_nothing_is_written(released_case, other_candidate,
                                                                                  assessor):
    for someone in (other_candidate, assessor):
        with pytest.raises(NotYours):
            appeal_lodge(case=released_case, by=someone, grounds="แทนผู้สมัคร")
    _nothing_written(released_case)


def test_a_document_the_portfolio_would_refuse_refuses_the_appeal_and_nothing_is_written(released_case, candidate):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as refused:
        appeal_lodge(case=released_case, by=candidate, grounds="ขออุทธรณ์",
                     uploads=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf at all")])
    assert refusal_text(refused.value) == _(
        "“%(name)s” is not a file type the portal accepts, whatever its name says. Accepted: %(types)s."
    ) % {"name": "virus.pdf", "types": "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG"}
    _nothing_written(released_case)


def test_only_a_criterion_judged_not_yet_competent_may_be_appealed(released_case, candidate):
    competent = released_case.unit.criteria.get(code="DL201.01")
    with pytest.raises(ValidationError):
        appeal_lodge(case=released_case, by=candidate, grounds="ขออุทธรณ์", criterion_id=competent.pk)
    _nothing_written(released_case)


def test_an_appeal_without_grounds_is_refused(released_case, candidate):
    with pytest.raises(ValidationError):
        appeal_lodge(case=released_case, by=candidate, grounds="   ")
    _nothing_written(released_case)


def test_the_case_s_own_marker_is_refused_as_panel_member(appeal, assessor, coordinator):
    # The first marker is also a moderator: still refused, because they marked the case.
    assessor.groups.add(*UserFactory(username="m", roles=[Role.MODERATOR]).groups.all())
    with pytest.raises(ValidationError) as refused:
        appeal_assign(appeal=appeal, panel_member=assessor, by=coordinator)
    assert refusal_text(refused.value) == _(
        "%(name)s took part in this case and cannot sit on its appeal panel.") % {"name": assessor}
    appeal.refresh_from_db()
    assert appeal.panel_member is None and appeal.status == Appeal.Status.LODGED
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.APPEAL_ASSIGNED).exists()


def test_a_second_marker_and_the_moderator_who_amended_are_refused_as_panel_members(appeal, released_case, coordinator,
                                                                                     criterion):
    second = UserFactory(username="second", roles=[Role.ASSESSOR, Role.MODERATOR])
    Judgment.objects.create(case=released_case, round=1, criterion=criterion, assessor=second, score=1,
                            verdict="not_yet_competent", marking="second", comment="ไม่ครบ")
    amender = UserFactory(username="amender", roles=[Role.MODERATOR])
    decision = released_case.decisions.get()
    decision._history_user = amender
    decision.save()
    for person in (second, amender):
        with pytest.raises(ValidationError):
            appeal_assign(appeal=appeal, panel_member=person, by=coordinator)
    appeal.refresh_from_db()
    assert appeal.panel_member is None


def test_a_panel_member_who_marked_the_case_is_refused_the_ruling(assigned_appeal, panel_member, released_case,
                                                                  criterion):
    # Became a marker of the case after being given the appeal.
    Judgment.objects.create(case=released_case, round=1, criterion=criterion, assessor=panel_member, score=1,
                            verdict="not_yet_competent", marking="second", comment="ไม่ครบ")
    with pytest.raises(ValidationError) as refused:
        appeal_decide(appeal=assigned_appeal, by=panel_member, upheld=True, reasons="เห็นด้วยกับผู้อุทธรณ์")
    assert refusal_text(refused.value) == _(
        "%(name)s took part in this case and cannot sit on its appeal panel.") % {"name": panel_member}
    assigned_appeal.refresh_from_db()
    assert assigned_appeal.status == Appeal.Status.WITH_PANEL
    released_case.refresh_from_db()
    assert released_case.state == "not_yet_competent"


def test_someone_not_on_the_panel_is_refused_the_ruling(assigned_appeal, moderator):
    with pytest.raises(NotYours):
        appeal_decide(appeal=assigned_appeal, by=moderator, upheld=True, reasons="ไม่ใช่ผู้พิจารณา")
    assigned_appeal.refresh_from_db()
    assert assigned_appeal.status == Appeal.Status.WITH_PANEL


def test_a_non_moderator_cannot_be_panel_member_and_an_assessor_cannot_assign(appeal, other_assessor, assessor,
                                                                              panel_member, coordinator):
    with pytest.raises(ValidationError):
        appeal_assign(appeal=appeal, panel_member=other_assessor, by=coordinator)
    with pytest.raises(NotYours):
        appeal_assign(appeal=appeal, panel_member=panel_member, by=other_assessor)
    appeal.refresh_from_db()
    assert appeal.panel_member is None


def test_a_ruling_without_reasons_is_refused(assigned_appeal, panel_member):
    with pytest.raises(ValidationError):
        appeal_decide(appeal=assigned_appeal, by=panel_member, upheld=False, reasons=" ")
    assigned_appeal.refresh_from_db()
    assert assigned_appeal.status == Appeal.Status.WITH_PANEL
