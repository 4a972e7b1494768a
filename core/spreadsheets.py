"""Values for spreadsheets people open (CSV and XLSX exports), written so that text never runs as a formula."""
import csv
from collections.abc import Iterable, Iterator

# A spreadsheet reads a cell beginning with one of these as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_cell(value):
    """The value for a CSV cell: text a spreadsheet would run gets a leading apostrophe; the rest is unchanged."""
    return f"'{value}" if _looks_like_formula(value) else value


def csv_cell_read(value: str) -> str:
    """The text a CSV cell held before csv_cell protected it, so exported files can be imported again."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def xlsx_cell(sheet, value):
    """A cell for openpyxl's write-only sheet: text is stored as text (openpyxl would store `=…` as a formula),
    with Excel's quote prefix on text a spreadsheet would run, so editing the cell keeps it text."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    if _looks_like_formula(value):
        cell.quotePrefix = True
    return cell


class _Echo:
    """A file that hands back what is written, so csv.writer yields lines for a streamed response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Thai text correctly; every cell formula-safe,
    an empty cell for None; one line at a time, so a long export never sits in memory."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(["" if value is None else csv_cell(value) for value in row])
