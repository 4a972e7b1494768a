"""Print a unit revision as a CASE 1.1 JSON package: manage.py export_case DG-EJJM-026 [--revision N] [-o file]."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from competency.case import case_document
from competency.models import Unit
from competency.selectors import unit_current


class Command(BaseCommand):
    help = "Export a competency unit revision (by default the current published one) as a CASE 1.1 package."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="unit code, e.g. DG-EJJM-026")
        parser.add_argument("--revision", type=int, help="revision number (default: the current published one)")
        parser.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
        # Outside a request there is no host to build URIs from, so the public address is given here.
        parser.add_argument(
            "--base-uri",
            default="http://localhost:8000/standards/",
            help="public address of the standards pages, used to build the CASE URIs",
        )

    def handle(
        self, *args, code: str, revision: int | None, output: Path | None, base_uri: str, **options
    ) -> None:
        if revision is None:
            unit = unit_current(code=code)
            if unit is None:
                raise CommandError(
                    _("%(code)s has no published revision; choose one with --revision.") % {"code": code}
                )
        else:
            unit = Unit.objects.filter(code=code, revision_number=revision).first()
            if unit is None:
                raise CommandError(_("%(code)s has no revision %(number)s.") % {"code": code, "number": revision})
        text = json.dumps(case_document(unit, base_uri=base_uri), ensure_ascii=False, indent=2)
        if output is None:
            self.stdout.write(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
            self.stderr.write(_("Wrote %(unit)s to %(path)s.") % {"unit": unit, "path": output})
