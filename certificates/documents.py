"""The PDFs of this app, from their templates under templates/certificates/pdf/: certificate and reports."""
import base64
import json
import mimetypes

import segno
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.dates import format_date
from core.pdf import EmbeddedFile, render_pdf
from core.pdf_signing import sign_pdf
from core.text import shorten

from . import badges, charts, selectors
from .models import Certificate, Report


def qr_svg(url: str) -> str:
    """The QR code as inline SVG; quiet zone included, as scanners need it."""
    # Searching the eight masks for the best costs four times the rest; any fixed mask is valid and reads.
    return segno.make_qr(url, error="m", boost_error=False, mask=2).svg_inline(scale=3, border=4, omitsize=True)


def _image_data_uri(field) -> str:
    # Read through the storage, which may be S3, rather than by path.
    if not field:
        return ""
    with field.open("rb") as handle:
        data = handle.read()
    mime = mimetypes.guess_type(field.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def certificate_html_context(certificate: Certificate) -> dict:
    return {
        "certificate": certificate,
        "qr_svg": qr_svg(certificate.verification_url()),
        "signature": _image_data_uri(certificate.signatory.signature) if certificate.signatory else "",
    }


def credential_attachment(certificate: Certificate) -> EmbeddedFile:
    """The Open Badges credential of the certificate, carried inside its PDF as the data the page shows."""
    credential = json.dumps(badges.open_badge(certificate), ensure_ascii=False, indent=2).encode()
    return EmbeddedFile(name=f"{certificate.number}-open-badge.json", content=credential,
                        description="Open Badges 3.0 credential (OpenBadgeCredential)", relationship="Data")


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as issued: PDF/A-3b with its credential attached, signed (PAdES) by the agency."""
    with translation.override("th"):
        pdf = render_pdf("certificates/pdf/certificate.html", certificate_html_context(certificate), archival=True,
                         attachments=(credential_attachment(certificate),))
        return sign_pdf(pdf, reason=_("Certificate of competence %(number)s") % {"number": certificate.number}).content


def _signed_if_asked(pdf: bytes, *, reason: str) -> bytes:
    return sign_pdf(pdf, reason=reason).content if settings.SIGN_REPORTS else pdf


def candidate_report_pdf(report: Report) -> bytes:
    with translation.override("th"):
        data = selectors.result_report(report.case, round_number=report.decision_round)
        area_chart = None
        if data.exam and data.exam.areas:
            area_chart = charts.bar_chart([(shorten(area.label, 18), area.percent) for area in data.exam.areas],
                                          title=_("Exam result by knowledge area"))
        pdf = render_pdf("certificates/pdf/candidate_report.html", {
            "report": report, "data": data, "area_chart": area_chart,
            "candidate": report.case.candidate, "unit": report.case.unit,
        }, archival=settings.SIGN_REPORTS)
        return _signed_if_asked(pdf, reason=_("Result report"))


def agency_report_pdf(report: Report) -> bytes:
    with translation.override("th"):
        figures = selectors.agency_figures(department=report.department, start=report.period_start,
                                           end=report.period_end)
        pdf = render_pdf("certificates/pdf/agency_report.html", {
            "report": report, "figures": figures, **figure_charts(figures),
        }, archival=settings.SIGN_REPORTS)
        return _signed_if_asked(pdf, reason=_("Agency report"))


def figure_charts(figures: selectors.AgencyFigures) -> dict:
    """The charts an agency's figures are shown with, on the dashboard and in the agency report."""
    counts = [(pgettext("number of cases", "Enrolled"), figures.enrolled),
              (pgettext("number of cases", "Submitted"), figures.submitted),
              (pgettext("number of cases", "Certified"), figures.certified)]
    monthly = [(format_date(month, short=True).split(" ", 1)[1], count) for month, count in figures.monthly]
    return {
        # Counts and months are bars with their labels beside them: long Thai labels do not fit under columns.
        "counts_chart": charts.bar_chart(counts, title=_("Enrolled, submitted and certified"),
                                         maximum=max(count for _label, count in counts) or 1, suffix=""),
        "criteria_chart": charts.bar_chart([(rate.code, rate.percent) for rate in figures.criteria],
                                           title=_("Pass rate per criterion")),
        "exam_chart": charts.column_chart(figures.exam_bins, title=_("Exam score distribution (%)"))
        if figures.exam_bins else None,
        "monthly_chart": charts.bar_chart(monthly, title=_("Certificates issued per month"),
                                          maximum=max(count for _label, count in monthly) or 1, suffix=""),
    }
