"""Create a unit revision from a CASE 1.1 JSON package: manage.py import_case path.json."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from competency.case import CaseImportError, case_import


class Command(BaseCommand):
    help = "Import a competency unit revision from a CASE 1.1 JSON package; nothing is written if any check fails."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="CASE package (.json) to import")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(_("%(path)s is not valid JSON: %(error)s") % {"path": path, "error": exc}) from exc
        try:
            unit = case_import(document)
        except CaseImportError as exc:
            problems = "\n".join(f"  - {error}" for error in exc.errors)
            raise CommandError(
                _("%(path)s was not imported; nothing was written. Problems found:") % {"path": path}
                + "\n" + problems
            ) from exc
        self.stdout.write(self.style.SUCCESS(
            _(
                "Imported %(unit)s: %(elements)d elements, %(criteria)d performance criteria, "
                "%(statements)d statements."
            )
            % {
                "unit": unit,
                "elements": unit.elements.count(),
                "criteria": unit.criteria.count(),
                "statements": unit.statements.count(),
            }
        ))
