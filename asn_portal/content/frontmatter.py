"""A hand-written page's front matter, read by the core and checked against a declared schema.

The engine never reads a page's source: MkDocs and Material would take ``template``, ``location``
or any value of any type from front matter and print it raw. Here front matter is read with the
same located YAML loader as catalog files (alias and node caps, ``file:line``), and only the keys
below pass, each with its type. Both forms MkDocs reads are recognised, so a page means the same to
every reader of it: a YAML block between ``---`` lines, or MultiMarkdown ``kunci: nilai`` lines at
the very top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from asn_portal.content.fields import FieldChecker, describe_value
from asn_portal.model.loader import REJECTED, Node, parse_capped
from asn_portal.model.problems import ProblemList
from asn_portal.model.registry import Field, FieldType
from asn_portal.trust.resolver import Resolver

# What Material may hide on a page (``hide: [toc]``); nothing in the list can bring markup in.
HIDE_CHOICES = ("navigation", "toc", "footer", "path", "tags", "feedback")
FIELDS = (
    Field("title", FieldType.TEXT, "Judul halaman (teks biasa); tanpa ini judulnya heading # pertama."),
    Field("description", FieldType.TEXT, "Ringkasan satu kalimat untuk mesin pencari dan pratinjau tautan."),
    Field("tags", FieldType.TEXT_LIST, "Label halaman, misalnya [Panduan, Kontributor]."),
    Field("hide", FieldType.TEXT_LIST, f"Bagian tema yang disembunyikan: {', '.join(HIDE_CHOICES)}."),
    Field("search", FieldType.OBJECT, "Pengaturan pencarian: {exclude: true} agar halaman tidak dicari.",
          fields=(Field("exclude", FieldType.BOOL, "true: halaman tidak masuk indeks pencarian."),), model=dict),
)
# Keys that choose or feed a theme template: the reason they can never be allowed is worth saying.
_THEME_KEYS = {
    "template": "memilih templat tema (templat redirect menjalankan alamat sebagai skrip)",
    "location": "dipakai templat redirect tema sebagai alamat tujuan",
}
YAML_BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)??(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)
# MultiMarkdown meta as MkDocs reads it (mkdocs.utils.meta): "key: value" lines up to a blank line.
_MM_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MM_MORE = re.compile(r"^(?:[ ]{4}|\t)\s*(?P<value>.*)")


@dataclass(frozen=True)
class PageMeta:
    """What a page's front matter may say, as plain values (escaping is the engine adapter's job)."""

    title: str | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    search_exclude: bool = False


@dataclass(frozen=True)
class Split:
    """A page's text cut into front matter and body; ``body_line``: the file line the body starts on."""

    meta: PageMeta
    body: str
    body_line: int


def split_page(text: str, rel: str, problems: ProblemList, resolver: Resolver) -> Split:
    """Front matter and body of a page (``text`` with LF line ends). Problems are reported at their line;
    an unusable front matter gives empty meta, and the body is still read and checked."""
    block = YAML_BLOCK.match(text)
    if block:
        yaml_text = "\n" + (block.group(1) or "")  # the "---" line kept as a blank one: lines match the file
        body_line = text.count("\n", 0, block.end()) + 1
        before = len(problems.errors)
        tree = parse_capped(yaml_text, rel, problems)
        if tree is None:
            return Split(PageMeta(), text[block.end():], body_line)
        if not tree.is_map:
            if len(problems.errors) == before:
                problems.error(rel, tree.line, tree.col,
                               f"front matter (di antara baris '---') harus berupa pasangan 'kunci: nilai', bukan "
                               f"{describe_value(tree)}. Tulis misalnya 'title: Judul Halaman', atau hapus kedua "
                               "baris '---' bila maksudnya garis pemisah.")
            return Split(PageMeta(), text[block.end():], body_line)
        return Split(_checked(tree, rel, problems, resolver), text[block.end():], body_line)
    tree, body_line = _multimarkdown(text)
    if tree is None:
        return Split(PageMeta(), text, 1)
    return Split(_checked(tree, rel, problems, resolver, multimarkdown=True),
                 "\n".join(text.split("\n")[body_line - 1:]), body_line)


def _multimarkdown(text: str) -> tuple[Node | None, int]:
    """``key: value`` lines at the top (MkDocs' other front matter form) as a located mapping of strings."""
    lines = text.split("\n")
    found = Node({}, 1, 1, 1)
    key = ""
    number = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            break
        head, more = _MM_KEY.match(line), _MM_MORE.match(line)
        if head:
            key = head.group("key").lower().strip()
            value = head.group("value").strip()
            if key in found.value:
                old = found.value[key]
                old.value = f"{old.value} {value}"
            else:
                found.value[key] = Node(value, number, line.index(head.group("value")) + 1 if value else 1, number,
                                        raw=value, key_line=number, key_col=line.index(head.group("key")) + 1)
                found.keys[key] = (number, found.value[key].key_col)
        elif more and key:
            old = found.value[key]
            old.value = f"{old.value} {more.group('value').strip()}"
        else:
            number -= 1  # this line is the body's first
            break
    else:
        number = len(lines)
    if not found.value:
        return None, 1
    return found, number + 1


def _checked(tree: Node, rel: str, problems: ProblemList, resolver: Resolver, multimarkdown: bool = False) -> PageMeta:
    kept: dict[str, Node] = {}
    for key, child in tree.value.items():
        if key in _THEME_KEYS:
            problems.error(rel, child.key_line or child.line, child.key_col or None,
                           f"kunci '{key}' tidak boleh ada di halaman: kunci ini {_THEME_KEYS[key]}. Tampilan halaman "
                           "ditentukan portal; hapus baris ini.")
        else:
            kept[key] = child
    if multimarkdown and any(key not in {f.name for f in FIELDS} for key in kept):
        first = next(child for key, child in kept.items() if key not in {f.name for f in FIELDS})
        problems.error(rel, first.key_line, None, "baris teratas halaman terbaca sebagai metadata 'kunci: nilai'. "
                                                  "Bila ini teks biasa, tulis judul '# ...' atau satu baris kosong "
                                                  "di atasnya; bila metadata, pakai blok '---' dengan kunci title, "
                                                  "description, tags, hide atau search.")
        return PageMeta()
    node = Node(kept, tree.line, tree.col, tree.end_line, keys={k: tree.keys.get(k, (0, 0)) for k in kept})
    values = FieldChecker(rel, problems, resolver).mapping(node, FIELDS) or {}
    hide = _hide(kept.get("hide"), rel, problems)
    search: dict[str, Any] = values.get("search") or {}
    title = values.get("title")
    return PageMeta(title=title.strip() if isinstance(title, str) and title.strip() else None,
                    description=values.get("description") or "", tags=tuple(values.get("tags", ())),
                    hide=hide, search_exclude=bool(search.get("exclude", False)))


def _hide(node: Node | None, rel: str, problems: ProblemList) -> tuple[str, ...]:
    if node is None or not node.is_seq:
        return ()
    kept = []
    for item in node.value:
        if item.value is REJECTED or not isinstance(item.value, str):
            continue  # already reported as not text
        if item.value in HIDE_CHOICES:
            kept.append(item.value)
        else:
            problems.error(rel, item.line, item.col, f"nilai '{item.value}' tidak dikenal untuk 'hide'. Pilih dari: "
                                                     f"{', '.join(HIDE_CHOICES)}.")
    return tuple(kept)
