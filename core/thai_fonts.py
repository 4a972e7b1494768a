"""The faces every portal PDF is set in, so that Thai reads back as written, and a check that they draw the text.

Two things stand between WeasyPrint and a Thai PDF whose text can be extracted, searched and checked:

1. HarfBuzz always splits SARA AM (ำ) into NIKHAHIT + SARA AA and moves the nikhahit before any tone mark,
   merging them into one cluster. WeasyPrint maps each glyph, once, to the text of the cluster it is first
   seen in (the whole cluster for its last glyph, nothing for the others). So the glyph of า, shared with every
   plain า on the page, can come to stand for "้ำ" ("สมชาย" reads back as "สมช้ำย"), or ำ reads back as า.
   The Thai faces below are Sarabun plus five copies of SARA AA that the font substitutes for the า of a
   decomposed ำ: one after a bare nikhahit, one after each tone mark. Each copy is always the last glyph of
   a cluster with the same text ("ำ", "่ำ", "้ำ", "๊ำ", "๋ำ"), and the glyphs before it in that cluster
   (the nikhahit, or Sarabun's own nikhahit-with-tone ligature) are never the last glyph of any cluster, so
   WeasyPrint's map comes out right however the page is laid out. A nikhahit written on its own (not from
   ำ, as in Pali) is the one character this leaves unreadable in the text layer; it still prints.
2. WeasyPrint 70 keys embedded fonts by family, weight and style, so two @font-face rules splitting one
   family by unicode-range (as Sarabun is vendored) embed one file for both and print Latin text with
   Thai glyphs while the text layer still reads correctly. The Thai and Latin faces therefore get
   families of their own.
"""
import copy
import hashlib
import html as html_entities
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

THAI_FAMILY = "PortalThai"
LATIN_FAMILY = "PortalLatin"
SARA_AA, NIKHAHIT = 0x0E32, 0x0E4D
TONE_MARKS = (0x0E48, 0x0E49, 0x0E4A, 0x0E4B)
AM_SUFFIX = ".am"
# Changing how the Thai faces are derived must change their file names, or old files would be reused.
RECIPE_VERSION = "2"
# Text that is never drawn, so needs no glyph: controls, zero-width and other format characters.
_UNDRAWN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


class MissingGlyph(ValueError):
    """The text holds characters that the PDF faces cannot draw."""

    def __init__(self, characters: list[str]):
        self.characters = characters
        listed = ", ".join(f"“{c}” (U+{ord(c):04X})" for c in characters)
        super().__init__(_("The PDF fonts have no glyph for %(characters)s.") % {"characters": listed})


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    path: Path
    characters: frozenset[int]


def _sarabun(script: str, weight: int) -> Path:
    return settings.BASE_DIR / "static" / "vendor" / "sarabun" / f"sarabun-{script}-{weight}-normal.woff2"


def _font_dir() -> Path:
    folder = settings.VAR_DIR / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:  # a read-only checkout in a container
        folder = Path(tempfile.gettempdir()) / "portal-fonts"
        folder.mkdir(exist_ok=True)
        return folder


def _coverage(glyphs: list[str]) -> otTables.Coverage:
    coverage = otTables.Coverage()
    coverage.glyphs = glyphs
    return coverage


def _chain_rule(backtrack: list[list[str]], target: str, lookup_index: int) -> otTables.ChainContextSubst:
    rule = otTables.ChainContextSubst()
    rule.Format = 3
    rule.BacktrackCoverage = [_coverage(glyphs) for glyphs in backtrack]
    rule.BacktrackGlyphCount = len(backtrack)
    rule.InputCoverage = [_coverage([target])]
    rule.InputGlyphCount = 1
    rule.LookAheadCoverage = []
    rule.LookAheadGlyphCount = 0
    record = otTables.SubstLookupRecord()
    record.SequenceIndex, record.LookupListIndex = 0, lookup_index
    rule.SubstLookupRecord = [record]
    rule.SubstCount = 1
    return rule


def _lookup(lookup_type: int, subtables: list) -> otTables.Lookup:
    lookup = otTables.Lookup()
    lookup.LookupType, lookup.LookupFlag = lookup_type, 0
    lookup.SubTable, lookup.SubTableCount = subtables, len(subtables)
    return lookup


