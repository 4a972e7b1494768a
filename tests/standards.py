"""The official schemas of the standards the portal speaks, from ../shared/standards, as validators with no network."""
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
from django.conf import settings
from referencing import Registry, Resource

CASE_PACKAGE_SCHEMA = "case_v1p1_cfpackage-jsonschema1.json"


def standards_folder() -> Path:
    folder = Path(settings.BASE_DIR).parent / "shared" / "standards"
    assert folder.is_dir(), f"{folder} is missing: the official schemas are needed to test the exports against them"
    return folder


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
