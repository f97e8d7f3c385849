"""Field types as classes: each one checks a YAML value, gives its JSON Schema and its search text.

In the manner of MkDocs' ``config_options``: one class per type, with its own validation. A ``Field``
declaration names an instance (``FieldType.TEXT``); ``content.fields.FieldChecker`` hands every value to
its type's ``check``, ``schema`` asks it for a fragment, ``search.docs`` for the words a reader searches.
The lists (``TextList`` ...) and mappings (``Object`` ...) are in ``fieldlists``.

A type reports through the ``Checker`` it is given (the file, its problems, the resolver), so this
module needs nothing above the model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from asn_portal.model.fieldbase import Checker, Field, FieldKind, ObjectSchema, TitleOf, describe_value
from asn_portal.model.hints import suggest
from asn_portal.model.loader import InvalidDate, Node

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)  # file names, references, redirect_from, module keys, entry links
URL_PATTERN = r"^https?://[^\s/]+\S*$"
MATERIAL_PATH_PATTERN = r"^materials/\S+$"
JSON_TYPES = ("string", "number", "boolean", "array", "object", "null")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Markdown written in a field: link targets and markup characters are not words a reader searches.
_MD_TARGET = re.compile(r"\]\([^)]*\)|<[^>]*>|^\s*\[[^\]]+\]:.*$", re.MULTILINE)

def is_web_url(text: str) -> bool:
    """Written as a web address (http:// or https://); whether it is a usable one is web_url_problem's."""
    return bool(re.match(r"^\s*https?://", text, re.IGNORECASE))


class Text(FieldKind):
    name, words = "text", "teks"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> str | None:
        if not isinstance(node.value, str) or isinstance(node.value, InvalidDate):
            if node.is_map or node.is_seq:
                self.mistyped(c, node, field, path, f"tulis satu teks, misalnya {field.name}: \"...\".")
                return None
            self.mistyped(c, node, field, path, f"beri tanda kutip: {field.name}: \"{node.raw}\".")
            return None
        if not node.value.strip():
            if field.required and field.name == "title":
                c.error(node, f"'{field.name}' tidak boleh kosong. Tulis judulnya.", path)
                return None
            c.warn(node, f"'{field.name}' kosong.", path)
        hidden_characters(c, node, field, path)
        return node.value

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if field.required and field.name == "title":
            out["minLength"] = 1
        return out

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield str(value)


# Characters a reader does not see but that change what is shown: bidi overrides, embeddings and isolates
# (U+202E turns "exe.fdp" into what reads as "pdf.exe"), and controls but tab and line ends (U+000B is
# what Word writes for Shift+Enter; XML forbids it).
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hidden_characters(c: Checker, node: Node, field: Field, path: str) -> None:
    """Warn, at its line, about each character of ``HIDDEN`` in a text value, with its code point."""
    text = str(node.value)
    block = 1 if node.style in ("|", ">") else 0  # a block scalar's text starts below its indicator
    for m in HIDDEN.finditer(text):
        line = node.line + block + text.count("\n", 0, m.start())
        code = ord(m.group(0))
        what = hidden_name(code)
        spot = Node(node.value, line, node.col if line == node.line else 1, line)
        c.warn(spot, f"'{field.name}' memuat {what} U+{code:04X} yang tidak terlihat tetapi mengubah tampilan "
                     "teks (judul, tab peramban, ZIM). Hapus karakter itu (sering terbawa dari Word atau salinan "
                     "web).", path)


def hidden_name(code: int) -> str:
    return "pengatur arah teks (bidi)" if code >= 0x202A else "karakter kontrol"


class Markdown(Text):
    name, words = "markdown", "teks (Markdown)"

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield _MD_TARGET.sub(" ", str(value))


class Integer(FieldKind):
    name, words, example = "int", "bilangan bulat", "1"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> int | None:
        v = node.value
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            # JSON Schema counts 12.0 as an integer, so the contract allows it; ask for 12 politely.
            c.warn(node, f"'{field.name}' sebaiknya ditulis tanpa desimal: {field.name}: {int(v)}.", path)
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            example = node.raw.strip().strip("'\"")
            if isinstance(v, float):
                hint = f"tidak boleh pecahan; bulatkan, misalnya {field.name}: {max(1, round(v))}."
            elif isinstance(v, str) and example.isdigit():
                hint = f"hapus tanda kutip: {field.name}: {int(example)}."
            else:
                hint = f"tulis angka bulat, misalnya {field.name}: 12."
            self.mistyped(c, node, field, path, hint)
            return None
        return self.in_range(c, node, field, path, v)

    def in_range(self, c: Checker, node: Node, field: Field, path: str, v: int) -> int | None:
        return v

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "integer"}


