"""The one PDF renderer: a Django template rendered to PDF by WeasyPrint, set in the portal's Thai and Latin faces.

A long-lived worker reuses one FontConfiguration between renders, so fonts are discovered once."""
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string

from .thai_fonts import MissingGlyph, font_faces_css, undrawable_characters


@lru_cache(maxsize=1)
def _font_configuration():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(
        font_config=_font_configuration()
    )


def render_pdf(template_name: str, context: dict, *, every_glyph: bool = True) -> bytes:
    """Render a template (under templates/<app>/pdf/) to PDF bytes; its styles get the faces as `font_faces_css`.

    With every_glyph, text the faces cannot draw is refused (MissingGlyph) rather than printed as boxes."""
    html = render_to_string(template_name, {**context, "font_faces_css": font_faces_css()})
    if every_glyph:
        missing = undrawable_characters(html)
        if missing:
            raise MissingGlyph(missing)
    return html_to_pdf(html)
