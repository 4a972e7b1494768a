"""The official schemas of the standards the portal speaks, from ../shared/standards, as validators with no network."""
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from django.conf import settings
from lxml import etree
from referencing import Registry, Resource

CASE_PACKAGE_SCHEMA = "case_v1p1_cfpackage-jsonschema1.json"
QTI_MANIFEST_SCHEMA = "qti/qtiv3p0/imsqtiv3p0_imscpv1p2_v1p0.xsd"
# The base QTI 3.0 ASI schema is over the store's size limit; 1EdTech's SBAC profile of it stands in (the README
# of ../shared/standards shows it accepts and refuses what the base does for items without data-* attributes).
QTI_ITEM_SCHEMA = "qti/qtiv3p0/imsqti_asiv3p0_sbacv1p0_v1p0.xsd"
MATHML = "http://www.w3.org/1998/Math/MathML"
SSML = "http://www.w3.org/2001/10/synthesis"
XLINK = "http://www.w3.org/1999/xlink"
# The schemas the QTI XSDs import that are not in ../shared/standards, and the stand-ins given in their place:
# each declares only the elements the QTI schemas refer to, as open containers, so MathML and SSML content is
# not checked (the portal writes none); the xlink import declares nothing the content-package schema uses.
_STAND_INS = {
    "mathml3/mathml3.xsd": (MATHML, ["math"]),
    "ssml11/ssmlv1p1-core.xsd": (SSML, ["audio", "break", "emphasis", "mark", "p", "phoneme", "prosody", "s",
                                        "say-as", "speak", "sub", "voice"]),
    "/xsd/xlink.xsd": (XLINK, []),
}


# Where the workplace keeps the official schemas: beside the checkout (../shared/standards), or, for a clone made
# elsewhere on the same machine (as CI's may be), the workplace's own folder; STANDARDS_DIR overrides both.
_WORKPLACE_STANDARDS = Path("/work/shared/standards")


def standards_folder() -> Path:
    """The folder of official schemas and contexts the exports are checked against (never a copy of ours)."""
    candidates = [Path(os.environ["STANDARDS_DIR"])] if os.environ.get("STANDARDS_DIR") else [
        Path(settings.BASE_DIR).parent / "shared" / "standards", _WORKPLACE_STANDARDS]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise AssertionError(f"the official schemas are missing (looked in {', '.join(map(str, candidates))}): "
                         "set STANDARDS_DIR to the folder of ../shared/standards")


@lru_cache(maxsize=1)
def _case_schemas() -> dict[str, Any]:
    """Every CASE 1.1 schema by its $id, so a $ref between them resolves to the local copy."""
    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in (standards_folder() / "case").glob("*.json")]
    return {schema["$id"]: schema for schema in schemas}


def _case_package_schema() -> dict[str, Any]:
    return next(schema for uri, schema in _case_schemas().items() if uri.endswith("/" + CASE_PACKAGE_SCHEMA))


def case_package_errors(document: Any) -> list[str]:
    """What python-jsonschema finds wrong with a CFPackage, each with its place in the document."""
    registry = Registry().with_resources(
        (uri, Resource.from_contents(schema)) for uri, schema in _case_schemas().items())
    schema = _case_package_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, registry=registry, format_checker=validator_class.FORMAT_CHECKER)
    return [f"/{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def case_package_errors_rs(document: Any) -> list[str]:
    """The same check by a second, independent implementation (jsonschema-rs, in Rust), which also checks the
    date-time format python-jsonschema leaves alone without an extra package."""
    registry = jsonschema_rs.Registry(list(_case_schemas().items()))
    validator = jsonschema_rs.validator_for(_case_package_schema(), registry=registry, validate_formats=True,
                                            offline=True)
    return [f"/{'/'.join(map(str, error.instance_path))}: {error.message}" for error in validator.iter_errors(document)]


def _stand_in(namespace: str, elements: list[str]) -> str:
    open_element = ('<xs:element name="{}"><xs:complexType mixed="true"><xs:sequence><xs:any processContents="skip" '
                    'minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="skip"/>'
                    "</xs:complexType></xs:element>")
    declared = "".join(open_element.format(name) for name in elements)
    return (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{namespace}" '
            f'elementFormDefault="qualified">{declared}</xs:schema>')


class _LocalOnly(etree.Resolver):
    """Serves the stand-ins; any other import resolves to the file beside its schema (no network is ever used)."""

    def resolve(self, url, public_id, context):
        for ending, (namespace, elements) in _STAND_INS.items():
            if url.endswith(ending):
                return self.resolve_string(_stand_in(namespace, elements), context)
        assert not url.startswith(("http:", "https:")), f"a QTI schema imports {url}, which is not stored locally"
        return None


@lru_cache(maxsize=2)
def _xml_schema(relative_path: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalOnly())
    return etree.XMLSchema(etree.parse(str(standards_folder() / relative_path), parser))


def _xml_errors(schema: etree.XMLSchema, xml: bytes) -> list[str]:
    document = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def qti_manifest_errors(xml: bytes) -> list[str]:
    """What the QTI 3.0 content-package (imsmanifest.xml) schema finds wrong, line by line."""
    return _xml_errors(_xml_schema(QTI_MANIFEST_SCHEMA), xml)


def qti_item_errors(xml: bytes) -> list[str]:
    """What the QTI 3.0 assessment-item schema finds wrong, line by line."""
    return _xml_errors(_xml_schema(QTI_ITEM_SCHEMA), xml)
