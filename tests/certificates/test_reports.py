"""Reports rendered to PDF by Celery: the candidate's result report (every criterion's verdict and feedback, the
exam by knowledge area) and the HR report for an agency and a period, with charts."""
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import charts, services
from certificates.models import JobState, Report
from core.pdf import html_to_pdf
from core.thai_fonts import font_faces_css
from tests.pdf_reading import unreadable

pytestmark = pytest.mark.django_db


def _text(report: Report) -> str:
    report.refresh_from_db()
    assert report.state == JobState.READY, report.error
    with report.file.open("rb") as handle:
        # Table cells wrap lines wherever they like; what matters is the words and their order.
        return " ".join(" ".join(page.extract_text() for page in PdfReader(handle).pages).split())


@pytest.fixture
def released_exam(competent_case):
    """A released written-exam attempt with answers in two knowledge areas (the exams app's own models)."""
    from exams.models import Answer, Attempt, ExamDefinition, Item, ItemType, ItemVersion

    now = timezone.now()
    unit = competent_case.unit
    definition = ExamDefinition.objects.create(unit=unit, code="dg-026-written", title_th="สอบข้อเขียน", item_count=2,
                                               time_limit_minutes=60, pass_mark_percent=60, opens_at=now)
    attempt = Attempt.objects.create(case=competent_case, definition=definition, number=1,
                                     status=Attempt.Status.SUBMITTED, started_at=now, deadline=now, submitted_at=now,
                                     pass_mark_percent=60, max_score=4, score=3, percent=Decimal("75.00"),
                                     passed=True, released_at=now)
    areas = list(unit.statements.filter(section="knowledge").order_by("order")[:2])
    for position, (area, score) in enumerate(zip(areas, (2, 1))):
        item = Item.objects.create(unit=unit, code=f"Q{position}")
        version = ItemVersion.objects.create(item=item, number=1, item_type=ItemType.TRUE_FALSE, stem_th="ข้อ",
                                             points=2, answer_true=True)
        version.knowledge_areas.add(area)
        Answer.objects.create(attempt=attempt, item_version=version, position=position, score=score)
    return areas


def test_the_candidate_gets_a_result_report_with_every_criterions_verdict_and_the_exam(client, competent_case,
                                                                                      candidate, released_exam):
    client.force_login(candidate)
    response = client.post(reverse("certificates:result_report_create", args=[competent_case.pk]))
    report = Report.objects.get()
    assert response["Location"] == reverse("certificates:report_detail", args=[report.pk])
    assert services.report_render(report_id=report.pk)
    text = _text(report)
    for criterion in competent_case.unit.criteria.all():
        assert criterion.code in text and f"ครบถ้วนตาม {criterion.code}" in text
    assert "75" in text
    assert released_exam[0].text_th[:10] in text
    status = client.get(reverse("certificates:report_status", args=[report.pk])).json()
    assert status["state"] == "ready" and status["download_url"]
    assert client.get(status["download_url"]).status_code == 200


def test_the_result_report_reads_back_whole_in_every_reader(competent_case, candidate, released_exam):
    report = services.result_report_request(case=competent_case, by=candidate)
    assert services.report_render(report_id=report.pk)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        pdf = handle.read()

    # The criteria wrap inside their table cells: a line may end between words, never inside one.
    phrases = [candidate.full_name_th, "ออกแบบองค์กรดิจิทัล", "ผลการตัดสินและข้อเสนอแนะรายเกณฑ์การปฏิบัติงาน",
               *(criterion.text_th for criterion in competent_case.unit.criteria.order_by("order")),
               released_exam[0].text_th]
    assert unreadable(pdf, phrases) == {"pdftotext": [], "pdftotext -layout": [], "pdftotext -raw": [], "pypdf": []}


def test_asking_twice_gives_the_same_report(client, competent_case, candidate):
    client.force_login(candidate)
    for _ in range(2):
        client.post(reverse("certificates:result_report_create", args=[competent_case.pk]))
    assert Report.objects.count() == 1


def test_another_candidate_gets_404_for_the_report_and_for_asking(client, competent_case, candidate, other_candidate):
    report = services.result_report_request(case=competent_case, by=candidate)
    services.report_render(report_id=report.pk)
    client.force_login(other_candidate)
    for name in ("report_detail", "report_status", "report_pdf"):
        assert client.get(reverse(f"certificates:{name}", args=[report.pk])).status_code == 404
    assert client.post(reverse("certificates:result_report_create", args=[competent_case.pk])).status_code == 404


def test_the_agency_report_counts_and_charts_the_period(client, competent_case, agency_hr):
    today = timezone.localdate()
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:agency_report_new"), {
        "agency": agency_hr.department_id, "period_start": (today - datetime.timedelta(days=30)).isoformat(),
        "period_end": today.isoformat()})
    report = Report.objects.get(kind=Report.Kind.AGENCY)
    assert response["Location"] == reverse("certificates:report_detail", args=[report.pk])
    assert services.report_render(report_id=report.pk)
    text = _text(report)
    assert agency_hr.department.name_th in text
    assert "DL203.03" in text and "100" in text  # every criterion competent in the one released decision


def test_the_agency_report_reads_back_whole_in_every_reader(competent_case, agency_hr):
    today = timezone.localdate()
    report = services.agency_report_request(department=agency_hr.department, by=agency_hr,
                                            start=today - datetime.timedelta(days=30), end=today)
    assert services.report_render(report_id=report.pk)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        pdf = handle.read()

    phrases = ["อัตราการผ่านรายเกณฑ์การปฏิบัติงาน",
               *(criterion.text_th for criterion in competent_case.unit.criteria.order_by("order"))]
    assert unreadable(pdf, phrases) == {"pdftotext": [], "pdftotext -layout": [], "pdftotext -raw": [], "pypdf": []}


def test_an_hr_officer_cannot_report_on_another_agency(client, agency_hr, other_agency_hr):
    client.force_login(agency_hr)
    response = client.post(reverse("certificates:agency_report_new"), {
        "agency": other_agency_hr.department_id, "period_start": "2026-01-01", "period_end": "2026-12-31"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_charts_thai_labels_read_back_from_the_pdf_as_written():
    chart = charts.bar_chart([("สำนักงาน ซ้ำ", 50)], title="chart")
    pdf = html_to_pdf(f"<html><head><style>{font_faces_css()}</style></head><body>{chart}</body></html>")
    assert "สำนักงาน ซ้ำ" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
