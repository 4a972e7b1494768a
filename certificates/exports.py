"""The HR desk's list as CSV (streamed) and as an Excel workbook (written row by row)."""
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core import spreadsheets
from core.spreadsheets import xlsx_cell

from .models import Certificate


def _header() -> list[str]:
    return [_("Certificate number"), _("Holder (Thai)"), _("Holder (English)"), _("Agency"), _("Unit"),
            _("Revision"), _("Issue date"), _("Expiry date"), _("Status"), _("Revoked at"), _("Verification code")]


def _row(certificate: Certificate) -> list:
    return [
        certificate.number, certificate.holder_name_th, certificate.holder_name_en,
        certificate.department.name_th if certificate.department else "",
        certificate.unit_code, f"{certificate.unit_revision_number}/{certificate.unit_revision_year_be}",
        certificate.issued_on, certificate.expires_on, str(certificate.get_status_display()),
        certificate.revoked_at.date() if certificate.revoked_at else None, certificate.code,
    ]


def _rows(certificates: QuerySet[Certificate]) -> Iterator[list]:
    # iterator(): a server-side cursor, so 100,000 rows never sit in memory together.
    for certificate in certificates.select_related("department").iterator(chunk_size=2000):
        yield _row(certificate)


def csv_lines(certificates: QuerySet[Certificate]) -> Iterator[str]:
    """CSV in UTF-8 with a byte-order mark, so Excel opens the Thai names correctly."""
    return spreadsheets.csv_lines(_header(), _rows(certificates))


def xlsx_file(certificates: QuerySet[Certificate]):
    """A temporary file holding the workbook, written in openpyxl's streaming mode."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Certificates"))
    sheet.append(_header())
    for row in _rows(certificates):
        sheet.append([xlsx_cell(sheet, value) for value in row])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle
