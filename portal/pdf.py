"""The one PDF renderer: a Django template rendered to PDF by WeasyPrint, with Thai fonts embedded.

A long-lived worker reuses one FontConfiguration between renders, so fonts are discovered once."""
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string


@lru_cache(maxsize=1)
def _font_configuration():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(
        font_config=_font_configuration()
    )


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render a template (under templates/<app>/pdf/) to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context), base_url=base_url)
