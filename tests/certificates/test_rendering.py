"""The certificate PDF: Thai that reads back as written in every reader, a QR code that leads to its verification
page, every character drawn from the embedded fonts, and one file however often the render runs."""
import subprocess

import pytest

from certificates import services
from certificates.models import Certificate
from core.dates import format_date
from core.thai_fonts import characters_without_glyph, drawn_text, undrawable_characters
from tests.certificates.conftest import qr_from_pdf
from tests.pdf_reading import readings, unreadable

pytestmark = pytest.mark.django_db


def _rendered(certificate: Certificate) -> bytes:
    assert services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _in_order(text: str, *parts: str) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


def test_the_pdf_reads_back_with_the_thai_name_unit_title_and_date_in_order(certificate):
    # The signatory's position ("…สำนักงาน…") puts SARA AM on the page, which used to garble every า.
    with_am = certificate.signatory_position_th
    assert "ำ" in with_am
    for reader, text in readings(_rendered(certificate)).items():
        issued = format_date(certificate.issued_on)  # Thai is active in tests: 25 พฤศจิกายน 2569
        assert _in_order(text, certificate.holder_name_th, "ออกแบบองค์กรดิจิทัล", issued), (reader, text)
        assert with_am in text, (reader, text)


@pytest.mark.parametrize("name", [("นาย", "กำพล", "น้ำใจงาม"), ("นาย", "สมศักดิ์", "ทองคำ"),
                                  ("นางสาว", "พิมพ์ชนก", "น้ำใจดี")],
                         ids=["kamphon", "somsak", "phimchanok"])
def test_names_with_sara_am_and_tone_marks_read_back_whole_in_every_reader(issue, name):
    prefix, first, last = name
    certificate = issue(name_prefix_th=prefix, first_name_th=first, last_name_th=last)

    # Search, copy and screen readers use poppler's default reading, which used to tear words at their marks
    # ("ระบบประเมิ น", "ท่ี"): every reader must read every Thai line of the certificate as written.
    assert unreadable(_rendered(certificate), [
        f"{prefix}{first} {last}", "ออกแบบองค์กรดิจิทัล", "ระบบประเมินสมรรถนะ", "ได้รับการประเมินว่าผ่านเกณฑ์",
        "ตรวจสอบใบรับรองนี้ได้ที่",
    ]) == {"pdftotext": [], "pdftotext -layout": [], "pdftotext -raw": [], "pypdf": []}


def test_latin_text_is_drawn_from_the_latin_face_and_nothing_falls_back(certificate, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(_rendered(certificate))
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = {line.split()[0].split("+", 1)[1] for line in listing.splitlines()[2:]}
    assert embedded == {"PortalThai", "PortalThai-Bold", "PortalLatin", "PortalLatin-Bold"}


def test_the_qr_code_leads_to_the_certificates_verification_page(certificate, client, tmp_path):
    url = qr_from_pdf(_rendered(certificate), tmp_path)
    assert url == f"https://portal.example.go.th/verify/{certificate.code}/"
    response = client.get(url.removeprefix("https://portal.example.go.th"))
    assert response.status_code == 200
    assert certificate.holder_name_th in response.content.decode()


def test_every_character_of_the_certificate_has_a_glyph_in_the_embedded_fonts(certificate):
    from django.template.loader import render_to_string
    from django.utils import translation

    from certificates.documents import certificate_html_context

    for language in ("th", "en"):
        with translation.override(language):
            html = render_to_string("certificates/pdf/certificate.html", certificate_html_context(certificate))
        assert characters_without_glyph(drawn_text(html)) == []


def test_the_glyph_check_names_what_the_fonts_cannot_draw():
    assert characters_without_glyph("นายสมชาย Somchai – 2569 ☃ 李") == ["☃", "李"]


def test_only_drawn_text_needs_glyphs_however_it_is_written():
    assert undrawable_characters("<title>☃</title><style>/* 李 */</style><p>นายสมชาย &amp; Somchai</p>") == []
    assert undrawable_characters("<p>สมชาย &#x2603; &#26446;</p>") == ["☃", "李"]


def test_a_name_the_fonts_cannot_draw_fails_the_render_and_says_why(issue):
    certificate = issue(first_name_th="李明")
    assert not services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.render_state == Certificate.RenderState.FAILED
    assert "U+674E" in certificate.render_error
    assert not certificate.pdf


def test_rendering_again_leaves_one_file(certificate, media_root):
    _rendered(certificate)
    assert not services.certificate_render(certificate_id=certificate.pk)  # ready: nothing to do
    services.certificate_rerender(certificate=certificate)  # an administrator asks for a new render
    assert services.certificate_render(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    files = list((media_root / "certificates").rglob("*.pdf"))
    assert [f.name for f in files] == [f"{certificate.number}.pdf"]
    assert certificate.render_count == 2
