"""Objective items as a QTI 3.0 content package: a zip of imsmanifest.xml and one qti-assessment-item per item.

The item files are plain QTI 3.0 that other tools read. What the item file has no place for travels in each
resource's metadata in the manifest, in the three vocabularies the QTI 3.0 content-package schema allows there
(and nothing of the portal's own, which that schema refuses):
- the criteria, as curriculum standards metadata: each criterion's CASE identifier (its CFItem in the unit's
  CASE package) labelled with its code;
- the status, difficulty and knowledge areas, as IEEE LOM: lifeCycle/status and educational/difficulty in the
  LOMv1.0 vocabularies, the knowledge areas as a classification of purpose "idea" whose taxa are their keys;
- which choice item is a true/false one, as LOM educational/learningResourceType in this portal's vocabulary;
- the interaction, as QTI metadata, for other tools' catalogues.
A file with a DTD is refused: QTI 3.0 uses none, and without one there are no entities to play tricks with
(external files, expansion bombs — expat alone still lets one file expand to 8 MB).
"""
import io
import lzma
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from competency.models import Unit

from .content import BankEntry, ChoiceContent, ItemContent, as_decimal
from .models import Item, ItemType
from .selectors import TagIndex, content_of, tag_index

QTI = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
QMD = "http://www.imsglobal.org/xsd/imsqti_metadata_v3p0"
CSMD = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscsmd_v1p1"
LOM = "http://ltsc.ieee.org/xsd/LOM"
LOM_VOCABULARY = "LOMv1.0"
# LOM names its vocabularies by their source: the item types are this portal's own.
ITEM_TYPE_VOCABULARY = "urn:dg-portal:exams:item-type"
KNOWLEDGE_AREA_PURPOSE = "idea"
# The LOMv1.0 words nearest to the portal's; each maps one to one, so the round trip is lossless.
LOM_STATUS = {Item.Status.DRAFT: "draft", Item.Status.APPROVED: "final", Item.Status.RETIRED: "unavailable"}
LOM_DIFFICULTY = {Item.Difficulty.EASY: "easy", Item.Difficulty.MEDIUM: "medium", Item.Difficulty.HARD: "difficult"}
STATUS_BY_LOM = {word: status for status, word in LOM_STATUS.items()}
DIFFICULTY_BY_LOM = {word: difficulty for difficulty, word in LOM_DIFFICULTY.items()}
TOOL_NAME = "DG-EJJM-026 competency portal"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ITEM_RESOURCE_TYPE = "imsqti_item_xmlv3p0"
MATCH_CORRECT = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"
MAP_RESPONSE = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"
EXPORTABLE_TYPES = (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE, ItemType.TRUE_FALSE, ItemType.SHORT_ANSWER)
TRUE_FALSE_IDS = {"TRUE": True, "FALSE": False}
MAX_FILES = 5000
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
# What zipfile raises on a damaged package: bad headers and checksums, corrupt compressed data (zlib, bz2, lzma),
# members it cannot unpack (encrypted, unknown method) and offsets or names that make no sense.
DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, NotImplementedError,
               RuntimeError)



def _q(tag: str) -> str:
    """A QTI element's name as ElementTree reads it."""
    return f"{{{QTI}}}{tag}"


# Written with plain names under an explicit xmlns on the root: ElementTree's own prefixing is global state.
def _bilingual(parent: ET.Element, tag: str, th: str, en: str) -> None:
    for lang, text in (("th", th), ("en", en)):
        if text:
            ET.SubElement(parent, tag, {XML_LANG: lang}).text = text


def _outcomes(root: ET.Element, points: Decimal) -> None:
    for identifier, default in (("SCORE", "0"), ("MAXSCORE", str(points))):
        outcome = ET.SubElement(root, "qti-outcome-declaration",
                                {"identifier": identifier, "cardinality": "single", "base-type": "float"})
        ET.SubElement(ET.SubElement(outcome, "qti-default-value"), "qti-value").text = default


