"""Standards administrators revise the unit without ever changing a published revision in place."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from competency.models import PerformanceCriterion, Unit
from competency.selectors import unit_current
from competency.services import RevisionLocked, unit_assert_editable, unit_publish, unit_revision_create

pytestmark = pytest.mark.django_db


def test_a_new_revision_is_a_full_draft_copy(unit, standards_administrator):
    draft = unit_revision_create(unit=unit, by=standards_administrator)

    assert draft.revision_number == 2
    assert draft.state == Unit.State.DRAFT
    assert draft.previous_revision == unit
    assert draft.case_identifier != unit.case_identifier
    assert draft.elements.count() == 3
    assert draft.statements.count() == unit.statements.count()
    copied = list(draft.criteria.order_by("order").values_list("element__code", "code", "system_id", "text_th"))
    original = list(unit.criteria.order_by("order").values_list("element__code", "code", "system_id", "text_th"))
    assert copied == original
    # Each copied criterion hangs under the draft's own element, not the published one.
    assert not draft.criteria.exclude(element__unit=draft).exists()


def test_new_enrolments_use_the_newest_published_revision(unit, standards_administrator):
    draft = unit_revision_create(unit=unit, by=standards_administrator)
    assert unit_current(code="DG-EJJM-026") == unit

    unit_publish(unit=draft, by=standards_administrator)

    assert unit_current(code="DG-EJJM-026") == draft
    unit.refresh_from_db()
    assert unit.state == Unit.State.SUPERSEDED


def test_editing_the_draft_leaves_revision_one_unchanged(unit, standards_administrator):
    draft = unit_revision_create(unit=unit, by=standards_administrator)
    criterion = draft.criteria.get(code="DL201.01")
    criterion.text_en = "Define the core processes of the digital organisation"
    criterion.save()
    unit_publish(unit=draft, by=standards_administrator)

    assert unit.criteria.get(code="DL201.01").text_en == (
        "Define the core work processes that the digital organisation should have, aligned with policy and strategy"
    )


def test_a_published_revision_refuses_changes(unit):
    with pytest.raises(RevisionLocked, match="Create a new revision|สร้างฉบับปรับปรุง"):
        unit_assert_editable(unit)


def test_only_one_draft_at_a_time(unit, standards_administrator):
    unit_revision_create(unit=unit, by=standards_administrator)
    with pytest.raises(ValidationError):
        unit_revision_create(unit=unit, by=standards_administrator)


def test_a_published_revision_cannot_be_published_again(unit, standards_administrator):
    with pytest.raises(ValidationError):
        unit_publish(unit=unit, by=standards_administrator)


def test_history_records_who_changed_a_criterion(unit, standards_administrator, client):
    draft = unit_revision_create(unit=unit, by=standards_administrator)
    criterion = draft.criteria.get(code="DL201.02")
    client.force_login(standards_administrator)
    url = reverse("admin:competency_performancecriterion_change", args=[criterion.pk])
    response = client.post(url, _criterion_form(criterion, text_en="Roles, duties, workload and skills"))
    assert response.status_code == 302

    latest = criterion.history.latest()
    assert latest.text_en == "Roles, duties, workload and skills"
    assert latest.history_user == standards_administrator


def _criterion_form(criterion: PerformanceCriterion, **changes) -> dict:
    data = {
        "unit": criterion.unit_id,
        "element": criterion.element_id,
        "code": criterion.code,
        "system_id": criterion.system_id,
        "text_th": criterion.text_th,
        "text_en": criterion.text_en,
        "order": criterion.order,
        "case_identifier": str(criterion.case_identifier),
        # The criterion page carries its rubric levels inline (none here).
        "rubric_levels-TOTAL_FORMS": "0",
        "rubric_levels-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


class TestAdminRefusesToEditAPublishedRevision:
    def test_editing_a_criterion_of_revision_one_is_refused_with_advice(
        self, unit, standards_administrator, client
    ):
        criterion = unit.criteria.get(code="DL201.01")
        client.force_login(standards_administrator)
        url = reverse("admin:competency_performancecriterion_change", args=[criterion.pk])

        response = client.post(
            url, _criterion_form(criterion, text_en="Changed in place"), HTTP_ACCEPT_LANGUAGE="en"
        )

        assert response.status_code == 200
        assert "Create a new revision" in response.content.decode()
        criterion.refresh_from_db()
        assert criterion.text_en != "Changed in place"

    def test_the_refusal_is_in_thai_by_default(self, unit, standards_administrator, client):
        criterion = unit.criteria.get(code="DL201.01")
        client.force_login(standards_administrator)
        url = reverse("admin:competency_performancecriterion_change", args=[criterion.pk])

        response = client.post(url, _criterion_form(criterion, text_en="Changed in place"))

        assert "สร้างฉบับปรับปรุง" in response.content.decode()

    def test_moving_a_criterion_out_of_a_published_revision_is_refused(
        self, unit, standards_administrator, client
    ):
        draft = unit_revision_create(unit=unit, by=standards_administrator)
        criterion = unit.criteria.get(code="DL203.03")
        client.force_login(standards_administrator)
        url = reverse("admin:competency_performancecriterion_change", args=[criterion.pk])

        client.post(url, _criterion_form(criterion, unit=draft.pk, code="DL203.09", system_id=999999))

        criterion.refresh_from_db()
        assert criterion.unit == unit

    def test_a_published_revision_cannot_be_deleted(self, unit, standards_administrator, client):
        client.force_login(standards_administrator)
        response = client.post(reverse("admin:competency_unit_delete", args=[unit.pk]), {"post": "yes"})
        assert response.status_code == 403
        assert Unit.objects.filter(pk=unit.pk).exists()

    def test_create_and_publish_buttons_work_from_the_change_page(self, unit, standards_administrator, client):
        client.force_login(standards_administrator)

        response = client.post(reverse("admin:competency_unit_create_revision", args=[unit.pk]))
        draft = Unit.objects.get(code=unit.code, revision_number=2)
        assert response.url == reverse("admin:competency_unit_change", args=[draft.pk])

        client.post(reverse("admin:competency_unit_publish", args=[draft.pk]))
        draft.refresh_from_db()
        assert draft.state == Unit.State.PUBLISHED


class TestWhoMayEditStandards:
    def test_anonymous_visitors_never_reach_the_admin(self, unit, client):
        response = client.get(reverse("admin:competency_unit_change", args=[unit.pk]))
        assert response.status_code == 302
        assert "/admin/login/" in response.url

    def test_a_candidate_cannot_edit_standards(self, unit, candidate, client):
        client.force_login(candidate)
        criterion = unit.criteria.get(code="DL201.01")
        response = client.post(
            reverse("admin:competency_performancecriterion_change", args=[criterion.pk]),
            _criterion_form(criterion, text_en="Hijacked"),
        )
        assert response.status_code == 302 and "/admin/login/" in response.url
        response = client.post(reverse("admin:competency_unit_create_revision", args=[unit.pk]))
        assert response.status_code == 302 and "/admin/login/" in response.url
        criterion.refresh_from_db()
        assert criterion.text_en != "Hijacked"
        assert Unit.objects.count() == 1

    def test_an_assessor_with_staff_access_still_cannot_create_a_revision(self, unit, assessor, client):
        assessor.is_staff = True
        assessor.save()
        client.force_login(assessor)
        response = client.post(reverse("admin:competency_unit_create_revision", args=[unit.pk]))
        assert response.status_code == 403
        assert Unit.objects.count() == 1

    def test_a_standards_administrator_reaches_the_unit_editor(self, unit, standards_administrator, client):
        client.force_login(standards_administrator)
        response = client.get(reverse("admin:competency_unit_change", args=[unit.pk]))
        assert response.status_code == 200
        assert "DL201.01" in response.content.decode()
