"""Dates are typed as they are printed: dd/mm/yyyy in the Buddhist Era in Thai, AD in English, read the same way."""
import datetime

import pytest
from django import forms
from django.utils import translation

from core.forms import ThaiDateField


class DayForm(forms.Form):
    day = ThaiDateField(label="day")


def _read(text: str, language: str):
    with translation.override(language):
        form = DayForm({"day": text})
        return (form.cleaned_data["day"], None) if form.is_valid() else (None, form.errors["day"][0])


@pytest.mark.parametrize(("typed", "meant"), [
    ("5/12/2569", datetime.date(2026, 12, 5)),
    ("05/12/2569", datetime.date(2026, 12, 5)),
    ("29/02/2567", datetime.date(2024, 2, 29)),  # 2567 is 2024, a leap year
    ("1.1.2570", datetime.date(2027, 1, 1)),
    ("๕/๑๒/๒๕๖๙", datetime.date(2026, 12, 5)),  # Thai digits
    (" 5/12/2569 ", datetime.date(2026, 12, 5)),
    ("2026-12-05", datetime.date(2026, 12, 5)),  # ISO, as links and scripts write it, is always AD
])
def test_a_thai_reader_types_the_buddhist_era(typed, meant):
    assert _read(typed, "th") == (meant, None)


@pytest.mark.parametrize(("typed", "meant"), [
    ("5/12/2026", datetime.date(2026, 12, 5)),
    ("29/02/2024", datetime.date(2024, 2, 29)),
    ("2026-12-05", datetime.date(2026, 12, 5)),
])
def test_an_english_reader_types_the_year_ad(typed, meant):
    assert _read(typed, "en") == (meant, None)


def test_a_year_ad_typed_in_thai_is_refused_with_the_buddhist_era_year_to_type():
    day, error = _read("5/12/2026", "th")
    assert day is None
    assert "2569" in error and "พ.ศ." in error


def test_a_buddhist_era_year_typed_in_english_is_refused_with_the_year_ad_to_type():
    day, error = _read("5/12/2569", "en")
    assert day is None
    assert error == "2569 looks like a Buddhist Era year; write the year AD (2026)."


@pytest.mark.parametrize("typed", ["29/02/2568", "31/04/2569", "0/1/2569", "1/13/2569"])
def test_a_day_not_on_the_calendar_is_refused(typed):
    with translation.override("en"):
        day, error = _read(typed, "en")
    assert day is None
    day, error = _read(typed, "th")
    assert day is None and typed in error


@pytest.mark.parametrize("typed", ["5/12/69", "5/12/569"])
def test_a_short_year_is_refused_rather_than_guessed(typed):
    day, error = _read(typed, "en")
    assert day is None
    assert error.startswith("Write the year in full, with four digits")


@pytest.mark.parametrize("typed", ["12-05", "tomorrow", "5 ธันวาคม 2569", "2569/12/05", "5/12/2569/1"])
def test_anything_else_is_refused_with_the_pattern(typed):
    day, error = _read(typed, "th")
    assert day is None
    assert "วว/ดด/ปปปป (พ.ศ.)" in error


def test_the_box_shows_the_date_in_the_readers_era_with_its_pattern_named():
    form = DayForm(initial={"day": datetime.date(2026, 12, 5)})
    with translation.override("th"):
        html = str(form["day"])
    assert 'value="05/12/2569"' in html
    assert 'inputmode="numeric"' in html and 'type="text"' in html
    assert 'aria-describedby="id_day_format"' in html
    assert '<div id="id_day_format" class="form-text">วว/ดด/ปปปป (พ.ศ.)</div>' in html
    with translation.override("en"):
        html = str(form["day"])
    assert 'value="05/12/2026"' in html and "dd/mm/yyyy" in html


def test_a_refused_date_is_shown_back_as_typed_with_the_error_described():
    with translation.override("th"):
        form = DayForm({"day": "5/12/2026"})
        assert not form.is_valid()
        html = str(form["day"])
    assert 'value="5/12/2026"' in html
    assert 'aria-describedby="id_day_format id_day_error"' in html
    assert 'aria-invalid="true"' in html