def item_xml(item: Item, content: ItemContent) -> bytes:
    root = ET.Element("qti-assessment-item", {
        "xmlns": QTI, "identifier": item.code, "title": item.code, "adaptive": "false", "time-dependent": "false",
        XML_LANG: "th",
    })
    is_text = content.item_type == ItemType.SHORT_ANSWER
    cardinality = "multiple" if content.item_type == ItemType.MULTIPLE_CHOICE else "single"
    declaration = ET.SubElement(root, "qti-response-declaration", {
        "identifier": "RESPONSE", "cardinality": cardinality, "base-type": "string" if is_text else "identifier"})
    correct = ET.SubElement(declaration, "qti-correct-response")
    if content.item_type == ItemType.TRUE_FALSE:
        choices = [("TRUE", "จริง", "True", content.answer_true), ("FALSE", "เท็จ", "False", not content.answer_true)]
    else:
        choices = [(f"C{n}", c.text_th, c.text_en, c.is_correct) for n, c in enumerate(content.choices, start=1)]
    if is_text:
        ET.SubElement(correct, "qti-value").text = content.accepted_answers[0]
        mapping = ET.SubElement(declaration, "qti-mapping", {"default-value": "0"})
        for answer in content.accepted_answers:
            ET.SubElement(mapping, "qti-map-entry",
                          {"map-key": answer, "mapped-value": str(content.points), "case-sensitive": "false"})
    for identifier, _th, _en, is_correct in choices:
        if is_correct:
            ET.SubElement(correct, "qti-value").text = identifier
    _outcomes(root, content.points)
    body = ET.SubElement(root, "qti-item-body")
    if is_text:
        _bilingual(body, "p", content.stem_th, content.stem_en)
        ET.SubElement(ET.SubElement(body, "p"), "qti-text-entry-interaction", {"response-identifier": "RESPONSE"})
    else:
        max_choices = "0" if cardinality == "multiple" else "1"  # 0: no limit
        interaction = ET.SubElement(body, "qti-choice-interaction", {
            "response-identifier": "RESPONSE", "shuffle": "true", "max-choices": max_choices})
        _bilingual(ET.SubElement(interaction, "qti-prompt"), "p", content.stem_th, content.stem_en)
        for identifier, th, en, _correct in choices:
            _bilingual(ET.SubElement(interaction, "qti-simple-choice", {"identifier": identifier}), "span", th, en)
    ET.SubElement(root, "qti-response-processing", {"template": MAP_RESPONSE if is_text else MATCH_CORRECT})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _vocabulary(parent: ET.Element, tag: str, value: str, source: str = LOM_VOCABULARY) -> None:
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, "lom:source").text = source
    ET.SubElement(element, "lom:value").text = value


def _resource_metadata(resource: ET.Element, content: ItemContent, item: Item, tags: TagIndex) -> None:
    unit = item.unit
    metadata = ET.SubElement(resource, "metadata")
    qti_metadata = ET.SubElement(metadata, "qmd:qtiMetadata")
    ET.SubElement(qti_metadata, "qmd:interactionType").text = (
        "textEntryInteraction" if content.item_type == ItemType.SHORT_ANSWER else "choiceInteraction")
    ET.SubElement(qti_metadata, "qmd:toolName").text = TOOL_NAME
    if content.criterion_codes:
        standards = ET.SubElement(ET.SubElement(metadata, "csmd:curriculumStandardsMetadataSet"),
                                  "csmd:curriculumStandardsMetadata",
                                  {"providerId": f"urn:uuid:{unit.case_identifier}"})
        guids = ET.SubElement(standards, "csmd:setOfGUIDs")
        for code in content.criterion_codes:
            labelled = ET.SubElement(guids, "csmd:labelledGUID")
            ET.SubElement(labelled, "csmd:label").text = code
            ET.SubElement(labelled, "csmd:GUID").text = str(tags.criteria[code].case_identifier)
    lom = ET.SubElement(metadata, "lom:lom")
    _vocabulary(ET.SubElement(lom, "lom:lifeCycle"), "lom:status", LOM_STATUS[item.status])
    educational = ET.SubElement(lom, "lom:educational")
    _vocabulary(educational, "lom:learningResourceType", content.item_type, source=ITEM_TYPE_VOCABULARY)
    _vocabulary(educational, "lom:difficulty", LOM_DIFFICULTY[item.difficulty])
    if content.knowledge_keys:
        classification = ET.SubElement(lom, "lom:classification")
        _vocabulary(classification, "lom:purpose", KNOWLEDGE_AREA_PURPOSE)
        path = ET.SubElement(classification, "lom:taxonPath")
        ET.SubElement(ET.SubElement(path, "lom:source"), "lom:string", {"language": "en"}).text = (
            f"Knowledge areas of {unit.code}")
        for key in content.knowledge_keys:
            taxon = ET.SubElement(path, "lom:taxon")
            ET.SubElement(taxon, "lom:id").text = key
            ET.SubElement(ET.SubElement(taxon, "lom:entry"), "lom:string", {"language": "th"}).text = (
                tags.areas[key].text_th)


