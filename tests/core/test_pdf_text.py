"""Thai in the portal's PDFs reads back whole in every reader: poppler's pdftotext (default, -layout, -raw) and pypdf,
while the page looks exactly as before."""
import io
import subprocess
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DictionaryObject

from core.pdf import html_to_pdf
from core.thai_fonts import font_faces_css
from tests.pdf_reading import readings, unreadable

# Every way Thai used to come apart: a lower vowel under a lowered tone mark (สู่), a tone mark over an upper
# vowel (ที่, ดิ์), SARA AM after a tone mark (น้ำ), the names and the unit's title.
PHRASES = ["นายสมศักดิ์ ทองคำ", "นางสาวพิมพ์ชนก น้ำใจดี", "ออกแบบองค์กรดิจิทัล", "ระบบประเมินสมรรถนะ",
           "เกณฑ์การปฏิบัติงาน", "ก้าวสู่องค์กรดิจิทัล", "ตรวจสอบใบรับรองนี้ได้ที่", "สำนักงาน"]


def _page(*paragraphs: str, style: str = "") -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return html_to_pdf(f"<html><head><style>{font_faces_css()} body {{ font-family: PortalThai, PortalLatin; "
                       f"font-size: 12pt; }} {style}</style></head><body>{body}</body></html>")


def _without_actual_text(pdf: bytes) -> bytes:
    """The same PDF with its /ActualText spans taken out (their content kept), as WeasyPrint alone writes it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        content = ContentStream(page.get_contents(), writer)
        kept, spans = [], []
        for operands, operator in content.operations:
            if operator in (b"BDC", b"BMC"):
                spans.append(operator == b"BDC" and isinstance(operands[1], DictionaryObject)
                             and "/ActualText" in operands[1])
                if spans[-1]:
                    continue
            elif operator == b"EMC" and spans.pop():
                continue
            kept.append((operands, operator))
        content.operations = kept
        page.replace_contents(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _png(pdf: bytes, folder: Path, name: str) -> bytes:
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(folder / f"{name}.pdf"),
                    str(folder / name)], check=True)
    return (folder / f"{name}.png").read_bytes()


def test_thai_reads_back_whole_in_every_mode_of_pdftotext_and_in_pypdf():
    pdf = _page(*PHRASES)

    assert unreadable(pdf, PHRASES) == {"pdftotext": [], "pdftotext -layout": [], "pdftotext -raw": [], "pypdf": []}


def test_letter_spaced_thai_reads_back_whole():
    # The certificate's issuer line is letter-spaced: every gap after a mark used to become a space.
    pdf = _page("ระบบประเมินสมรรถนะ DG-EJJM-026", style="p { letter-spacing: 0.5pt; }")

    assert unreadable(pdf, ["ระบบประเมินสมรรถนะ"]) == {
        "pdftotext": [], "pdftotext -layout": [], "pdftotext -raw": [], "pypdf": []}


def test_without_the_actual_text_poppler_tears_the_words_apart():
    # The control: the glyphs alone, as WeasyPrint draws them, are what poppler's default reading splits.
    pdf = _without_actual_text(_page(*PHRASES))

    torn = unreadable(pdf, PHRASES)
    assert "ก้าวสู่องค์กรดิจิทัล" in torn["pdftotext"] and "ก้าวสู่องค์กรดิจิทัล" in torn["pdftotext -layout"]
    assert torn["pdftotext -raw"] == [] and torn["pypdf"] == []


def test_the_page_looks_exactly_as_without_the_actual_text(tmp_path):
    pdf = _page(*PHRASES)

    assert _png(pdf, tmp_path, "with") == _png(_without_actual_text(pdf), tmp_path, "without")


def test_lines_without_combining_marks_are_left_as_weasyprint_draws_them():
    pdf = _page("Design a Digital Organization 2026", "DG-EJJM-026 ระบบ")
    contents = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()

    assert b"/ActualText" not in contents
    assert readings(pdf)["pdftotext"].split() == ["Design", "a", "Digital", "Organization", "2026", "DG-EJJM-026",
                                                  "ระบบ"]