def derive_thai_face(source: Path, target: Path, family: str) -> None:
    """Write a copy of a Thai font in which the SARA AA of a decomposed ำ is a glyph of its own, one per
    preceding tone mark (see the module's note)."""
    font = TTFont(source)
    cmap = font.getBestCmap()
    aa, nikhahit = cmap[SARA_AA], cmap[NIKHAHIT]
    variants = {None: aa + AM_SUFFIX, **{cmap[tone]: f"{aa}{AM_SUFFIX}.{tone:04X}" for tone in TONE_MARKS}}

    order = font.getGlyphOrder() + list(variants.values())
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    for glyph in variants.values():
        font["glyf"].glyphs[glyph] = copy.deepcopy(font["glyf"][aa])
        font["hmtx"].metrics[glyph] = font["hmtx"].metrics[aa]
    font["maxp"].numGlyphs = len(order)

    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    # The new rules run first, on the glyphs as HarfBuzz decomposed them (nikhahit, tone mark?, sara aa),
    # before the font's own rules fuse nikhahit and tone mark; so every existing lookup index moves up one.
    for record in gsub.FeatureList.FeatureRecord:
        record.Feature.LookupListIndex = [index + 1 for index in record.Feature.LookupListIndex]
    for lookup in lookups:
        for subtable in lookup.SubTable:
            for substitution in getattr(subtable, "SubstLookupRecord", None) or []:
                substitution.LookupListIndex += 1
    rules = []
    for tone, glyph in variants.items():
        single = otTables.SingleSubst()
        single.mapping = {aa: glyph}
        lookups.append(_lookup(1, [single]))
        backtrack = [[nikhahit]] if tone is None else [[tone], [nikhahit]]
        rules.append(_chain_rule(backtrack, aa, len(lookups)))  # its index once the chain is inserted at 0
    lookups.insert(0, _lookup(6, rules))
    gsub.LookupList.LookupCount = len(lookups)
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex.insert(0, 0)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)

    for name in font["name"].names:
        if name.nameID in (1, 4, 6, 16):  # family, full and PostScript names
            name.string = family
    font.flavor = None
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(partial)
    os.replace(partial, target)  # several workers may build it at once; each sees a whole file


@lru_cache(maxsize=1)
def faces() -> tuple[Face, ...]:
    """The four faces the PDFs are set in, the Thai ones derived on first use."""
    built = []
    for weight in (400, 700):
        source = _sarabun("thai", weight)
        digest = hashlib.sha256(source.read_bytes() + RECIPE_VERSION.encode()).hexdigest()[:12]
        target = _font_dir() / f"portal-thai-{weight}-{digest}.ttf"
        if not target.exists():
            derive_thai_face(source, target, THAI_FAMILY)
        for family, path in ((THAI_FAMILY, target), (LATIN_FAMILY, _sarabun("latin", weight))):
            built.append(Face(family, weight, path, frozenset(TTFont(path).getBestCmap())))
    return tuple(built)


def font_faces_css() -> str:
    """@font-face rules for the PDF templates (given to them as `font_faces_css`); set text in
    `font-family: PortalThai, PortalLatin`."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; font-style: normal; '
        f'src: url("{face.path.as_uri()}"); }}'
        for face in faces()
    )


class _TextCollector(HTMLParser):
    """The text a browser would draw: everything outside <style>, <script> and <title>."""

    SKIPPED = {"style", "script", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def drawn_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    return "".join(collector.parts)


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """Characters the faces draw in both weights."""
    regular = frozenset().union(*(face.characters for face in faces() if face.weight == 400))
    bold = frozenset().union(*(face.characters for face in faces() if face.weight == 700))
    return regular & bold


def characters_without_glyph(text: str) -> list[str]:
    """Every character of the text that neither the Thai nor the Latin face can draw, in order of appearance."""
    return [
        character for character in dict.fromkeys(text)
        if ord(character) not in _drawable()
        and unicodedata.category(character) not in _UNDRAWN_CATEGORIES and character not in "\n\r\t"
    ]


def undrawable_characters(html: str) -> list[str]:
    """The characters of a page's drawn text that the faces cannot draw."""
    # Nearly every page's characters, markup and styles included, are all drawable: one pass over the set of
    # them settles it. Only when some are not is the page parsed to see whether they are drawn text at all.
    if not characters_without_glyph("".join(set(html_entities.unescape(html)))):
        return []
    return characters_without_glyph(drawn_text(html))

