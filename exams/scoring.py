"""Scoring of objective answers, and the normalisation that lets a short answer match in Thai or English."""
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from .models import ItemType

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# ฯ (abbreviation) and ฯลฯ read as punctuation; Unicode files ฯ as a letter, so it is named here.
THAI_PUNCTUATION = {"ฯ", "๏", "๚", "๛"}
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form two short answers are compared in: NFC, case-folded, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text or "")
    # Many Thai keyboards type สระอำ as nikhahit + sara aa, which NFC does not compose.
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    text = text.casefold().translate(THAI_DIGITS)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width spaces and joiners pasted from Thai documents
            continue
        kept.append(" " if category.startswith("P") or char in THAI_PUNCTUATION else char)
    collapsed = _SPACES.sub(" ", "".join(kept)).strip()
    # ไม้ยมก is written both with and without a space before it ("ต่าง ๆ", "ต่างๆ").
    return collapsed.replace(" ๆ", "ๆ")


def short_answer_matches(response: str, accepted: Iterable[str]) -> bool:
    given = normalise(response)
    return bool(given) and any(given == normalise(answer) for answer in accepted)


def objective_is_correct(
    *, item_type: str, response, correct_choice_ids: set[int], answer_true: bool | None, accepted: list[str]
) -> bool:
    """Whether a saved response earns the item's points. Multiple choice needs exactly the right set."""
    if response is None:
        return False
    if item_type == ItemType.SINGLE_CHOICE:
        return response in correct_choice_ids and len(correct_choice_ids) == 1
    if item_type == ItemType.MULTIPLE_CHOICE:
        return set(response) == correct_choice_ids
    if item_type == ItemType.TRUE_FALSE:
        return response is answer_true
    if item_type == ItemType.SHORT_ANSWER:
        return short_answer_matches(response, accepted)
    raise ValueError(f"{item_type} is not scored automatically")


def percent_of(score: Decimal, max_score: Decimal) -> Decimal:
    if not max_score:
        return Decimal("0.00")
    return (Decimal(100) * score / max_score).quantize(Decimal("0.01"))
