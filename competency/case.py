"""1EdTech CASE 1.1 export and import of one unit revision, lossless for the portal's own fields.

The package is valid against 1EdTech's CASE 1.1 CFPackage JSON Schema, which closes every class to the fields it
names: what CASE has no field for (the unit's code, English texts, the printed order) travels in the `extensions`
object the schema opens on the document, each item and each association, under one key of this portal's."""
import datetime
import uuid
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from .models import Element, PerformanceCriterion, Unit, UnitStatement

CASE_VERSION = "1.1"
# One namespaced key, so our fields cannot collide with another system's extensions.
EXTENSION = "dg_portal"
ELEMENT_TYPE = "Element"
CRITERION_TYPE = "Performance Criterion"
# CASE item types are identifiers other systems match on, so they are never translated.
STATEMENT_TYPES: dict[str, str] = {
    UnitStatement.Section.PREREQUISITE: "Prerequisite Skill and Knowledge",
    UnitStatement.Section.SKILL: "Required Skill",
    UnitStatement.Section.KNOWLEDGE: "Required Knowledge",
    UnitStatement.Section.PERFORMANCE_EVIDENCE: "Performance Evidence",
    UnitStatement.Section.KNOWLEDGE_EVIDENCE: "Knowledge Evidence",
    UnitStatement.Section.ASSESSMENT_GUIDANCE: "Assessment Guidance",
    UnitStatement.Section.RANGE: "Range Statement",
    UnitStatement.Section.RANGE_GUIDANCE: "Range Statement Guidance",
    UnitStatement.Section.RANGE_DETAIL: "Range Statement Detail",
}
SECTION_BY_TYPE = {title: section for section, title in STATEMENT_TYPES.items()}
ADOPTION_STATUS = {
    Unit.State.DRAFT: "Draft",
    Unit.State.PUBLISHED: "Adopted",
    Unit.State.SUPERSEDED: "Deprecated",
}
STATE_BY_ADOPTION_STATUS = {status: state for state, status in ADOPTION_STATUS.items()} | {
    "Private Draft": Unit.State.DRAFT,
}
# Item types are shared by every unit, so their identifiers hang off a fixed namespace.
ITEM_TYPE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:dg-portal:case:item-type")

# Where each model field lives in CASE: a top-level key, or "extensions.dg_portal.<name>".
_EXT = f"extensions.{EXTENSION}."
# The package's CFDocument has no humanCodingScheme (an item has one, the document may not), so the unit's code is
# an extension like the rest.
UNIT_EXTENSION_FIELDS = (
    "code", "title_en", "description_en", "family_th", "family_en", "document_status_th", "document_status_en",
    "sector_th", "sector_en", "regulation_th", "regulation_en", "occupation_codes", "other_occupations",
    "qualification_level", "shared_units", "shared_industries", "assessment_method_th",
    "assessment_method_en", "revision_number", "revision_year_be", "published_at",
)
UNIT_FIELDS = {"title_th": "title", "description_th": "description"} | {
    name: _EXT + name for name in UNIT_EXTENSION_FIELDS
}
ELEMENT_FIELDS = {
    "code": "humanCodingScheme", "title_th": "fullStatement",
    "title_en": _EXT + "title_en", "order": _EXT + "order",
}
CRITERION_FIELDS = {
    "code": "humanCodingScheme", "text_th": "fullStatement", "text_en": _EXT + "text_en",
    "system_id": _EXT + "system_id", "order": _EXT + "order",
}
STATEMENT_FIELDS = {"text_th": "fullStatement", "text_en": _EXT + "text_en", "order": _EXT + "order"}

M = TypeVar("M", bound=models.Model)


