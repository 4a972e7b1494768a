"""A candidate's personal-data archive holds their appeals, the documents they attached, and their complaints."""
import json
import zipfile

from appeals.services import appeal_lodge, complaint_record
from privacy.services import personal_data_archive
from tests.samples import pdf_upload


def test_the_archive_holds_the_appeal_its_document_and_the_complaint(released_case, candidate):
    appeal_lodge(case=released_case, by=candidate, grounds="ขออุทธรณ์ทั้งผล", uploads=[pdf_upload("ภาคผนวก.pdf")])
    complaint_record(case=released_case, by=candidate, text="รอผลนานเกินกำหนด")
    with zipfile.ZipFile(personal_data_archive(user=candidate)) as archive:
        data = json.loads(archive.read("data.json"))
        names = archive.namelist()
    [appeal] = data["appeals"]["appeals"]
    assert appeal["grounds"] == "ขออุทธรณ์ทั้งผล"
    assert [f"files/appeals/{appeal['documents'][0]}"] == [n for n in names if n.startswith("files/appeals/")]
    assert data["appeals"]["complaints"][0]["text"] == "รอผลนานเกินกำหนด"