def export_package(items: list[Item], *, unit: Unit) -> tuple[bytes, int]:
    """The zip of the objective items (essays have no QTI scoring this portal uses), and how many it holds."""
    manifest = ET.Element("manifest", {"xmlns": CP, "xmlns:qmd": QMD, "xmlns:csmd": CSMD, "xmlns:lom": LOM,
                                       "identifier": f"MANIFEST-{unit.code}"})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "QTI Package"
    ET.SubElement(metadata, "schemaversion").text = "3.0.0"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    # Each item's criteria and knowledge areas are those of its own unit revision.
    tags: dict[int, TagIndex] = {}
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for item in items:
            content = content_of(item.current)
            if content.item_type not in EXPORTABLE_TYPES:
                continue
            href = f"items/{item.code}.xml"
            resource = ET.SubElement(resources, "resource",
                                     {"identifier": item.code, "type": ITEM_RESOURCE_TYPE, "href": href})
            if item.unit_id not in tags:
                tags[item.unit_id] = tag_index(item.unit)
            _resource_metadata(resource, content, item, tags[item.unit_id])
            ET.SubElement(resource, "file", {"href": href})
            package.writestr(href, item_xml(item, content))
            count += 1
        package.writestr("imsmanifest.xml", ET.tostring(manifest, encoding="utf-8", xml_declaration=True))
    return buffer.getvalue(), count


# --- Import -------------------------------------------------------------------------------------------------


def _texts(element: ET.Element | None, tag: str) -> tuple[str, str]:
    """Thai and English text of a prompt or choice; text with no language is taken as Thai."""
    if element is None:
        return "", ""
    parts = element.findall(_q(tag))
    if not parts:
        return "".join(element.itertext()).strip(), ""
    texts = [(p.get(XML_LANG, "th"), "".join(p.itertext()).strip()) for p in parts]
    th = " ".join(text for lang, text in texts if text and lang.startswith("th"))
    en = " ".join(text for lang, text in texts if text and lang.startswith("en"))
    return th, en


def _path(*tags: str) -> str:
    """An ElementPath of QTI elements; a tag may carry a predicate, e.g. "qti-value[@identifier='X']"."""
    return "/".join(_q(tag) for tag in tags)


@dataclass(frozen=True)
class _Metadata:
    """What a resource's metadata in the manifest says about its item; empty when it says nothing."""

    item_type: str = ""
    status: str = Item.Status.DRAFT
    difficulty: str = Item.Difficulty.MEDIUM
    criterion_codes: tuple[str, ...] = ()
    knowledge_keys: tuple[str, ...] = ()


def _texts_at(element: ET.Element, path: str) -> tuple[str, ...]:
    return tuple(e.text.strip() for e in element.iterfind(path) if e.text and e.text.strip())