def _timestamp(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _link(title: str, identifier: uuid.UUID | str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": str(identifier), "uri": uri}


def _association_identifier(origin: str, destination: str) -> str:
    # Derived from the endpoints so that exporting an imported unit reproduces the same identifiers.
    return str(uuid.uuid5(uuid.UUID(origin), destination))


def case_document(unit: Unit, *, base_uri: str) -> dict[str, Any]:
    """The unit as a CASE 1.1 CFPackage: the document, its items, their isChildOf tree and item types."""
    document_uri = f"{base_uri.rstrip('/')}/{unit.code}/case.json"
    identifier = str(unit.case_identifier)
    changed = _timestamp(unit.last_changed_at)
    document_link = _link(unit.title_th, identifier, document_uri)
    item_types = {
        title: {
            "identifier": str(uuid.uuid5(ITEM_TYPE_NAMESPACE, title)),
            "uri": f"{document_uri}#item-type-{code}",
            "title": title,
            "description": title,
            "hierarchyCode": hierarchy,
            "typeCode": code,
            "lastChangeDateTime": changed,
        }
        for title, code, hierarchy in [
            (ELEMENT_TYPE, "element", "1"),
            (CRITERION_TYPE, "performance_criterion", "1.1"),
            *((title, section, "2") for section, title in STATEMENT_TYPES.items()),
        ]
    }

    document: dict[str, Any] = {
        "identifier": identifier,
        "uri": document_uri,
        "caseVersion": CASE_VERSION,
        "creator": getattr(settings, "CASE_CREATOR", "DG-EJJM-026 Portal"),
        "title": unit.title_th,
        "lastChangeDateTime": changed,
        "description": unit.description_th,
        "language": "th",
        "version": f"{unit.revision_number}/{unit.revision_year_be}",
        "adoptionStatus": ADOPTION_STATUS[unit.state],
        "extensions": {
            EXTENSION: {name: getattr(unit, name) for name in UNIT_EXTENSION_FIELDS}
            | {
                "published_at": _timestamp(unit.published_at),
                "previous_revision": (
                    str(unit.previous_revision.case_identifier) if unit.previous_revision_id else None
                ),
            }
        },
    }
    if unit.published_at:
        document["statusStartDate"] = timezone.localdate(unit.published_at).isoformat()

    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []

    def add(item_type: str, item_identifier: uuid.UUID, statement: str, code: str, order: int,
            extensions: dict[str, Any], parent: dict[str, str]) -> dict[str, str]:
        uri = f"{document_uri}#{item_identifier}"
        item = {
            "identifier": str(item_identifier),
            "uri": uri,
            "CFItemType": item_type,
            "CFItemTypeURI": _link(item_type, item_types[item_type]["identifier"], item_types[item_type]["uri"]),
            "fullStatement": statement,
            **({"humanCodingScheme": code} if code else {}),
            "language": "th",
            "lastChangeDateTime": changed,
            "extensions": {EXTENSION: extensions | {"order": order}},
        }
        items.append(item)
        link = _link(code or statement, item_identifier, uri)
        association_identifier = _association_identifier(link["identifier"], parent["identifier"])
        associations.append({
            "identifier": association_identifier,
            "uri": f"{document_uri}#{association_identifier}",
            "associationType": "isChildOf",
            "sequenceNumber": order,
            "originNodeURI": link,
            "destinationNodeURI": parent,
            "lastChangeDateTime": changed,
        })
        return link

    # Sorted in Python, not with order_by(), so a prefetch done by the caller is reused.
    elements = sorted(unit.elements.all(), key=lambda e: (e.order, e.code, str(e.case_identifier)))
    element_links = {
        element.pk: add(ELEMENT_TYPE, element.case_identifier, element.title_th, element.code, element.order,
                        {"title_en": element.title_en}, document_link)
        for element in elements
    }
    for element in elements:
        for criterion in sorted(element.criteria.all(), key=lambda c: (c.order, c.code, str(c.case_identifier))):
            add(CRITERION_TYPE, criterion.case_identifier, criterion.text_th, criterion.code, criterion.order,
                {"text_en": criterion.text_en, "system_id": criterion.system_id}, element_links[element.pk])
    sections = list(STATEMENT_TYPES)
    for statement in sorted(
        unit.statements.all(), key=lambda s: (sections.index(s.section), s.order, str(s.case_identifier))
    ):
        add(STATEMENT_TYPES[statement.section], statement.case_identifier, statement.text_th, "",
            statement.order, {"section": statement.section, "text_en": statement.text_en}, document_link)

    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {"CFItemTypes": list(item_types.values())},
    }


class CaseImportError(Exception):
    """A CASE package the portal refused; `errors` says what is wrong and where, one line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _lookup(source: dict[str, Any], path: str) -> Any:
    value: Any = source
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _identifier(source: Any, where: str, errors: list[str]) -> uuid.UUID | None:
    if not isinstance(source, dict):
        errors.append(_("%(where)s: expected an object") % {"where": where})
        return None
    value = source.get("identifier")
    if value in (None, ""):
        errors.append(_("%(where)s: identifier is missing") % {"where": where})
    elif (identifier := _as_uuid(value)) is None:
        errors.append(_("%(where)s: identifier “%(value)s” is not a UUID") % {"where": where, "value": value})
    else:
        return identifier
    return None


def _build(model: type[M], source: dict[str, Any], fields: dict[str, str], where: str,
           errors: list[str], **extra: Any) -> M:
    """An unsaved instance from CASE values, each problem reported under its CASE path."""
    values: dict[str, Any] = {}
    failed: set[str] = set()
    for name, path in fields.items():
        field = model._meta.get_field(name)
        value = _lookup(source, path)
        if value in (None, ""):
            if not field.blank:
                errors.append(_("%(where)s: %(path)s is missing") % {"where": where, "path": path})
                failed.add(name)
            continue
        if isinstance(field, (models.CharField, models.TextField)) and not isinstance(value, str):
            errors.append(_("%(where)s: %(path)s must be text") % {"where": where, "path": path})
            failed.add(name)
            continue
        values[name] = value
    instance = model(**values, **extra)
    try:
        # Uniqueness is checked once for the whole file by the caller, against the file and the database.
        instance.full_clean(
            exclude=failed | {"unit", "element", "previous_revision", "case_identifier"},
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            path = fields.get(name, name) if name != NON_FIELD_ERRORS else ""
            errors.extend(f"{where}: {path}: {message}" if path else f"{where}: {message}" for message in messages)
    return instance


def _duplicates(found: list[tuple[str, Any]], label: str, errors: list[str]) -> None:
    first_seen: dict[Any, str] = {}
    for where, value in found:
        if value in first_seen:
            errors.append(
                _("%(where)s: %(label)s “%(value)s” is already used by %(other)s")
                % {"where": where, "label": label, "value": value, "other": first_seen[value]}
            )
        else:
            first_seen[value] = where


@transaction.atomic
def case_import(document: dict[str, Any]) -> Unit:
    """Create a unit revision from a CASE package exported by this portal, or write nothing at all."""
    errors: list[str] = []
    if not isinstance(document, dict):
        raise CaseImportError([_("The file is not a CASE package: expected a JSON object.")])

    cf_document = document.get("CFDocument")
    unit: Unit | None = None
    changed: datetime.datetime | None = None
    identifiers: list[tuple[str, Any]] = []
    if not isinstance(cf_document, dict):
        errors.append(_("CFDocument is missing: the file is not a CASE package."))
    else:
        where = "CFDocument"
        # adoptionStatus is optional in CASE; without one the unit arrives as a draft, which nothing depends on.
        status = cf_document.get("adoptionStatus") or ADOPTION_STATUS[Unit.State.DRAFT]
        state = STATE_BY_ADOPTION_STATUS.get(status) if isinstance(status, str) else None
        if state is None:
            errors.append(
                _("CFDocument: adoptionStatus “%(value)s” is not one of %(allowed)s")
                % {"value": status, "allowed": ", ".join(STATE_BY_ADOPTION_STATUS)}
            )
        unit = _build(Unit, cf_document, UNIT_FIELDS, where, errors, state=state or Unit.State.DRAFT)
        unit.case_identifier = _identifier(cf_document, where, errors)
        identifiers.append((where, unit.case_identifier))
        try:
            changed = parse_datetime(str(cf_document.get("lastChangeDateTime") or ""))
        except ValueError:  # well formed but impossible, e.g. month 13
            changed = None
        if changed is None or timezone.is_naive(changed):
            errors.append(
                _("CFDocument: lastChangeDateTime is missing or is not an ISO 8601 date and time with a zone")
            )
        previous = _lookup(cf_document, _EXT + "previous_revision")
        # A previous revision is linked only when this portal holds it; a fresh portal imports without one.
        previous_id = _as_uuid(previous) if previous else None
        unit.previous_revision = Unit.objects.filter(case_identifier=previous_id).first() if previous_id else None

    cf_items = document.get("CFItems", [])
    if not isinstance(cf_items, list):
        errors.append(_("CFItems must be a list"))
        cf_items = []
    elements: dict[uuid.UUID, tuple[str, Element]] = {}
    criteria: list[tuple[str, PerformanceCriterion]] = []
    statements: list[tuple[str, UnitStatement]] = []
    for index, item in enumerate(cf_items):
        where = f"CFItems[{index}]"
        if not isinstance(item, dict):
            errors.append(_("%(where)s: expected an object") % {"where": where})
            continue
        item_type = item.get("CFItemType")
        identifier = _identifier(item, where, errors)
        identifiers.append((where, identifier))
        if item_type == ELEMENT_TYPE:
            element = _build(Element, item, ELEMENT_FIELDS, where, errors, case_identifier=identifier)
            if identifier:
                elements[identifier] = (where, element)
        elif item_type == CRITERION_TYPE:
            criterion = _build(
                PerformanceCriterion, item, CRITERION_FIELDS, where, errors, case_identifier=identifier
            )
            criteria.append((where, criterion))
        elif isinstance(item_type, str) and item_type in SECTION_BY_TYPE:
            statements.append((where, _build(UnitStatement, item, STATEMENT_FIELDS, where, errors,
                                             section=SECTION_BY_TYPE[item_type], case_identifier=identifier)))
        else:
            errors.append(
                _("%(where)s: CFItemType “%(value)s” is not one of %(allowed)s")
                % {"where": where, "value": item_type,
                   "allowed": ", ".join([ELEMENT_TYPE, CRITERION_TYPE, *SECTION_BY_TYPE])}
            )

    # A criterion's element is only stated by its isChildOf association, CASE's way of expressing the tree.
    parents: dict[uuid.UUID, list[Any]] = {}
    cf_associations = document.get("CFAssociations", [])
    if not isinstance(cf_associations, list):
        errors.append(_("CFAssociations must be a list"))
        cf_associations = []
    for index, association in enumerate(cf_associations):
        where = f"CFAssociations[{index}]"
        if not isinstance(association, dict):
            errors.append(_("%(where)s: expected an object") % {"where": where})
        elif association.get("associationType") == "isChildOf":
            origin = _identifier(association.get("originNodeURI") or {}, f"{where}.originNodeURI", errors)
            destination = association.get("destinationNodeURI") or {}
            if not isinstance(destination, dict):
                errors.append(_("%(where)s: expected an object") % {"where": f"{where}.destinationNodeURI"})
            elif origin:
                parents.setdefault(origin, []).append(destination.get("identifier"))

    for where, criterion in criteria:
        found = parents.get(criterion.case_identifier, [])
        if len(found) != 1:
            errors.append(
                _("%(where)s (%(code)s): needs exactly one isChildOf association to its element, found %(count)d")
                % {"where": where, "code": criterion.code, "count": len(found)}
            )
        elif _as_uuid(found[0]) not in elements:
            errors.append(
                _("%(where)s (%(code)s): its parent element “%(parent)s” is not an Element in CFItems")
                % {"where": where, "code": criterion.code, "parent": found[0]}
            )
        else:
            # Assigned before the element is saved: Django copies its primary key in when the criterion is saved.
            criterion.element = elements[_as_uuid(found[0])][1]

    _duplicates([(w, i) for w, i in identifiers if i], _("identifier"), errors)
    _duplicates([(w, e.code) for w, e in elements.values() if e.code], _("element code"), errors)
    _duplicates([(w, c.code) for w, c in criteria if c.code], _("criterion code"), errors)
    _duplicates([(w, c.system_id) for w, c in criteria if c.system_id is not None], _("system ID"), errors)
    # One line per kind of record: re-importing a whole package would otherwise give one line per item.
    for model in (Unit, Element, PerformanceCriterion, UnitStatement):
        taken = set(model.objects.filter(case_identifier__in=[i for _w, i in identifiers if i])
                    .values_list("case_identifier", flat=True))
        if clashes := [w for w, i in identifiers if i in taken]:
            errors.append(
                _("%(where)s: identifiers already used by %(model)s in the portal")
                % {"where": ", ".join(clashes), "model": model._meta.verbose_name_plural}
            )
    if unit is not None and unit.code and isinstance(unit.revision_number, int):
        if Unit.objects.filter(code=unit.code, revision_number=unit.revision_number).exists():
            errors.append(
                _("CFDocument: %(code)s revision %(number)s already exists in the portal; "
                  "a revision is never overwritten, so create a new one instead")
                % {"code": unit.code, "number": unit.revision_number}
            )
        if unit.state == Unit.State.DRAFT and Unit.objects.filter(code=unit.code, state=Unit.State.DRAFT).exists():
            errors.append(_("CFDocument: a draft revision of %(code)s already exists") % {"code": unit.code})

    if errors or unit is None:
        raise CaseImportError(errors)

    unit.save()
    update_change_reason(unit, "Imported from CASE")
    for _where, element in elements.values():
        element.unit = unit
        element.save()
    for _where, criterion in criteria:
        criterion.unit = unit
        criterion.save()
    for _where, statement in statements:
        statement.unit = unit
        statement.save()
    # last_changed_at is auto_now, so save() would stamp the import time instead of the document's.
    Unit.objects.filter(pk=unit.pk).update(last_changed_at=changed)
    unit.refresh_from_db()
    return unit

