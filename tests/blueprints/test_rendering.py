"""Producing the blueprint document: the worker renders the PDF into the portfolio, mapped to the criteria its
complete sections cover; producing it again adds a version; a failure says why and can be tried again."""
import io
import re
import time

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from assessments.models import AssessmentCase
from assessments.services import case_enrol, case_submit, case_transition
from blueprints.models import Blueprint, BlueprintRender
from blueprints.services import blueprint_copy, blueprint_render_request, blueprint_render_retry, blueprint_render_run
from blueprints.tasks import render_blueprint
from evidence.models import EvidenceFile, EvidenceItem
from tests.blueprints.conftest import section_content, section_post
from tests.pdf_reading import unreadable

Status = BlueprintRender.Status
ALL_CRITERIA = ["DL201.01", "DL201.02", "DL201.03", "DL201.04", "DL202.01", "DL202.02", "DL202.03", "DL203.01",
                "DL203.02", "DL203.03"]
# The candidate's own Thai, read back from the PDF exactly as typed: SARA AM (ำ), alone and under a tone mark
# (ซ้ำ), is where a PDF's text layer usually goes wrong.
AGENCY = "สำนักงานส่งเสริมการเรียนรู้ดิจิทัลจังหวัดเชียงใหม่"
OWNER = "ศูนย์บริการร่วมแบบเบ็ดเสร็จ กองกลาง สำนักงานปลัด"
ACTION = "เชื่อมโยงข้อมูลทะเบียนราษฎร์ผ่านแพลตฟอร์มกลาง ไม่ต้องกรอกซ้ำ นำไปใช้ต่อได้"


def _pdf_text(evidence_file: EvidenceFile) -> str:
    with evidence_file.file.open("rb") as stored:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.read())).pages)


def _wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def _edit(client, blueprint, kind, change) -> None:
    """Change a section through the page's autosave, as the candidate's typing does."""
    content = section_content(blueprint, kind)
    change(content)
    row = blueprint.sections.get(kind=kind)
    response = client.post(reverse("blueprints:section_autosave", args=[blueprint.pk, kind]),
                           section_post(kind, content, revision=row.revision))
    assert response.status_code == 200, response.json()


@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_the_candidates_blueprint_into_the_portfolio(client, unit, candidate, celery_worker):
    from django.core.management import call_command

    call_command("loaddata", "blueprint_worked_example", verbosity=0)
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    blueprint = blueprint_copy(source=Blueprint.objects.get(worked_example_key__isnull=False), by=candidate)
    client.force_login(candidate)
    _edit(client, blueprint, "profile", lambda c: c.update(agency=AGENCY))
    _edit(client, blueprint, "processes", lambda c: c["processes"][2].update(owner=OWNER))
    _edit(client, blueprint, "gaps", lambda c: c["gaps"][2].update(action=ACTION))

    assert client.post(reverse("blueprints:render", args=[blueprint.pk])).status_code == 302
    render = BlueprintRender.objects.get(blueprint=blueprint)
    _wait_for(lambda: BlueprintRender.objects.get(pk=render.pk).status in (Status.READY, Status.FAILED))

    render.refresh_from_db()
    assert render.status == Status.READY, render.failure_reason
    item = EvidenceItem.objects.get(case=case)
    assert item.kind == EvidenceItem.Kind.PERFORMANCE
    assert sorted(item.mappings.values_list("criterion__code", flat=True)) == ALL_CRITERIA
    assert render.evidence_file.item == item and render.evidence_file.content_type == "application/pdf"
    assert render.page_count > 10
    # A table cell wraps long Thai lines; the extracted text then has a line break inside a phrase.
    text = re.sub(r"\s+", "", _pdf_text(render.evidence_file))
    for thai in (AGENCY, OWNER, ACTION, "ทะเบียนผู้ให้บริการดิจิทัล"):
        assert re.sub(r"\s+", "", thai) in text, thai
    status = client.get(reverse("blueprints:render_status", args=[blueprint.pk])).json()
    assert status["active"] is False and status["status"] == "ready"


@pytest.mark.django_db
def test_the_thai_document_reads_back_whole_in_every_reader(client, unit, blueprint, case, candidate):
    client.force_login(candidate)
    _edit(client, blueprint, "profile", lambda c: c.update(agency=AGENCY))
    _edit(client, blueprint, "processes", lambda c: c["processes"][2].update(owner=OWNER))
    _edit(client, blueprint, "gaps", lambda c: c["gaps"][2].update(action=ACTION))
    render = blueprint_render_request(blueprint=blueprint, by=candidate, language="th")

    blueprint_render_run(render_id=render.pk)

    render.refresh_from_db()
    assert render.status == Status.READY, render.failure_reason
    with render.evidence_file.file.open("rb") as stored:
        pdf = stored.read()
    # Search, copy and screen readers use poppler's default reading: it must read the candidate's Thai and the
    # criteria as written, like the others, wherever a table cell wraps them.
    phrases = ["ออกแบบองค์กรดิจิทัล", AGENCY, OWNER, ACTION,
               *(criterion.text_th for criterion in unit.criteria.order_by("order"))]
    assert unreadable(pdf, phrases) == {"pdftotext": [], "pdftotext -layout": [], "pdftotext -raw": [], "pypdf": []}