def _vocabulary_value(parent: ET.Element | None, tag: str, source: str = LOM_VOCABULARY) -> str | None:
    """The value of a LOM vocabulary element in the given vocabulary (LOM's own when the source is left out)."""
    for element in parent.iterfind(f"{{{LOM}}}{tag}") if parent is not None else ():
        if (element.findtext(f"{{{LOM}}}source") or LOM_VOCABULARY).strip() == source:
            return (element.findtext(f"{{{LOM}}}value") or "").strip()
    return None


def _metadata(resource: ET.Element) -> _Metadata:
    metadata = resource.find(f"{{{CP}}}metadata")
    if metadata is None:
        return _Metadata()
    lom = metadata.find(f"{{{LOM}}}lom")
    educational = lom.find(f"{{{LOM}}}educational") if lom is not None else None
    status = _vocabulary_value(lom.find(f"{{{LOM}}}lifeCycle") if lom is not None else None, "status")
    difficulty = _vocabulary_value(educational, "difficulty")
    guid = f"{{{CSMD}}}curriculumStandardsMetadataSet/{{{CSMD}}}curriculumStandardsMetadata/{{{CSMD}}}setOfGUIDs/" \
           f"{{{CSMD}}}labelledGUID/{{{CSMD}}}label"
    areas = [
        classification for classification in (lom.iterfind(f"{{{LOM}}}classification") if lom is not None else ())
        if _vocabulary_value(classification, "purpose") == KNOWLEDGE_AREA_PURPOSE
    ]
    return _Metadata(
        item_type=_vocabulary_value(educational, "learningResourceType", ITEM_TYPE_VOCABULARY) or "",
        # A word outside the vocabulary is passed on as it is, for the import to name it as unknown.
        status=STATUS_BY_LOM.get(status, status) if status else Item.Status.DRAFT,
        difficulty=DIFFICULTY_BY_LOM.get(difficulty, difficulty) if difficulty else Item.Difficulty.MEDIUM,
        criterion_codes=_texts_at(metadata, guid),
        knowledge_keys=tuple(key for classification in areas for key in _texts_at(
            classification, f"{{{LOM}}}taxonPath/{{{LOM}}}taxon/{{{LOM}}}id")),
    )


def _item_entry(root: ET.Element, meta: _Metadata, where: str) -> BankEntry:
    errors: list[str] = []
    declared_type = meta.item_type
    declaration = root.find(_q("qti-response-declaration"))
    values = root.findall(_path("qti-response-declaration", "qti-correct-response", "qti-value"))
    correct = [value.text or "" for value in values]
    max_score = root.find(_path("qti-outcome-declaration[@identifier='MAXSCORE']", "qti-default-value", "qti-value"))
    points = as_decimal(max_score.text if max_score is not None else "1", field_label="MAXSCORE", errors=errors)
    choice_interaction = root.find(f".//{_q('qti-choice-interaction')}")
    text_interaction = root.find(f".//{_q('qti-text-entry-interaction')}")
    fields: dict = {}
    if declaration is None:
        errors.append(_("There is no qti-response-declaration."))
    if choice_interaction is not None:
        stem = _texts(choice_interaction.find(_q("qti-prompt")), "p")
        simple = choice_interaction.findall(_q("qti-simple-choice"))
        ids = [c.get("identifier", "") for c in simple]
        unknown = [c for c in correct if c not in ids]
        if unknown:
            message = _("The correct response names choices that are not there: %(ids)s.")
            errors.append(message % {"ids": ", ".join(unknown)})
        if not correct:
            errors.append(_("There is no qti-correct-response."))
        if declared_type == ItemType.TRUE_FALSE or (not declared_type and set(ids) == set(TRUE_FALSE_IDS)):
            answer_true = TRUE_FALSE_IDS.get(correct[0]) if correct else None
            fields = {"item_type": ItemType.TRUE_FALSE, "answer_true": answer_true}
        else:
            multiple = declaration is not None and declaration.get("cardinality") == "multiple"
            fields = {
                "item_type": ItemType.MULTIPLE_CHOICE if multiple else ItemType.SINGLE_CHOICE,
                "choices": tuple(ChoiceContent(*_texts(c, "span"), c.get("identifier") in correct) for c in simple),
            }
    elif text_interaction is not None:
        stem = _texts(root.find(_q("qti-item-body")), "p")
        mapped = [e.get("map-key", "") for e in root.iter(_q("qti-map-entry"))]
        fields = {"item_type": ItemType.SHORT_ANSWER, "accepted_answers": tuple(dict.fromkeys([*correct, *mapped]))}
    else:
        stem = ("", "")
        errors.append(_("Only choice and text-entry interactions can be imported."))
    identifier = root.get("identifier", "")
    return BankEntry(
        where=where,
        code=identifier,
        status=meta.status,
        difficulty=meta.difficulty,
        content=ItemContent(
            item_type=fields.pop("item_type", ""),
            stem_th=stem[0], stem_en=stem[1], points=points,
            criterion_codes=meta.criterion_codes,
            knowledge_keys=meta.knowledge_keys,
            **fields,
        ),
        errors=errors,
    )


