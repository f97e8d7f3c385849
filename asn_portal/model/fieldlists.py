"""The field types that hold more than one value: lists (each item checked by ``item``) and mappings
made into their model (``Object``, ``ObjectList``). The single values are in ``fieldtypes``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from asn_portal.model.fieldbase import Checker, Field, FieldKind, ObjectSchema, TitleOf, describe_value
from asn_portal.model.fieldtypes import MATERIAL_PATH_PATTERN, SLUG, SLUG_PATTERN, URL_PATTERN, hidden_characters
from asn_portal.model.hints import slugify
from asn_portal.model.loader import REJECTED, InvalidDate, Node
from asn_portal.model.values import Material


class ListKind(FieldKind):
    """A YAML list; ``min_items`` and ``max_items`` are checked here, each item by ``item``."""

    def check(self, c: Checker, node: Node, field: Field, path: str) -> tuple[Any, ...] | None:
        if not node.is_seq:
            example = f"[{node.raw}]" if node.raw else "[...]"
            c.error(node, f"'{field.name}' harus berupa daftar, bukan {describe_value(node)}. "
                          f"Tulis {field.name}: {example} atau satu butir per baris diawali '- '.", path)
            return None
        if len(node.value) < field.min_items:
            c.error(node, f"'{field.name}' harus berisi minimal {field.min_items} butir. Tambahkan butirnya, "
                          "satu per baris diawali '- '.", path, at_key=True)
        if field.max_items and len(node.value) > field.max_items:
            extra = node.value[field.max_items]
            c.error(extra, f"'{field.name}' paling banyak berisi {field.max_items} butir, bukan "
                           f"{len(node.value)}. Hapus butir mulai dari sini.", f"{path}.{field.max_items}")
        items = []
        for i, item in enumerate(node.value):
            if item.value is REJECTED:
                continue
            value = self.item(c, item, field, f"{path}.{i}")
            if value is not None:
                items.append(value)
        return tuple(items)

    def item(self, c: Checker, node: Node, field: Field, path: str) -> Any:
        raise NotImplementedError

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "array", "items": self.item_schema(field, slugs, obj)}

    def item_schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        raise NotImplementedError


class TextList(ListKind):
    name, words, example = "text_list", "daftar teks", "[...]"

    def item(self, c: Checker, node: Node, field: Field, path: str) -> str | None:
        if isinstance(node.value, str) and not isinstance(node.value, InvalidDate):
            hidden_characters(c, node, field, path)
            return node.value
        text = node.raw
        if node.is_map and len(node.value) == 1:  # "- Tujuan: ..." became a mapping at ": "
            key, value = next(iter(node.value.items()))
            text = f"{key}: {value.raw}"
        c.error(node, f"butir '{field.name}' harus berupa teks, bukan {describe_value(node)}; "
                      f"beri tanda kutip: - \"{text}\".", path)
        return None

    def item_schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "string"}

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield from (str(v) for v in value)


class SlugList(ListKind):
    """Slugs not checked against entries (``redirect_from``)."""

    name, words = "slug_list", "daftar slug"

    def item(self, c: Checker, node: Node, field: Field, path: str) -> str | None:
        if isinstance(node.value, str) and SLUG.match(node.value):
            return node.value
        hint = ""
        if isinstance(node.value, str) and node.value.strip():
            hint = f" Tulis nama berkasnya tanpa .yml, misalnya {slugify(node.value.strip().removesuffix('.yml'))}."
        c.error(node, f"butir '{field.name}' harus berupa slug (huruf kecil, angka dan '-'), "
                      f"bukan {describe_value(node)}.{hint}", path)
        return None

    def item_schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG_PATTERN}


class Refs(SlugList):
    """Slugs of entries of the kind ``Field.ref`` names; a schema given the slugs that exist lists them."""

    name, example = "refs", "[slug]"

    def item_schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        if slugs is not None:
            return {"enum": slugs.get(field.ref, [])}
        return super().item_schema(field, slugs, obj)

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield from (t for t in (title_of(field.ref, str(slug)) for slug in value) if t)

    def refs(self, value: Any, field: Field) -> Iterator[tuple[str, str]]:
        yield from ((field.ref, slug) for slug in value)


class Materials(ListKind):
    """Files under materials/ and web addresses; the checker's resolver decides each."""

    name, words = "materials", "daftar materi"

    def item(self, c: Checker, node: Node, field: Field, path: str) -> Material | None:
        return c.material(node, path)

    def item_schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
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

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield from (m.title for m in value if isinstance(getattr(m, "title", None), str))

    def materials(self, value: Any, field: Field) -> Iterator[Material]:
        yield from value or ()


class Object(FieldKind):
    """A nested mapping made into its model (``Field.model``); the field's own rule checks it across
    its fields."""

    name, words = "object", "pemetaan (kunci: nilai)"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> Any:
        values = c.mapping(node, field.fields, path)
        if values is None or field.rule is None or not node.is_map:
            return _make(field, values)
        broken = False
        for name, index, message in field.rule(values):
            child = node.value.get(name, node)
            if index is not None and child.is_seq and index < len(child.value):
                child = child.value[index]
            where = f"{path}.{name}" + (f".{index}" if index is not None else "")
            c.error(child, message, where)
            broken = True
        return None if broken else _make(field, values)

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return obj(field.fields)

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield from nested_text(value, field, title_of)

    def materials(self, value: Any, field: Field) -> Iterator[Material]:
        if value is not None:
            yield from materials_in(value, field.fields)


class ObjectList(ListKind):
    name, words = "object_list", "daftar pemetaan"

    def item(self, c: Checker, node: Node, field: Field, path: str) -> Any:
        return OBJECT.check(c, node, field, path)

    def item_schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return obj(field.fields)

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        for element in value:
            yield from nested_text(element, field, title_of)

    def materials(self, value: Any, field: Field) -> Iterator[Material]:
        for item in value or ():
            yield from materials_in(item, field.fields)


OBJECT = Object()


def field_text(value: object, declared: tuple[Field, ...], title_of: TitleOf) -> Iterator[str]:
    """What search indexes of a value's fields (an entry's, a module's): titles and keys are left out."""
    for field in declared:
        item = getattr(value, field.name, None)
        if item is None or field.name in ("title", "key"):
            continue
        yield from field.type.search_text(item, field, title_of)


def nested_text(item: object, field: Field, title_of: TitleOf) -> Iterator[str]:
    title = getattr(item, "title", None)
    if isinstance(title, str):
        yield title
    yield from field_text(item, field.fields, title_of)


def materials_in(value: object, declared: tuple[Field, ...]) -> Iterator[Material]:
    """Every material in a value's fields, nested ones (a course's modules) included."""
    for field in declared:
        yield from field.type.materials(getattr(value, field.name, None), field)


def _make(field: Field, values: dict[str, Any] | None) -> Any:
    """Nested model object, or None when a required field was missing (already reported)."""
    if values is None or any(f.required and f.name not in values for f in field.fields):
        return None
    assert field.model is not None, f"field {field.name} declares no model"
    return field.model(**values)