def _request(blueprint, candidate) -> BlueprintRender:
    # Outside a committed transaction the task is never sent: these tests run the service themselves.
    return blueprint_render_request(blueprint=blueprint, by=candidate, language="en")


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_running_the_same_request_twice_leaves_one_pdf(blueprint, case, candidate):
    render = _request(blueprint, candidate)

    blueprint_render_run(render_id=render.pk)
    blueprint_render_run(render_id=render.pk)

    render.refresh_from_db()
    assert render.status == Status.READY and render.attempts == 1
    assert EvidenceFile.objects.count() == 1
    blueprint.refresh_from_db()
    assert blueprint.case == case and blueprint.evidence_item == render.evidence_file.item


@pytest.mark.django_db
def test_producing_again_adds_a_new_version_of_the_same_evidence_item(blueprint, case, candidate):
    first = _request(blueprint, candidate)
    blueprint_render_run(render_id=first.pk)
    second = _request(blueprint, candidate)
    blueprint_render_run(render_id=second.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert EvidenceItem.objects.count() == 1
    assert (first.evidence_file.version, second.evidence_file.version) == (1, 2)
    assert second.evidence_file.replaces == first.evidence_file
    assert not EvidenceFile.objects.get(pk=first.evidence_file.pk).is_current


@pytest.mark.django_db
def test_the_mapping_follows_the_sections_complete_at_each_render(client, blueprint, case, candidate):
    client.force_login(candidate)
    _edit(client, blueprint, "communication", lambda c: c.update(messages=c["messages"][:1]))

    blueprint_render_run(render_id=_request(blueprint, candidate).pk)
    item = EvidenceItem.objects.get()
    assert "DL203.02" not in item.mappings.values_list("criterion__code", flat=True)

    _edit(client, blueprint, "communication", lambda c: c.update(
        messages=section_content(Blueprint.objects.get(worked_example_key__isnull=False), "communication")["messages"]))
    blueprint_render_run(render_id=_request(blueprint, candidate).pk)
    assert sorted(item.mappings.values_list("criterion__code", flat=True)) == ALL_CRITERIA


@pytest.mark.django_db
def test_a_judged_item_gets_the_new_version_but_keeps_the_criteria_it_was_judged_on(blueprint, case, candidate,
                                                                                    assessor):
    blueprint_render_run(render_id=_request(blueprint, candidate).pk)
    case_submit(case=case, by=candidate, summary="ส่งพิมพ์เขียว")
    for state in (AssessmentCase.State.UNDER_ASSESSMENT, AssessmentCase.State.MORE_EVIDENCE_REQUESTED):
        case_transition(case=case, to_state=state, by=assessor)
    item = EvidenceItem.objects.get()
    judged = sorted(item.mappings.values_list("criterion__code", flat=True))
    section = blueprint.sections.get(kind="communication")
    section.content = {"messages": []}
    section.save()

    render = _request(blueprint, candidate)
    blueprint_render_run(render_id=render.pk)

    render.refresh_from_db()
    assert render.status == Status.READY and render.evidence_file.version == 2
    assert sorted(item.mappings.values_list("criterion__code", flat=True)) == judged


@pytest.mark.django_db
def test_producing_the_document_needs_an_open_portfolio(client, blueprint, candidate):
    client.force_login(candidate)

    response = client.post(reverse("blueprints:render", args=[blueprint.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Enrol in DG-EJJM-026 first" in response.content.decode()
    assert not BlueprintRender.objects.exists()


@pytest.mark.django_db
def test_a_blueprint_that_covers_nothing_is_not_sent(client, unit, case, candidate):
    from blueprints.services import blueprint_create

    empty = blueprint_create(owner=candidate, title="ร่างเปล่า")
    client.force_login(candidate)

    response = client.post(reverse("blueprints:render", args=[empty.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "No criterion is covered yet" in response.content.decode()


@pytest.mark.django_db
def test_a_second_click_while_rendering_does_not_queue_a_second_document(blueprint, case, candidate):
    first = _request(blueprint, candidate)

    assert _request(blueprint, candidate) == first
    assert BlueprintRender.objects.count() == 1


@pytest.mark.django_db
def test_the_page_shows_progress_until_the_document_is_ready(client, blueprint, case, candidate):
    client.force_login(candidate)
    render = _request(blueprint, candidate)

    page = client.get(reverse("blueprints:detail", args=[blueprint.pk]))
    assert b"data-render-active" in page.content
    assert client.get(reverse("blueprints:render_status", args=[blueprint.pk])).json()["active"] is True

    blueprint_render_run(render_id=render.pk)

    status = client.get(reverse("blueprints:render_status", args=[blueprint.pk])).json()
    assert status["active"] is False
    assert reverse("evidence:file_download", args=[EvidenceFile.objects.get().pk]) in status["html"]


@pytest.mark.django_db
def test_a_refused_document_says_why_and_can_be_tried_again(client, settings, blueprint, case, candidate, english):
    settings.EVIDENCE_CASE_QUOTA_BYTES = 1000
    render = _request(blueprint, candidate)

    blueprint_render_run(render_id=render.pk)

    render.refresh_from_db()
    assert render.status == Status.FAILED
    assert "past its limit" in render.failure_reason
    client.force_login(candidate)
    page = client.get(reverse("blueprints:detail", args=[blueprint.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert render.failure_reason in page and "Try again" in page

    settings.EVIDENCE_CASE_QUOTA_BYTES = 200 * 1024 * 1024
    response = client.post(reverse("blueprints:render_retry", args=[blueprint.pk, render.pk]))
    assert response.status_code == 302
    render.refresh_from_db()
    assert render.status == Status.PENDING and render.failure_reason == ""
    blueprint_render_run(render_id=render.pk)
    render.refresh_from_db()
    assert render.status == Status.READY and render.attempts == 2


@pytest.mark.django_db
def test_an_unexpected_error_in_the_worker_is_shown_as_a_failure(monkeypatch, blueprint, case, candidate):
    def broken(*args, **kwargs):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("blueprints.services.render_pdf", broken)
    render = _request(blueprint, candidate)

    with pytest.raises(RuntimeError):
        blueprint_render_run(render_id=render.pk)
    # What Celery calls once the task has failed for good (run here: an eager task would close the test's connection).
    render_blueprint.on_failure(RuntimeError("fonts missing"), "task-1", [render.pk], {}, None)

    render.refresh_from_db()
    assert render.status == Status.FAILED
    assert "unexpected error (RuntimeError)" in render.failure_reason  # the request was made in English
    assert not EvidenceFile.objects.exists()


@pytest.mark.django_db
def test_only_a_failed_document_can_be_retried(blueprint, case, candidate):
    from django.core.exceptions import ValidationError

    render = _request(blueprint, candidate)
    with pytest.raises(ValidationError):
        blueprint_render_retry(render=render, by=candidate)
    blueprint_render_run(render_id=render.pk)
    render.refresh_from_db()
    with pytest.raises(ValidationError):
        blueprint_render_retry(render=render, by=candidate)


@pytest.mark.django_db
def test_a_document_whose_worker_was_stopped_can_be_tried_again(blueprint, case, candidate):
    from datetime import timedelta

    from django.utils import timezone

    render = _request(blueprint, candidate)
    long_ago = timezone.now() - timedelta(hours=1)
    BlueprintRender.objects.filter(pk=render.pk).update(status=Status.RUNNING, started_at=long_ago, task_id="gone")

    blueprint_render_retry(render=render, by=candidate)
    blueprint_render_run(render_id=render.pk, task_id="fresh")

    render.refresh_from_db()
    assert render.status == Status.READY and render.task_id == "fresh"


@pytest.mark.django_db
def test_a_second_worker_leaves_a_document_another_is_rendering(blueprint, case, candidate):
    from django.utils import timezone

    render = _request(blueprint, candidate)
    BlueprintRender.objects.filter(pk=render.pk).update(status=Status.RUNNING, started_at=timezone.now(),
                                                        task_id="first")

    assert blueprint_render_run(render_id=render.pk, task_id="second") is None
    # A retry of the same task (Celery keeps its id) takes its own claim back at once.
    assert blueprint_render_run(render_id=render.pk, task_id="first").status == Status.READY


@pytest.mark.django_db
def test_the_blueprint_document_is_signed_when_the_setting_asks(blueprint, case, candidate, signing_pki, pki_nss,
                                                               settings, tmp_path):
    from tests.pki import pdfsig

    settings.SIGN_BLUEPRINT_DOCUMENTS = True
    render = _request(blueprint, candidate)
    blueprint_render_run(render_id=render.pk)
    render.refresh_from_db()
    assert render.status == Status.READY
    with render.evidence_file.file.open("rb") as handle:
        verdict = pdfsig(handle.read(), pki_nss, tmp_path)
    assert "Signature is Valid" in verdict and "Certificate is Trusted" in verdict, verdict
