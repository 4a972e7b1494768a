"""Dates as Thai readers expect them: Thai month names and the Buddhist Era (CE + 543)."""
import datetime

from django.utils import formats, timezone

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


def format_datetime(value: datetime.datetime | None) -> str:
    """25 พฤศจิกายน 2569 เวลา 14:05 น. in Thai; 25 November 2026, 14:05 in English."""
    if value is None:
        return ""
    value = _as_local(value)
    if english_active():
        return f"{format_date(value)}, {value:%H:%M}"
    return f"{format_date(value)} เวลา {value:%H:%M} น."
