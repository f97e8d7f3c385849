"""The kind registry drives everything: a fourth kind is one KindSpec plus its templates.

Also: the entry dataclasses and the Field declarations agree, registering is clean (duplicates refused,
the registry restored after a test), and no module or template outside ``asn_portal/kinds/`` names a
kind literally.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import jinja2
import pytest
from conftest import ROOT, ProjectBuilder
from htmlview import load

from asn_portal.cli import main
from asn_portal.content.fields import FieldChecker
from asn_portal.model import registry as models
from asn_portal.model.fieldlists import field_text
from asn_portal.model.fieldtypes import Checker, FieldKind, ObjectSchema, TitleOf
from asn_portal.model.loader import Node, parse
from asn_portal.model.problems import ProblemList
from asn_portal.model.registry import KINDS, Entry, Field, FieldType, KindSpec, model_fields, register, registered
from asn_portal.schema import kind_schema
from asn_portal.trust.resolver import Resolver

PACKAGE = ROOT / "asn_portal"


@dataclass(kw_only=True)
class Webinar(Entry):
    KIND = "webinar"
    date: object
    speaker: str
    body: str | None = None
    courses: tuple[str, ...] = ()

    def sort_key(self) -> tuple[object, ...]:
        return (str(self.date), self.slug)

    def facts(self) -> str:
        return f"{self.spec.label} · {self.speaker}"


PAGE_TEMPLATE = """\
{{ h(1, entry.title) }}

<p class="asn-summary">{{ entry.summary }}</p>
<p class="asn-speaker">Narasumber: {{ entry.speaker }} · {{ entry.date | date_id }}</p>

{% if entry.body %}
<div class="asn-prose">
{{ md(entry.body) }}
</div>
{% endif %}
"""

NEW_TEMPLATE = """\
# Webinar baru: isi setiap kolom.
title: {title}
summary: "Ringkasan satu atau dua kalimat."
date: {date}
speaker: "Nama narasumber"
"""


def webinar_spec(template_dir: Path, name: str = "webinar") -> KindSpec:
    """A throwaway kind; it links a course with ``courses`` (a REFS field, like an article's)."""
    course = next((k for k in KINDS.values() if k.plannable), None)
    refs = (Field("courses", FieldType.REFS, "Kursus terkait.", ref=course.name),) if course else ()
    return KindSpec(name, f"{name}s", name, "Webinar", "Webinar", "Jadwal Webinar", Webinar, (
        Field("title", FieldType.TEXT, "Judul webinar.", required=True),
        Field("summary", FieldType.TEXT, "Ringkasan.", required=True),
        Field("date", FieldType.DATE, "Tanggal.", required=True),
        Field("speaker", FieldType.TEXT, "Narasumber.", required=True),
        Field("body", FieldType.MARKDOWN, "Uraian."),
        *refs,
        *models.COMMON_FIELDS,
    ), nav_order=4, template_dir=str(template_dir))


@pytest.fixture
def webinar(tmp_path: Path) -> Iterator[KindSpec]:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "webinar.md.j2").write_text(PAGE_TEMPLATE, encoding="utf-8")
    (templates / "new_webinar.yml").write_text(NEW_TEMPLATE, encoding="utf-8")
    with registered(webinar_spec(templates)) as spec:
        yield spec


