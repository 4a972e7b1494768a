"""Labels shortened at a space, never in the middle of a word, in Thai as in English."""
from core.text import shorten


def test_a_short_label_is_left_as_it_is():
    assert shorten("Big data", 18) == "Big data"


def test_a_long_english_label_ends_at_a_whole_word():
    assert shorten("Big data analytics for the organisation", 12) == "Big data…"


def test_a_long_thai_label_ends_at_a_space_between_phrases():
    text = "การออกแบบองค์กรดิจิทัล ขับเคลื่อนองค์กรดิจิทัล และการนำไปปฏิบัติ"
    assert shorten(text, 30) == "การออกแบบองค์กรดิจิทัล…"


def test_a_first_word_longer_than_the_limit_is_kept_whole():
    assert shorten("ขับเคลื่อนองค์กรดิจิทัลอย่างยั่งยืน", 10) == "ขับเคลื่อนองค์กรดิจิทัลอย่างยั่งยืน"
    assert shorten("Implementation of the plan", 5) == "Implementation…"
