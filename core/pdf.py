"""The one PDF renderer: a Django template rendered to PDF by WeasyPrint, set in the portal's Thai and Latin faces.

A long-lived worker reuses one FontConfiguration between renders, so fonts are discovered once."""
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string

from . import pdf_text
from .thai_fonts import MissingGlyph, font_faces_css, undrawable_characters


@lru_cache(maxsize=1)
def _font_configuration():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _in_one_stack_chunk(function, /, *args, **kwargs):
    return function(*args, **kwargs)


# CPython keeps Python frames in 16 KB chunks and frees a chunk the moment the frame that opened it returns.
# WeasyPrint's layout recursion crosses a chunk edge hundreds of times per document, each crossing an mmap and a
# munmap, so a render took 70 to 100 ms depending only on how deep its caller's stack happened to be
# (bench/pdf_stack_depth.py). A frame that declares a ~130 KB value stack makes CPython open a 256 KB chunk for it,
# and WeasyPrint's frames, pushed above it, fit in the ~120 KB left: one chunk per render, at any depth.
# A value stack larger than the code needs is never touched, so it costs no memory beyond the address space.
_in_one_stack_chunk.__code__ = _in_one_stack_chunk.__code__.replace(
    co_stacksize=_in_one_stack_chunk.__code__.co_stacksize + 16_500)


@dataclass(frozen=True)
class EmbeddedFile:
    """A file carried inside an archival PDF, with its PDF/A-3 relationship to the document (Data, Source, …)."""

    name: str
    content: bytes
    description: str = ""
    relationship: str = "Data"


# PDF/A-3b keeps the document reproducible for archives and allows embedded files; the structure tags let screen
# readers follow the text in reading order.
ARCHIVAL_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


def _weasyprint(html: str, base_url: str, archival: bool = False, attachments: tuple[EmbeddedFile, ...] = ()) -> bytes:
    from weasyprint import HTML, Attachment

    pdf_text.install()
    options = dict(ARCHIVAL_OPTIONS) if archival else {}
    if attachments:
        options["attachments"] = [
            Attachment(string=item.content, name=item.name, description=item.description or None,
                       relationship=item.relationship) for item in attachments]
    return HTML(string=html, base_url=base_url).write_pdf(font_config=_font_configuration(), **options)


def html_to_pdf(html: str, *, base_url: str | None = None, archival: bool = False,
                attachments: tuple[EmbeddedFile, ...] = ()) -> bytes:
    """The PDF of finished HTML; `archival` makes it PDF/A-3b with structure tags, carrying the attachments."""
    return _in_one_stack_chunk(_weasyprint, html, base_url or str(settings.BASE_DIR), archival, tuple(attachments))


def render_pdf(template_name: str, context: dict, *, every_glyph: bool = True, archival: bool = False,
               attachments: tuple[EmbeddedFile, ...] = ()) -> bytes:
    """Render a template (under templates/<app>/pdf/) to PDF bytes; its styles get the faces as `font_faces_css`.

    With every_glyph, text the faces cannot draw is refused (MissingGlyph) rather than printed as boxes."""
    html = render_to_string(template_name, {**context, "font_faces_css": font_faces_css()})
    if every_glyph:
        missing = undrawable_characters(html)
        if missing:
            raise MissingGlyph(missing)
    return html_to_pdf(html, archival=archival, attachments=attachments)