def _read_zip(raw: bytes, errors: list[str]) -> dict[str, bytes]:
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except DAMAGED_ZIP:
        errors.append(_("The file is not a zip package (a QTI 3.0 content package is a .zip)."))
        return {}
    infos = package.infolist()
    if len(infos) > MAX_FILES or sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        errors.append(_("The package is too large to import."))
        return {}
    files = {}
    for info in infos:
        if info.is_dir():
            continue
        try:
            files[info.filename] = package.read(info)
        except DAMAGED_ZIP:
            errors.append(f"{info.filename}: " + _("the file is damaged, encrypted or packed in a way that cannot be "
                                                   "unpacked."))
    return files


class _DoctypeFound(Exception):
    pass


class _TreeBuilderWithoutDoctype(ET.TreeBuilder):
    def doctype(self, name, pubid, system):
        # Called at the start of <!DOCTYPE>, before any entity in it is declared.
        raise _DoctypeFound


def _parse_xml(data: bytes, where: str, errors: list[str]) -> ET.Element | None:
    try:
        return ET.fromstring(data, parser=ET.XMLParser(target=_TreeBuilderWithoutDoctype()))
    except _DoctypeFound:
        errors.append(f"{where}: " + _("the file declares a DTD (<!DOCTYPE>), which QTI 3.0 files do not use."))
    # An unknown or unusable encoding in the XML declaration is a LookupError or a ValueError, not a ParseError.
    except (ET.ParseError, LookupError, ValueError) as exc:
        errors.append(f"{where}: " + _("not well-formed XML (%(error)s).") % {"error": exc})
    return None


def parse(raw: bytes) -> tuple[list[BankEntry], list[str]]:
    """The entries of a QTI 3.0 package, and the errors in the package itself (per file)."""
    errors: list[str] = []
    files = _read_zip(raw, errors)
    if errors:
        return [], errors
    if "imsmanifest.xml" not in files:
        return [], [_("The package has no imsmanifest.xml.")]
    manifest = _parse_xml(files["imsmanifest.xml"], "imsmanifest.xml", errors)
    if manifest is None:
        return [], errors
    entries = []
    for resource in manifest.iter(f"{{{CP}}}resource"):
        href = resource.get("href", "")
        where = href or resource.get("identifier", "?")
        if resource.get("type") != ITEM_RESOURCE_TYPE:
            continue
        path = posixpath.normpath(href)
        if path.startswith("..") or path not in files:
            errors.append(f"{where}: " + _("the manifest names a file the package does not hold."))
            continue
        root = _parse_xml(files[path], where, errors)
        if root is None:
            continue
        if root.tag != _q("qti-assessment-item"):
            errors.append(f"{where}: " + _("the root element is not a QTI 3.0 qti-assessment-item."))
            continue
        entries.append(_item_entry(root, _metadata(resource), where))
    if not entries and not errors:
        errors.append(_("The manifest lists no QTI 3.0 items."))
    return entries, errors
