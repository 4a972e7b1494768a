"""The question bank as CSV, one item per row, for editing in a spreadsheet and moving between portals."""
import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheets import csv_cell, csv_cell_read

from .content import MAX_CHOICES, BankEntry, ChoiceContent, ItemContent, as_decimal, rubric_as_lines, rubric_from_lines
from .models import CHOICE_TYPES, Item, ItemType
from .selectors import content_of

LIST_SEPARATOR = "|"
CHOICE_COLUMNS = [f"choice{n}_{lang}" for n in range(1, MAX_CHOICES + 1) for lang in ("th", "en")]
COLUMNS = [
    "code", "status", "difficulty", "type", "points", "criteria", "knowledge_areas", "stem_th", "stem_en",
    *CHOICE_COLUMNS, "correct", "accepted_answers", "rubric",
]
REQUIRED_COLUMNS = ["code", "status", "difficulty", "type", "stem_th"]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(LIST_SEPARATOR) if part.strip())


def _join(values) -> str:
    return LIST_SEPARATOR.join(values)


def export_rows(items: list[Item]) -> str:
    """CSV text of the items' current versions, with a byte-order mark so spreadsheet programs read Thai."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in items:
        content = content_of(item.current)
        row = {
            "code": item.code, "status": item.status, "difficulty": item.difficulty, "type": content.item_type,
            "points": content.points, "criteria": _join(content.criterion_codes),
            "knowledge_areas": _join(content.knowledge_keys), "stem_th": content.stem_th, "stem_en": content.stem_en,
            "accepted_answers": _join(content.accepted_answers),
            "rubric": rubric_as_lines(content.rubric),
        }
        for n, choice in enumerate(content.choices, start=1):
            row[f"choice{n}_th"], row[f"choice{n}_en"] = choice.text_th, choice.text_en
        if content.item_type in CHOICE_TYPES:
            row["correct"] = _join(str(n) for n, c in enumerate(content.choices, start=1) if c.is_correct)
        elif content.item_type == ItemType.TRUE_FALSE:
            row["correct"] = "true" if content.answer_true else "false"
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
    return out.getvalue()


def _decode(raw: bytes) -> str | None:
    # Excel on Thai Windows saves "CSV" in Windows-874 unless "CSV UTF-8" is chosen.
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _entry(row: dict[str, str], where: str) -> BankEntry:
    errors: list[str] = []
    item_type = (row.get("type") or "").strip()
    choices = []
    for n in range(1, MAX_CHOICES + 1):
        th, en = (row.get(f"choice{n}_th") or "").strip(), (row.get(f"choice{n}_en") or "").strip()
        if th or en:
            choices.append((n, th, en))
    correct = _split(row.get("correct", ""))
    answer_true = None
    if item_type in CHOICE_TYPES:
        numbers = {str(n) for n, _th, _en in choices}
        wrong = [c for c in correct if c not in numbers]
        if wrong:
            errors.append(_("“correct” names choices that are not there: %(choices)s.") % {"choices": ", ".join(wrong)})
    elif item_type == ItemType.TRUE_FALSE:
        answer_true = {"true": True, "false": False}.get((row.get("correct") or "").strip().lower())
        if answer_true is None:
            errors.append(_("“correct” must be true or false for a true/false item."))
    content = ItemContent(
        item_type=item_type,
        stem_th=(row.get("stem_th") or "").strip(),
        stem_en=(row.get("stem_en") or "").strip(),
        points=as_decimal(row.get("points") or "1", field_label=_("Points"), errors=errors),
        choices=tuple(ChoiceContent(th, en, str(n) in correct) for n, th, en in choices),
        answer_true=answer_true,
        accepted_answers=_split(row.get("accepted_answers", "")),
        rubric=rubric_from_lines(row.get("rubric", ""), errors),
        criterion_codes=_split(row.get("criteria", "")),
        knowledge_keys=_split(row.get("knowledge_areas", "")),
    )
    return BankEntry(
        where=where, code=(row.get("code") or "").strip(), status=(row.get("status") or "").strip(),
        difficulty=(row.get("difficulty") or "").strip(), content=content, errors=errors,
    )


def parse(raw: bytes) -> tuple[list[BankEntry], list[str]]:
    """The entries of a CSV file, and the errors that stop the file being read at all."""
    text = _decode(raw)
    if text is None:
        return [], [_("The file is not text in UTF-8 or Windows-874 (Thai).")]
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            message = _("The first row must name the columns; missing: %(columns)s.")
            return [], [message % {"columns": ", ".join(missing)}]
        # Rows are numbered as a spreadsheet shows them: the header is row 1.
        rows = ({column: csv_cell_read(value) for column, value in row.items()} for row in reader)
        entries = [_entry(row, _("Row %(n)s") % {"n": n}) for n, row in enumerate(rows, start=2)]
    except csv.Error as exc:
        return [], [_("The file is not valid CSV: %(error)s") % {"error": exc}]
    return entries, []
