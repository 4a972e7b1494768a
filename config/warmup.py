"""Work every web process would otherwise do on its first requests, done once before it serves: importing every
view, reading both languages' catalogues and compiling every template.

At the start of an exam round the whole round arrives within a minute; a fresh process took about a second over its
first page of each kind, and the requests queued behind it made the round's first minute the slowest of the day.
Run by config/wsgi.py; with gunicorn's --preload it runs once, in the parent, and every worker starts warm."""
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and view)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Save")
    for engine in engines.all():
        for directory in engine.template_dirs:
            for path in Path(directory).rglob("*.html"):
                try:
                    engine.get_template(str(path.relative_to(directory)))
                except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                    continue  # a template that cannot be compiled alone (an e-mail part, say) is left to its page
