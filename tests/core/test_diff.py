"""What a revision changed, word by word, in English and in Thai (which writes words without spaces)."""
from core.diff import ADDED, REMOVED, SAME, word_diff


def test_english_changes_are_whole_words():
    assert word_diff("Define the core work processes", "Define the main work processes") == [
        (SAME, "Define the "), (REMOVED, "core"), (ADDED, "main"), (SAME, " work processes"),
    ]


def test_thai_changes_never_split_a_letter_from_its_marks():
    runs = word_diff("กำหนดกระบวนงานหลักขององค์กรดิจิทัล", "กำหนดกระบวนงานสำคัญขององค์กรดิจิทัล")
    assert runs == [(SAME, "กำหนดกระบวนงาน"), (REMOVED, "หลัก"), (ADDED, "สำคัญ"), (SAME, "ขององค์กรดิจิทัล")]
    for _op, text in runs:
        assert text[0] not in "\u0E31\u0E34\u0E35\u0E36\u0E37\u0E38\u0E39\u0E3A\u0E47\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E4D"


def test_the_texts_read_back_from_the_runs():
    old, new = "ผู้บริหาร approve the plan", "ผู้บริหารระดับสูง approve the new plan"
    runs = word_diff(old, new)
    assert "".join(text for op, text in runs if op != ADDED) == old
    assert "".join(text for op, text in runs if op != REMOVED) == new


def test_empty_and_equal_texts():
    assert word_diff("", "") == []
    assert word_diff("", "ใหม่") == [(ADDED, "ใหม่")]
    assert word_diff("เดิม", "เดิม") == [(SAME, "เดิม")]
