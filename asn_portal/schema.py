"""JSON Schema (draft 2020-12) for the three kinds, generated from the field declarations.

The same declarations drive ``fields.FieldChecker``, so editor squiggles and ``asn-portal check``
agree. ``slugs`` turns factor and course references into enums of the slugs that exist now.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from asn_portal.model.registry import KINDS, SLUG_PATTERN, Field, FieldType, KindSpec

DRAFT = "https://json-schema.org/draft/2020-12/schema"
URL_PATTERN = r"^https?://[^\s/]+\S*$"
MATERIAL_PATH_PATTERN = r"^materials/\S+$"
JSON_TYPES = ("string", "number", "boolean", "array", "object", "null")


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
    t = spec.type
    out: dict[str, Any]
    if t in (FieldType.TEXT, FieldType.MARKDOWN):
        out = {"type": "string"}
        if spec.required and spec.name == "title":
            out["minLength"] = 1
    elif t is FieldType.INT:
        out = {"type": "integer"}
    elif t is FieldType.POSINT:
        out = {"type": "integer", "exclusiveMinimum": 0}
    elif t is FieldType.BOOL:
        out = {"type": "boolean"}
    elif t is FieldType.DATE:
        # An editor reads YAML 1.2, where 2026-11-27 is a string; a YAML 1.1 loader (PyYAML) hands a
        # validator a date object, which is no JSON type at all: accept both forms.
        out = {"anyOf": [{"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                         {"not": {"type": list(JSON_TYPES)}}]}
    elif t is FieldType.CHOICE:
        out = {"enum": list(spec.choices)}
    elif t is FieldType.URL:
        out = {"type": "string", "pattern": URL_PATTERN}
    elif t is FieldType.TEXT_LIST:
        out = {"type": "array", "items": {"type": "string"}}
    elif t in (FieldType.REFS, FieldType.SLUG_LIST):
        item: dict[str, Any] = {"type": "string", "pattern": SLUG_PATTERN}
        if t is FieldType.REFS and slugs is not None:
            item = {"enum": slugs.get(spec.ref, [])}
        out = {"type": "array", "items": item}
    elif t is FieldType.MATERIALS:
        out = {"type": "array", "items": _material()}
    elif t is FieldType.OBJECT:
        out = _object(spec.fields, slugs)
    else:  # OBJECT_LIST
        out = {"type": "array", "items": _object(spec.fields, slugs)}
    if spec.min_items:
        out["minItems"] = spec.min_items
    if spec.max_items:
        out["maxItems"] = spec.max_items
    out["description"] = spec.help
    return out


def _material() -> dict[str, Any]:
    title = {"type": "string", "description": "Judul yang ditampilkan."}
    return {"oneOf": [
        {"type": "string", "pattern": f"{URL_PATTERN}|{MATERIAL_PATH_PATTERN}",
         "description": "URL http(s) atau path berkas yang diawali materials/."},
        {"type": "object", "properties": {"path": {"type": "string", "pattern": MATERIAL_PATH_PATTERN},
                                          "title": title},
         "required": ["path"], "additionalProperties": False},
        {"type": "object", "properties": {"url": {"type": "string", "pattern": URL_PATTERN}, "title": title},
         "required": ["url"], "additionalProperties": False},
    ]}


def render(spec: KindSpec, slugs: dict[str, list[str]] | None = None) -> str:
    return json.dumps(kind_schema(spec, slugs), ensure_ascii=False, indent=2) + "\n"


def write_schemas(target: Path, slugs: dict[str, list[str]] | None = None) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in KINDS.values():
        path = target / schema_name(spec)
        path.write_text(render(spec, slugs), encoding="utf-8")
        written.append(path)
    return written