def test_a_fourth_kind_is_one_registry_entry_and_its_templates(webinar: KindSpec, project: ProjectBuilder,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    project.write("content/webinars/literasi-data.yml", """\
        title: Literasi Data untuk Pengawas
        summary: Membaca dasbor kinerja bersama tim.
        date: 2026-12-03
        speaker: Rina Wulandari
        body: |
          Lanjutan dari [kursus satu](kursus:kursus-satu).
        """)
    project.article("artikel-webinar", extra="factors: [alpha]\n")
    text = (project.root / "content/articles/artikel-webinar.yml").read_text(encoding="utf-8")
    project.write("content/articles/artikel-webinar.yml",
                  text.replace("Isi artikel", "Lihat [webinar](webinar:literasi-data). Isi artikel"))
    site = project.build()

    page = load(site / "webinar" / "literasi-data" / "index.html")
    assert "Narasumber: Rina Wulandari · 3 Desember 2026" in page.text
    index = load(site / "webinar" / "index.html")
    assert "Jadwal Webinar" in index.text and "Literasi Data untuk Pengawas" in index.text
    tabs = [a.text.strip() for a in load(site / "index.html").find_all("a", cls="md-tabs__link")]
    assert tabs[-4:] == ["Webinar", "Rencana Belajar", "Kontributor", "Rekap Kepegawaian"]
    article = load(site / "artikel" / "artikel-webinar" / "index.html")
    assert any(a.get("href") == "../../webinar/literasi-data/" for a in article.find_all("a"))
    from test_search import shard_docs

    assert shard_docs(site)["webinar/literasi-data/"][2] == "Webinar · Rina Wulandari"

    # the entries it links show it: the course's page (a section for a kind its template does not name)
    course = load(site / "kursus" / "kursus-satu" / "index.html")
    assert "Webinar terkait" in [h.text.strip() for h in course.find_all("h2")]
    assert any(a.get("href") == "../../webinar/literasi-data/" for a in course.find_all("a"))
    # and the home overview: its count in the stat line, its section with the entry
    home = load(site / "index.html")
    assert "1 webinar" in home.find("p", cls="asn-stat").text
    assert "Jadwal Webinar" in [h.text.strip() for h in home.find_all("h2")]
    assert any(a.get("href") == "webinar/literasi-data/" for a in home.find_all("a"))

    # the contributor tooling knows it too: new, schema, check
    root = str(project.root / "mkdocs.yml")
    assert main(["-f", root, "new", "webinar", "ngobrol-kinerja", "--title", "Ngobrol Kinerja"]) == 0
    assert (project.root / "content" / "webinars" / "ngobrol-kinerja.yml").is_file()
    assert main(["-f", root, "schema", "-o", str(project.root / "skema")]) == 0
    schema = json.loads((project.root / "skema" / "webinar.schema.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["title", "summary", "date", "speaker"]
    project.write("content/webinars/rusak.yml", "title: Rusak\nsummary: x\ndate: 2026-12-03\nspeaker: A\nmode: x\n")
    assert main(["-f", root, "check"]) == 1
    assert "content/webinars/rusak.yml:5:1: kunci 'mode' tidak dikenal" in capsys.readouterr().err


def test_registering_is_clean_and_refuses_a_duplicate(tmp_path: Path) -> None:
    before, prefixes = dict(KINDS), dict(models.LINK_PREFIXES)
    with registered(webinar_spec(tmp_path)) as spec:
        assert KINDS["webinar"] is spec and models.LINK_PREFIXES["webinar"] == "webinar"
        with pytest.raises(ValueError, match="kind 'webinar': name, folder, url_dir already used"):
            register(webinar_spec(tmp_path))
        assert KINDS["webinar"] is spec  # not silently replaced
    assert before == KINDS and prefixes == models.LINK_PREFIXES
    for other in before.values():  # a new name with an existing kind's folder or link prefix
        clash = webinar_spec(tmp_path, name=other.url_dir)
        with pytest.raises(ValueError, match=f"already used by kind '{other.name}'"):
            register(clash)
    assert before == KINDS


def test_the_kinds_come_with_the_package_and_their_templates_from_their_folders() -> None:
    kinds_dir = PACKAGE / "kinds"
    assert KINDS, "asn_portal.kinds registers the kinds when asn_portal is imported"
    for spec in KINDS.values():
        folder = kinds_dir / spec.name
        assert spec.template_dir == str(folder)
        for name in (spec.page_template, spec.new_template, spec.card_template):
            assert (folder / name).is_file(), name


class Email(FieldKind):
    """A throwaway field type: one class with its own check, schema fragment and search text."""

    name, words, example = "email", "alamat surel", "nama@instansi.go.id"

    def check(self, c: Checker, node: Node, field: Field, path: str) -> str | None:
        if isinstance(node.value, str) and "@" in node.value:
            return node.value
        self.mistyped(c, node, field, path, f"tulis misalnya {field.name}: {self.example}.")
        return None

    def schema(self, field: Field, slugs: dict[str, list[str]] | None, obj: ObjectSchema) -> dict[str, Any]:
        return {"type": "string", "format": "email"}

    def search_text(self, value: Any, field: Field, title_of: TitleOf) -> Iterator[str]:
        yield str(value).split("@")[0]


def test_a_field_type_is_one_class_with_its_check_schema_and_search_text(tmp_path: Path) -> None:
    contact = Field("contact", Email(), "Surel narasumber.", required=True)
    spec = replace(webinar_spec(tmp_path), fields=(*webinar_spec(tmp_path).fields, contact))
    problems = ProblemList()
    tree = parse("contact: 12\n", "x.yml", problems)
    assert tree is not None
    assert FieldChecker("x.yml", problems, cast(Resolver, None)).mapping(tree, (contact,)) == {}
    assert [p.message for p in problems.items] == [
        "'contact' harus berupa alamat surel, bukan '12'; tulis misalnya contact: nama@instansi.go.id."]
    properties = kind_schema(spec)["properties"]
    assert properties["contact"] == {"type": "string", "format": "email", "description": "Surel narasumber."}
    assert list(field_text(SimpleNamespace(contact="rina@bkn.go.id"), (contact,), lambda k, s: None)) == ["rina"]


@pytest.mark.parametrize("spec", list(KINDS.values()), ids=list(KINDS))
def test_entry_classes_and_field_declarations_agree(spec: KindSpec) -> None:
    """"One declaration of every field" holds: the dataclass has exactly the declared fields, and a field is
    required in one exactly when it is in the other (no fake defaults such as jp=0)."""
    assert model_fields(spec.entry_class) == {f.name: f.required for f in spec.fields}
    for field in spec.fields:
        if field.type in (FieldType.OBJECT, FieldType.OBJECT_LIST):
            assert field.model is not None, field.name
            assert model_fields(field.model) == {f.name: f.required for f in field.fields}, field.name


def test_entry_classes_have_no_default_for_required_fields() -> None:
    with pytest.raises(TypeError):
        KINDS["course"].entry_class(slug="x", source="x.yml", title="t", summary="s")  # no jp, level...


# -- no kind is named outside the registry ---------------------------------------------------------------

KIND_WORDS = {word for spec in KINDS.values() for word in (spec.name, spec.folder, spec.url_dir)}
# Places where the word means something else.
ALLOWED = {("sanitize.py", "article"), ("clean.py", "article")}  # the HTML tag <article>


def kind_literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in KIND_WORDS:
            yield node.lineno, node.value
        elif isinstance(node, ast.Attribute) and node.attr in KIND_WORDS:
            yield node.lineno, f".{node.attr}"


def template_literals(path: Path) -> Iterator[tuple[int, str]]:
    """Names and strings in a template's Jinja code that name a kind: ``"course"``, ``e.courses``,
    ``page_href('kursus/index.md')``. Text outside the tags is prose for readers and is not read."""
    env = jinja2.Environment()
    for line, token, value in env.lex(path.read_text(encoding="utf-8")):
        words = {value} if token == "name" else set(re.split(r"[^a-z]+", value)) if token == "string" else set()
        if words & KIND_WORDS:
            yield line, value


def outside_kinds(pattern: str) -> list[Path]:
    return sorted(p for p in PACKAGE.rglob(pattern) if "kinds" not in p.relative_to(PACKAGE).parts)


def test_no_module_outside_the_registry_names_a_kind() -> None:
    """Kind knowledge lives in ``asn_portal/kinds/<kind>/``: no other module or template names one."""
    found = [f"{path.relative_to(PACKAGE)}:{line}: {word}" for path in outside_kinds("*.py")
             for line, word in kind_literals(path) if (path.name, word) not in ALLOWED]
    found += [f"{path.relative_to(PACKAGE)}:{line}: {word}" for path in outside_kinds("*.j2")
              for line, word in template_literals(path)]
    assert found == []


def test_the_scan_would_see_a_kind_name(tmp_path: Path) -> None:
    """The check above can fail: a module or a template that names a kind is caught."""
    sample = tmp_path / "names_a_kind.py"
    sample.write_text('KIND = "course"\n\ndef f(c):\n    return c.courses\n', encoding="utf-8")
    assert [word for _, word in kind_literals(sample)] == ["course", ".courses"]
    template = tmp_path / "names_a_kind.j2"
    template.write_text("<p>Semua kursus</p>{{ catalog.sorted(\"course\") }} {{ e.factors }}\n"
                        "<a href=\"{{ page_href('kursus/index.md') }}\">kursus</a>\n", encoding="utf-8")
    assert [word for _, word in template_literals(template)] == ['"course"', "factors", "'kursus/index.md'"]
