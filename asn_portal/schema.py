"""JSON Schema (draft 2020-12) for every registered kind, generated from the field declarations.

The same declarations drive ``fields.FieldChecker``, so editor squiggles and ``asn-portal check``
agree; each field's type gives its own fragment. ``slugs`` turns references into enums of the slugs
that exist now. ``catalog.schema.json`` describes the site's ``catalog.json`` (render/readers.py, from
the same registry: each kind's ``CATALOG_FIELDS``); the site publishes the same text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from asn_portal.model.fieldtypes import JSON_TYPES, MATERIAL_PATH_PATTERN, URL_PATTERN
from asn_portal.model.registry import KINDS, Field, KindSpec
from asn_portal.render.readers import CATALOG_SCHEMA_FILE, catalog_schema_text

__all__ = ["DRAFT", "JSON_TYPES", "MATERIAL_PATH_PATTERN", "URL_PATTERN", "kind_schema", "render", "write_schemas"]
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(spec: KindSpec) -> str:
    return f"{spec.name}.schema.json"


def kind_schema(spec: KindSpec, slugs: dict[str, list[str]] | None = None) -> dict[str, Any]:
    schema = {
        "$schema": DRAFT,
        "$id": f"https://asn-portal.invalid/schemas/{schema_name(spec)}",
        "title": f"{spec.label} (content/{spec.folder}/<slug>.yml)",
        "description": f"Satu entri {spec.label.lower()} portal pembelajaran ASN. Nama berkas adalah slug-nya.",
        **_object(spec.fields, slugs),
    }
    return schema


def _object(fields: tuple[Field, ...], slugs: dict[str, list[str]] | None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _field(f, slugs) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _field(spec: Field, slugs: dict[str, list[str]] | None) -> dict[str, Any]:
    out = spec.type.schema(spec, slugs, lambda fields: _object(fields, slugs))
    if spec.min_items:
        out["minItems"] = spec.min_items
    if spec.max_items:
        out["maxItems"] = spec.max_items
    out["description"] = spec.help
    return out


def render(spec: KindSpec, slugs: dict[str, list[str]] | None = None) -> str:
    return json.dumps(kind_schema(spec, slugs), ensure_ascii=False, indent=2) + "\n"


def write_schemas(target: Path, slugs: dict[str, list[str]] | None = None) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in KINDS.values():
        path = target / schema_name(spec)
        path.write_text(render(spec, slugs), encoding="utf-8")
        written.append(path)
    if slugs is None:  # the catalog's schema has no slugs: written once, beside the kinds' schemas
        path = target / CATALOG_SCHEMA_FILE.rsplit("/", 1)[-1]
        path.write_text(catalog_schema_text(), encoding="utf-8")
        written.append(path)
    return written
