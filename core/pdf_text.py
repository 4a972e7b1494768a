"""Gives every drawn line of text that carries combining marks its own words as /ActualText, so Thai reads back whole.

Why: a PDF draws glyphs, and a reader that rebuilds words from where the glyphs stand (poppler's `pdftotext`
and everything built on it, in its default and -layout modes) sees Thai wrongly. Thai vowels above and below
the consonant and the tone marks are zero-width glyphs drawn where the next glyph starts (HarfBuzz zeroes
their advance; the font draws them to the left of their origin and GPOS nudges them by a few hundredths of an
em). Poppler takes a glyph that starts less than 0.1 em from the previous one for duplicated text (fake bold,
drop shadows) and starts a new word before it and after it; it then sorts the pieces of a line by position and
joins them with a space wherever a gap of 0.03 em or more separates them. So "ที่" came out as "ท่ี" (the tone
mark sorted before the vowel it sits on), "สู่องค์กร" as "สูอ ่ งค์กร" (the lowered tone mark moved to its own
line by its text rise) and letter-spaced "ระบบประเมิน" as "ระบบประเมิ น". Only `-raw` (content order) read it right.

PDF's own answer for text whose glyphs do not spell it one by one is a marked-content span with /ActualText
(ISO 32000-1, 14.9.4): readers that honour it (poppler, Acrobat, screen readers) take the span's text in one
piece at the span's place, and readers that do not (pypdf) still read the glyphs through their ToUnicode map.
WeasyPrint writes no such spans, so its line drawing is wrapped: each line that holds a combining mark is drawn
inside `/Span <</ActualText (…)>> BDC … EMC`, with the exact text Pango laid out for that line. Lines without
combining marks (Latin, digits) are left exactly as WeasyPrint draws them.
"""
import unicodedata

import pydyf

_WRAPPED = "_portal_actual_text"


def needs_actual_text(text: str) -> bool:
    """Whether a line holds a zero-width combining mark, which position-based readers split off."""
    return any(unicodedata.category(character) == "Mn" for character in text)


def _drawn_line(textbox) -> str:
    """The text of the line a textbox drew: the first line of its Pango layout, as laid out (ellipsis included)."""
    layout = textbox.pango_layout
    first_line, _next_line = layout.get_first_line()
    encoded = layout.text.encode()
    return encoded[first_line.start_index:first_line.start_index + first_line.length].decode()


def _with_actual_text(draw_first_line):
    def draw(stream, textbox, *args, **kwargs):
        start = len(stream.stream)
        result = draw_first_line(stream, textbox, *args, **kwargs)
        if len(stream.stream) > start:
            text = _drawn_line(textbox)
            if needs_actual_text(text):
                # Inserted once the line is drawn, so that it carries the text actually drawn; both operators
                # stay inside the text object draw_text opened, as marked content within BT … ET must.
                stream.stream[start:start] = [b"/Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}),
                                              b"BDC"]
                stream.stream.append(b"EMC")
        return result

    setattr(draw, _WRAPPED, True)
    return draw


def install() -> None:
    """Make WeasyPrint mark its lines with /ActualText (idempotent; called before every render)."""
    from weasyprint.draw import text

    if not getattr(text.draw_first_line, _WRAPPED, False):
        text.draw_first_line = _with_actual_text(text.draw_first_line)
