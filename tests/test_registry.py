"""The kind registry drives everything: a fourth kind is one KindSpec plus its templates.

Also: the entry dataclasses and the Field declarations agree, and no module outside the registry
names a kind literally.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, ProjectBuilder
from htmlview import load

from asn_portal.cli import main
from asn_portal.model import registry as models
from asn_portal.model.registry import KINDS, Entry, Field, FieldType, KindSpec, model_fields, register

PACKAGE = ROOT / "asn_portal"


@dataclass(kw_only=True)
class Webinar(Entry):
    KIND = "webinar"
    date: object
    speaker: str
    body: str | None = None

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


@pytest.fixture
def webinar(tmp_path: Path) -> Iterator[KindSpec]:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "webinar.md.j2").write_text(PAGE_TEMPLATE, encoding="utf-8")
    (templates / "new_webinar.yml").write_text(NEW_TEMPLATE, encoding="utf-8")
    spec = KindSpec("webinar", "webinars", "webinar", "Webinar", "Webinar", "Jadwal Webinar", Webinar, (
        Field("title", FieldType.TEXT, "Judul webinar.", required=True),
        Field("summary", FieldType.TEXT, "Ringkasan.", required=True),
        Field("date", FieldType.DATE, "Tanggal.", required=True),
        Field("speaker", FieldType.TEXT, "Narasumber.", required=True),
        Field("body", FieldType.MARKDOWN, "Uraian."),
        Field("tags", FieldType.TEXT_LIST, "Tag."),
        Field("draft", FieldType.BOOL, "Draf."),
        Field("redirect_from", FieldType.SLUG_LIST, "Slug lama."),
    ), nav_order=4, template_dir=str(templates))
    unregister = register(spec)
    try:
        yield spec
    finally:
        unregister()


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
    assert tabs[-3:] == ["Webinar", "Rencana Belajar", "Kontributor"]
    article = load(site / "artikel" / "artikel-webinar" / "index.html")
    assert any(a.get("href") == "../../webinar/literasi-data/" for a in article.find_all("a"))
    from test_search import shard_docs

    assert shard_docs(site)["webinar/literasi-data/"][2] == "Webinar · Rina Wulandari"

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


def test_the_kind_is_gone_again_after_the_test() -> None:
    assert set(KINDS) == {"factor", "course", "article"}
    assert "webinar" not in models.LINK_PREFIXES


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
ALLOWED = {("sanitize.py", "article")}  # the HTML tag <article>


def kind_literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in KIND_WORDS:
            yield node.lineno, node.value
        elif isinstance(node, ast.Attribute) and node.attr in KIND_WORDS:
            yield node.lineno, f".{node.attr}"


def test_no_module_outside_the_registry_names_a_kind() -> None:
    found = [f"{path.name}:{line}: {word}" for path in sorted(PACKAGE.glob("*.py")) if path.name != "models.py"
             for line, word in kind_literals(path) if (path.name, word) not in ALLOWED]
    assert found == []


def test_the_scan_would_see_a_kind_name() -> None:
    """The check above can fail: a module that names a kind is caught."""
    sample = PACKAGE.parent / "tests" / "data" / "names_a_kind.py"
    sample.write_text('KIND = "course"\n\ndef f(c):\n    return c.courses\n', encoding="utf-8")
    try:
        assert [word for _, word in kind_literals(sample)] == ["course", ".courses"]
    finally:
        sample.unlink()