class PositiveInteger(Integer):
    name, words, example = "posint", "bilangan bulat lebih dari 0", "12"

    def in_range(self, c: Checker, node: Node, field: Field, path: str, v: int) -> int | None:
        if v <= 0:
            c.error(node, f"'{field.name}' harus lebih dari 0, bukan {v}. Tulis bilangan bulat positif, "
                          f"misalnya {field.name}: {abs(v) or 1}.", path)
            return None
        return v

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "integer", "exclusiveMinimum": 0}


class Boolean(FieldKind):
    name, words, example = "bool", "true atau false", "true"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> bool | None:
        if isinstance(node.value, bool):
            return node.value
        self.mistyped(c, node, field, path, "tulis true atau false (tanpa tanda kutip).")
        return None

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "boolean"}


class Date(FieldKind):
    name, words, example = "date", "tanggal TTTT-BB-HH", "2026-11-27"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> dt.date | None:
        v = node.value
        if isinstance(v, dt.datetime):
            c.error(node, f"'{field.name}' cukup berisi tanggal tanpa jam. Tulis: {field.name}: "
                          f"{v.date().isoformat()}", path)
            return None
        if isinstance(v, dt.date):
            return v
        text = str(v) if isinstance(v, (str, InvalidDate)) else ""
        if _DATE.match(text.strip()):
            try:
                return dt.date.fromisoformat(text.strip())
            except ValueError:
                c.error(node, f"tanggal '{text}' tidak ada di kalender. Periksa bulan (01-12) dan hari; "
                              "contoh: 2026-11-27.", path)
                return None
        c.error(node, f"'{field.name}' harus berupa tanggal TTTT-BB-HH, misalnya 2026-11-27, "
                      f"bukan {describe_value(node)}.", path)
        return None

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        # An editor reads YAML 1.2, where 2026-11-27 is a string; a YAML 1.1 loader (PyYAML) hands a
        # validator a date object, which is no JSON type at all: accept both forms.
        return {"anyOf": [{"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                          {"not": {"type": list(JSON_TYPES)}}]}


class Choice(FieldKind):
    name, words = "choice", "salah satu pilihan"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> str | None:
        if isinstance(node.value, str) and node.value in field.choices:
            return node.value
        shown = describe_value(node)
        hint = suggest(str(node.value), field.choices) if isinstance(node.value, str) else ""
        if isinstance(node.value, str) and ("," in node.value or "/" in node.value):
            hint = " Hanya satu nilai yang boleh ditulis; pilih yang paling utama."
        elif isinstance(node.value, str) and node.value.strip().lower() in field.synonyms:
            hint = f" Mungkin maksudnya '{field.synonyms[node.value.strip().lower()]}'?"
        c.error(node, f"nilai {shown} tidak dikenal untuk '{field.name}'.{hint} "
                      f"Pilih salah satu: {', '.join(field.choices)}.", path)
        return None

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"enum": list(field.choices)}

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield str(value)


class Url(FieldKind):
    name, words = "url", "URL"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> str | None:
        if isinstance(node.value, str) and is_web_url(node.value):
            problem = c.web_url_problem(node.value.strip())
            if problem is None:
                return node.value.strip()
            c.error(node, problem, path)
            return None
        c.error(node, f"'{field.name}' harus berupa URL lengkap yang diawali https:// atau http://, "
                      f"bukan {describe_value(node)}.", path)
        return None

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "string", "pattern": URL_PATTERN}
