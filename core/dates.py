"""Dates as Thai readers expect them: Thai month names and the Buddhist Era (CE + 543)."""
import datetime
import re

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .i18n import english_active

BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)


def buddhist_year(value: datetime.date) -> int:
    return value.year + BUDDHIST_ERA_OFFSET


def _as_local(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value: datetime.date | datetime.datetime | None, *, short: bool = False) -> str:
    """25 พฤศจิกายน 2569 in Thai; 25 November 2026 in English."""
    if value is None:
        return ""
    value = _as_local(value)
    if english_active():
        return formats.date_format(value, "j M Y" if short else "j F Y")
    months = THAI_MONTHS_SHORT if short else THAI_MONTHS
    return f"{value.day} {months[value.month - 1]} {buddhist_year(value)}"


def format_datetime(value: datetime.datetime | None, *, seconds: bool = False) -> str:
    """25 พฤศจิกายน 2569 เวลา 14:05 น. in Thai; 25 November 2026, 14:05 in English (14:05:09 with seconds)."""
    if value is None:
        return ""
    value = _as_local(value)
    clock = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
    if english_active():
        return f"{format_date(value)}, {clock}"
    return f"{format_date(value)} เวลา {clock} น."


# --- Dates typed by people ----------------------------------------------------------------------------------

# The calendar years a person may type: plausible dates of the portal's records, in either era. Outside them a
# year is almost always the other era typed by habit (2026 in a Thai form, 2569 in an English one).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d+)")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class DateInputError(ValueError):
    """A typed date the portal will not guess at; `message` says why in the reader's language."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def date_input_hint() -> str:
    """The pattern a date is typed in: วว/ดด/ปปปป (พ.ศ.) in Thai, dd/mm/yyyy in English."""
    return _("dd/mm/yyyy (Buddhist Era)") if not english_active() else _("dd/mm/yyyy")


def format_date_input(value: datetime.date) -> str:
    """The date as it is typed: 05/12/2569 in Thai, 05/12/2026 in English."""
    year = value.year if english_active() else buddhist_year(value)
    return f"{value.day:02d}/{value.month:02d}/{year}"


def parse_date_input(text: str) -> datetime.date:
    """A date typed as dd/mm/yyyy, the year in the Buddhist Era in Thai and AD in English; ISO yyyy-mm-dd (always
    AD) is read too, as links and scripts write it. Anything ambiguous raises DateInputError rather than guess."""
    text = (text or "").strip().translate(_THAI_DIGITS)
    thai = not english_active()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        era_offset = 0
    elif match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month = int(match[1]), int(match[2])
        if len(match[3]) != 4:
            raise DateInputError(_("Write the year in full, with four digits (for example %(example)s).")
                                 % {"example": format_date_input(timezone.localdate())}, "short_year")
        year = int(match[3])
        era_offset = BUDDHIST_ERA_OFFSET if thai else 0
        if thai and EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise DateInputError(
                _("%(year)s looks like a year AD; write the Buddhist Era year (%(be_year)s).")
                % {"year": year, "be_year": year + BUDDHIST_ERA_OFFSET}, "year_ad")
        if not thai and EARLIEST_YEAR + BUDDHIST_ERA_OFFSET <= year <= LATEST_YEAR + BUDDHIST_ERA_OFFSET:
            raise DateInputError(
                _("%(year)s looks like a Buddhist Era year; write the year AD (%(ad_year)s).")
                % {"year": year, "ad_year": year - BUDDHIST_ERA_OFFSET}, "year_be")
    else:
        raise DateInputError(_("Enter the date as %(hint)s, for example %(example)s.")
                             % {"hint": date_input_hint(), "example": format_date_input(timezone.localdate())},
                             "invalid")
    calendar_year = year - era_offset
    if not EARLIEST_YEAR <= calendar_year <= LATEST_YEAR:
        raise DateInputError(_("The year %(year)s is out of range.") % {"year": year}, "year_range")
    try:
        return datetime.date(calendar_year, month, day)
    except ValueError:
        raise DateInputError(_("%(text)s is not a date on the calendar.") % {"text": text}, "no_such_day") from None
