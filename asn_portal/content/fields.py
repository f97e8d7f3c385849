"""Check one located YAML mapping against the field declarations in ``models``.

Returns plain Python values ready for the model classes; every problem names the line a person
would point at and says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Any

from asn_portal.model.hints import closest, slugify, suggest
from asn_portal.model.loader import REJECTED, InvalidDate, Node
from asn_portal.model.problems import ProblemList
from asn_portal.model.registry import SLUG, Field, FieldType, Material
from asn_portal.trust.resolver import Refusal, Resolver, web_url_problem

__all__ = ["FieldChecker", "closest", "describe_value", "is_web_url", "slugify", "suggest"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Words people write for an enum value, in Indonesian and English.
SYNONYMS = {
    "mode": {"online": "daring", "e-learning": "daring", "elearning": "daring", "virtual": "daring",
             "offline": "luring", "tatap muka": "luring", "klasikal": "luring", "hybrid": "campuran",
             "blended": "campuran", "hibrida": "campuran", "self-paced": "mandiri", "belajar mandiri": "mandiri"},
    "level": {"pemula": "dasar", "basic": "dasar", "intermediate": "menengah", "madya": "menengah",
              "advanced": "lanjut", "mahir": "lanjut", "lanjutan": "lanjut"},
    "competency": {"technical": "teknis", "managerial": "manajerial", "sosial kultural": "sosial-kultural",
                   "sosiokultural": "sosial-kultural", "sosial": "sosial-kultural"},
}






def describe_value(node: Node) -> str:
    if node.value is REJECTED:
        return "nilai bertag"
    if node.is_map:
        return "pemetaan"
    if node.is_seq:
        return "daftar"
    if node.value is None:
        return "kosong"
    return repr(node.raw) if node.raw else repr(node.value)


class FieldChecker:
    """Validates values of one file. ``resolver`` decides local materials."""

    def __init__(self, rel: str, problems: ProblemList, resolver: Resolver) -> None:
        self.rel = rel
        self.problems = problems
        self.resolver = resolver

    # -- reporting ---------------------------------------------------------------------------
    def error(self, node: Node, message: str, path: str, at_key: bool = False) -> None:
        line, col = (node.key_line, node.key_col) if at_key and node.key_line else (node.line, node.col)
        self.problems.error(self.rel, line, col, message, path)

    def warn(self, node: Node, message: str, path: str) -> None:
        self.problems.warning(self.rel, node.line, node.col, message, path)

    # -- mappings ----------------------------------------------------------------------------
    def mapping(self, node: Node, fields: tuple[Field, ...], path: str = "") -> dict[str, Any] | None:
        if node.value is REJECTED:
            return None  # the forbidden tag is already reported
        if not node.is_map:
            first = next((f.name for f in fields if f.required), "")
            example = (f" Tulis: {path.rsplit('.', 1)[-1]}: {{{first}: {node.raw}}}"
                       if path and first and node.raw and not node.is_seq else "")
            self.error(node, f"{path or 'berkas'} harus berupa pemetaan 'kunci: nilai', "
                             f"bukan {describe_value(node)}.{example}", path)
            return None
        names = [f.name for f in fields]
        values: dict[str, Any] = {}
        misspelt = set()  # required keys written with a typo: the unknown-key error already says so
        for key, child in node.value.items():
            if key not in names:
                self.error(child, f"kunci '{key}' tidak dikenal.{suggest(key, names)} "
                                  f"Kunci yang boleh: {', '.join(names)}.", _join(path, key), at_key=True)
                misspelt.add(closest(key, names))
        for spec in fields:
            child = node.value.get(spec.name)
            where = _join(path, spec.name)
            if child is not None and child.value is REJECTED:
                continue
            if child is None or child.value is None:
                if not spec.required or (child is None and spec.name in misspelt):
                    continue  # optional, or written with a typo that the unknown-key error names
                if child is None:
                    # A missing key is pointed at the mapping that lacks it (its key line when nested).
                    line = node.key_line or node.line
                    self.problems.error(self.rel, line, None, f"kolom wajib '{spec.name}' belum ada. Tambahkan "
                                                              f"'{spec.name}: {_example(spec)}' ({spec.help})", where)
                else:
                    self.error(child, f"kolom wajib '{spec.name}' kosong. Isi nilainya: '{spec.name}: ...' "
                                      f"({spec.help})", where, at_key=True)
                continue
            value = self.value(child, spec, where)
            if value is not None:
                values[spec.name] = value
        return values

    # -- single values -----------------------------------------------------------------------
    def value(self, node: Node, spec: Field, path: str) -> Any:
        t = spec.type
        if t in (FieldType.TEXT, FieldType.MARKDOWN):
            return self.text(node, spec, path)
        if t in (FieldType.INT, FieldType.POSINT):
            return self.integer(node, spec, path)
        if t is FieldType.BOOL:
            if isinstance(node.value, bool):
                return node.value
            self._mistyped(node, spec, path, "tulis true atau false (tanpa tanda kutip).")
            return None
        if t is FieldType.DATE:
            return self.date(node, spec, path)
        if t is FieldType.CHOICE:
            return self.choice(node, spec, path)
        if t is FieldType.URL:
            return self.url(node, spec, path)
        if t is FieldType.OBJECT:
            return self.object(node, spec, path)
        return self.sequence(node, spec, path)

    def _mistyped(self, node: Node, spec: Field, path: str, hint: str) -> None:
        """Report a value of the wrong type."""
        self.error(node, f"'{spec.name}' harus berupa {spec.type.words}, bukan {describe_value(node)}; {hint}",
                   path)

    def text(self, node: Node, spec: Field, path: str) -> str | None:
        if not isinstance(node.value, str) or isinstance(node.value, InvalidDate):
            if node.is_map or node.is_seq:
                self._mistyped(node, spec, path, f"tulis satu teks, misalnya {spec.name}: \"...\".")
                return None
            self._mistyped(node, spec, path, f"beri tanda kutip: {spec.name}: \"{node.raw}\".")
            return None
        if not node.value.strip():
            if spec.required and spec.name == "title":
                self.error(node, f"'{spec.name}' tidak boleh kosong. Tulis judulnya.", path)
                return None
            self.warn(node, f"'{spec.name}' kosong.", path)
        return node.value

    def integer(self, node: Node, spec: Field, path: str) -> int | None:
        v = node.value
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            # JSON Schema counts 12.0 as an integer, so the contract allows it; ask for 12 politely.
            self.warn(node, f"'{spec.name}' sebaiknya ditulis tanpa desimal: {spec.name}: {int(v)}.", path)
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            example = node.raw.strip().strip("'\"")
            if isinstance(v, float):
                hint = f"tidak boleh pecahan; bulatkan, misalnya {spec.name}: {max(1, round(v))}."
            elif isinstance(v, str) and example.isdigit():
                hint = f"hapus tanda kutip: {spec.name}: {int(example)}."
            else:
                hint = f"tulis angka bulat, misalnya {spec.name}: 12."
            self._mistyped(node, spec, path, hint)
            return None
        if spec.type is FieldType.POSINT and v <= 0:
            self.error(node, f"'{spec.name}' harus lebih dari 0, bukan {v}. Tulis bilangan bulat positif, "
                             f"misalnya {spec.name}: {abs(v) or 1}.", path)
            return None
        return v

    def date(self, node: Node, spec: Field, path: str) -> dt.date | None:
        v = node.value
        if isinstance(v, dt.datetime):
            self.error(node, f"'{spec.name}' cukup berisi tanggal tanpa jam. Tulis: {spec.name}: "
                             f"{v.date().isoformat()}", path)
            return None
        if isinstance(v, dt.date):
            return v
        text = str(v) if isinstance(v, (str, InvalidDate)) else ""
        if _DATE.match(text.strip()):
            try:
                return dt.date.fromisoformat(text.strip())
            except ValueError:
                self.error(node, f"tanggal '{text}' tidak ada di kalender. Periksa bulan (01-12) dan hari; "
                                 "contoh: 2026-11-27.", path)
                return None
        self.error(node, f"'{spec.name}' harus berupa tanggal TTTT-BB-HH, misalnya 2026-11-27, "
                         f"bukan {describe_value(node)}.", path)
        return None

    def choice(self, node: Node, spec: Field, path: str) -> str | None:
        if isinstance(node.value, str) and node.value in spec.choices:
            return node.value
        shown = describe_value(node)
        hint = suggest(str(node.value), spec.choices) if isinstance(node.value, str) else ""
        if isinstance(node.value, str) and ("," in node.value or "/" in node.value):
            hint = " Hanya satu nilai yang boleh ditulis; pilih yang paling utama."
        elif isinstance(node.value, str) and node.value.strip().lower() in SYNONYMS.get(spec.name, {}):
            hint = f" Mungkin maksudnya '{SYNONYMS[spec.name][node.value.strip().lower()]}'?"
        self.error(node, f"nilai {shown} tidak dikenal untuk '{spec.name}'.{hint} "
                         f"Pilih salah satu: {', '.join(spec.choices)}.", path)
        return None

    def url(self, node: Node, spec: Field, path: str) -> str | None:
        if isinstance(node.value, str) and is_web_url(node.value):
            problem = web_url_problem(node.value.strip())
            if problem is None:
                return node.value.strip()
            self.error(node, problem, path)
            return None
        self.error(node, f"'{spec.name}' harus berupa URL lengkap yang diawali https:// atau http://, "
                         f"bukan {describe_value(node)}.", path)
        return None

    # -- lists -------------------------------------------------------------------------------
    def sequence(self, node: Node, spec: Field, path: str) -> tuple[Any, ...] | None:
        if not node.is_seq:
            example = f"[{node.raw}]" if node.raw else "[...]"
            self.error(node, f"'{spec.name}' harus berupa daftar, bukan {describe_value(node)}. "
                             f"Tulis {spec.name}: {example} atau satu butir per baris diawali '- '.", path)
            return None
        if len(node.value) < spec.min_items:
            self.error(node, f"'{spec.name}' harus berisi minimal {spec.min_items} butir. Tambahkan butirnya, "
                             "satu per baris diawali '- '.", path, at_key=True)
        if spec.max_items and len(node.value) > spec.max_items:
            extra = node.value[spec.max_items]
            self.error(extra, f"'{spec.name}' paling banyak berisi {spec.max_items} butir, bukan "
                              f"{len(node.value)}. Hapus butir mulai dari sini.", f"{path}.{spec.max_items}")
        items = []
        for i, item in enumerate(node.value):
            if item.value is REJECTED:
                continue
            value = self.item(item, spec, f"{path}.{i}")
            if value is not None:
                items.append(value)
        return tuple(items)

    def item(self, node: Node, spec: Field, path: str) -> Any:
        t = spec.type
        if t is FieldType.TEXT_LIST:
            if isinstance(node.value, str) and not isinstance(node.value, InvalidDate):
                return node.value
            text = node.raw
            if node.is_map and len(node.value) == 1:  # "- Tujuan: ..." became a mapping at ": "
                key, value = next(iter(node.value.items()))
                text = f"{key}: {value.raw}"
            self.error(node, f"butir '{spec.name}' harus berupa teks, bukan {describe_value(node)}; "
                             f"beri tanda kutip: - \"{text}\".", path)
            return None
        if t in (FieldType.REFS, FieldType.SLUG_LIST):
            if isinstance(node.value, str) and SLUG.match(node.value):
                return node.value
            hint = ""
            if isinstance(node.value, str) and node.value.strip():
                hint = f" Tulis nama berkasnya tanpa .yml, misalnya {slugify(node.value.strip().removesuffix('.yml'))}."
            self.error(node, f"butir '{spec.name}' harus berupa slug (huruf kecil, angka dan '-'), "
                             f"bukan {describe_value(node)}.{hint}", path)
            return None
        if t is FieldType.MATERIALS:
            return self.material(node, path)
        return self.object(node, spec, path)

    def object(self, node: Node, spec: Field, path: str) -> Any:
        """A nested mapping made into its model; the field's own rule checks it across its fields."""
        values = self.mapping(node, spec.fields, path)
        if values is None or spec.rule is None or not node.is_map:
            return _make(spec, values)
        broken = False
        for name, index, message in spec.rule(values):
            child = node.value.get(name, node)
            if index is not None and child.is_seq and index < len(child.value):
                child = child.value[index]
            where = f"{path}.{name}" + (f".{index}" if index is not None else "")
            self.error(child, message, where)
            broken = True
        return None if broken else _make(spec, values)

    # -- materials ---------------------------------------------------------------------------
    def material(self, node: Node, path: str) -> Material | None:
        if isinstance(node.value, str):
            return self.material_target(node, node.value, None, path)
        if not node.is_map:
            self.error(node, f"materi harus berupa URL, path 'materials/...', atau {{path: ..., title: ...}}, "
                             f"bukan {describe_value(node)}.", path)
            return None
        allowed = ("path", "url", "title")
        for key, child in node.value.items():
            if key not in allowed:
                self.error(child, f"kunci '{key}' tidak dikenal pada materi.{suggest(key, allowed)} "
                                  "Kunci yang boleh: path, url, title.", f"{path}.{key}", at_key=True)
        title_node = node.value.get("title")
        title = None
        if title_node is not None and title_node.value is not None and title_node.value is not REJECTED:
            title = self.text(title_node, Field("title", FieldType.TEXT, ""), f"{path}.title")
        target = [k for k in ("path", "url") if k in node.value]
        if len(target) != 1:
            self.error(node, "materi harus memiliki tepat satu dari 'path' (berkas di materials/) atau "
                             "'url' (alamat internet). Tulis misalnya {path: materials/berkas.pdf, title: Judul} "
                             "atau {url: https://..., title: Judul}.", path)
            return None
        child = node.value[target[0]]
        if child.value is REJECTED:
            return None  # the forbidden tag is already reported
        if not isinstance(child.value, str):
            self.error(child, f"'{target[0]}' materi harus berupa teks.", f"{path}.{target[0]}")
            return None
        if target[0] == "url" and not is_web_url(child.value):
            self.error(child, "'url' materi harus diawali https:// atau http://.", f"{path}.url")
            return None
        if target[0] == "path" and is_web_url(child.value):
            self.error(child, "alamat internet ditulis dengan 'url:', bukan 'path:'.", f"{path}.path")
            return None
        return self.material_target(child, child.value, title, f"{path}.{target[0]}")

    def material_target(self, node: Node, text: str, title: str | None, path: str) -> Material | None:
        text = text.strip()
        if is_web_url(text):
            problem = web_url_problem(text)
            if problem:
                self.error(node, problem, path)
                return None
            return Material(title=title or text, url=text)
        decision = self.resolver.material(text)
        if isinstance(decision, Refusal):
            self.error(node, decision.message, path)
            return None
        return Material(title=title or posixpath.basename(decision.value), path=decision.value, size=decision.size,
                        published=decision.published)


def _example(spec: Field) -> str:
    """What to write for a missing field: the choices, or a placeholder of the right shape."""
    if spec.choices:
        return " | ".join(spec.choices)
    return {FieldType.POSINT: "12", FieldType.INT: "1", FieldType.BOOL: "true", FieldType.DATE: "2026-11-27",
            FieldType.REFS: "[slug]", FieldType.TEXT_LIST: "[...]"}.get(spec.type, "...")






def _make(spec: Field, values: dict[str, Any] | None) -> Any:
    """Nested model object, or None when a required field was missing (already reported)."""
    if values is None or any(f.required and f.name not in values for f in spec.fields):
        return None
    assert spec.model is not None, f"field {spec.name} declares no model"
    return spec.model(**values)


def is_web_url(text: str) -> bool:
    """Written as a web address (http:// or https://); whether it is a usable one is web_url_problem's."""
    return bool(re.match(r"^\s*https?://", text, re.IGNORECASE))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
