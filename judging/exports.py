"""The impartiality report as CSV: the same-agency overrides and the declarations of no conflict, a file each."""
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assessments.models import Allocation
from core.dates import format_datetime
from core.spreadsheets import csv_lines

from .models import ImpartialityDeclaration


def _agency(case) -> str:
    department = case.candidate.department
    return department.name_th if department else ""


def _name(user) -> str:
    return user.get_full_name() or user.username if user else ""


def overrides_csv(allocations: QuerySet[Allocation]) -> Iterator[str]:
    header = [_("Case"), _("Unit"), _("Candidate"), _("Candidate's agency"), _("Assessor"), _("Marking"),
              _("Reason"), _("Allowed by"), _("Allowed at"), _("Allocation now")]
    rows = (
        [allocation.case_id, allocation.case.unit_code, _name(allocation.case.candidate), _agency(allocation.case),
         _name(allocation.assessor), str(allocation.get_marking_display()), allocation.override_reason,
         _name(allocation.assigned_by), format_datetime(allocation.assigned_at),
         _("still allocated") if allocation.active else _("no longer allocated")]
        for allocation in allocations.iterator(chunk_size=2000)
    )
    return csv_lines(header, rows)


def declarations_csv(declarations: QuerySet[ImpartialityDeclaration]) -> Iterator[str]:
    header = [_("Case"), _("Unit"), _("Candidate"), _("Candidate's agency"), _("Assessor"), _("Round"), _("Marking"),
              _("Declared at"), _("Declaration")]
    rows = (
        [declaration.case_id, declaration.case.unit_code, _name(declaration.case.candidate),
         _agency(declaration.case), _name(declaration.assessor), declaration.round,
         str(declaration.get_marking_display()), format_datetime(declaration.declared_at), declaration.text]
        for declaration in declarations.iterator(chunk_size=2000)
    )
    return csv_lines(header, rows)
