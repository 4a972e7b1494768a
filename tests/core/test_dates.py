"""Dates shown to Thai readers use Thai month names and the Buddhist Era."""
import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from core.dates import buddhist_year, format_date, format_datetime


def test_the_buddhist_era_is_543_years_ahead():
    assert buddhist_year(datetime.date(2024, 1, 1)) == 2567


def test_thai_readers_see_buddhist_era_dates():
    with translation.override("th"):
        assert format_date(datetime.date(2026, 11, 25)) == "25 พฤศจิกายน 2569"
        assert format_date(datetime.date(2026, 11, 25), short=True) == "25 พ.ย. 2569"


def test_english_readers_see_common_era_dates():
    with translation.override("en"):
        assert format_date(datetime.date(2026, 11, 25)) == "25 November 2026"


def test_times_are_shown_in_bangkok_time():
    # 23:30 UTC on 31 December is already New Year's Day in Bangkok, and so the next BE year.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("th"):
        assert format_datetime(moment) == "1 มกราคม 2570 เวลา 06:30 น."


def test_the_template_filter_formats_in_the_active_language():
    template = Template("{% load thai_dates %}{{ day|be_date }}")
    with translation.override("th"):
        assert template.render(Context({"day": datetime.date(2024, 5, 1)})) == "1 พฤษภาคม 2567"
