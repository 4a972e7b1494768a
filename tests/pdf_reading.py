"""A PDF's text as the readers people use get it: poppler's pdftotext in each of its modes, and pypdf."""
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from pypdf import PdfReader

# Poppler's three readings: default (reading order rebuilt from positions; what search, copy and most tools use),
# -layout (positions kept as columns) and -raw (content-stream order).
POPPLER_MODES = {"pdftotext": [], "pdftotext -layout": ["-layout"], "pdftotext -raw": ["-raw"]}
THAI_FOLLOWING_VOWELS = "ะาำๅ"
# Where a wrapped line may end and the next begin: at the end or start of a line, or at a column gap
# (-layout puts the other columns of a table row on the same line).
_LINE_END = r"(?=[ \t]*(?:\n|\f|$| {2}))"
_LINE_START = r"(?:^|(?<=\n)|(?<=\f)|(?<= {2}))[ \t]*"


def readings(pdf: bytes) -> dict[str, str]:
    """The whole document's text as each reader reads it, by reader."""
    assert shutil.which("pdftotext"), "pdftotext is missing: install the Debian package poppler-utils"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        texts = {
            reader: subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout
            for reader, options in POPPLER_MODES.items()
        }
        texts["pypdf"] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return texts


def _may_wrap_before(character: str) -> bool:
    # A line never starts with a mark or a following vowel: a break there is a word torn apart, not a wrap.
    return unicodedata.category(character) != "Mn" and character not in THAI_FOLLOWING_VOWELS


def _piece(piece: str, *, first: bool, last: bool) -> re.Pattern:
    body = " +".join(re.escape(word) for word in piece.split(" "))
    return re.compile(("" if first else _LINE_START) + body + ("" if last else _LINE_END), re.MULTILINE)


def reads_whole(text: str, phrase: str, *, start: int = 0, first: bool = True) -> bool:
    """Whether the phrase is in the text as written: whole within each line, in order, its marks in place. It may
    wrap onto a later line, as table cells do (a reader may put other cells' text between the lines), but only
    between characters where a line can break."""
    for cut in range(len(phrase), 0, -1):
        rest = phrase[cut:]
        if rest and not _may_wrap_before(rest[0]):
            continue
        found = _piece(phrase[:cut], first=first, last=not rest).search(text, start)
        if found and (not rest or reads_whole(text, rest.lstrip(" "), start=found.end(), first=False)):
            return True
    return False


def unreadable(pdf: bytes, phrases: list[str]) -> dict[str, list[str]]:
    """For each reader, the phrases it does not read whole (empty lists when every reader reads them all)."""
    return {reader: [p for p in phrases if not reads_whole(text, p)] for reader, text in readings(pdf).items()}
