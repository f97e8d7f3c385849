"""Contributors through Git: templates, schemas, edit links, history, drafts, redirects, credit."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, ProjectBuilder
from htmlview import load, resolve

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.model.registry import KINDS
from asn_portal.reference import field_reference
from asn_portal.schema import kind_schema, render

REPO = "https://github.com/contoh-bkpsdm/portal-asn"


def cli(root: Path, *args: str) -> int:
    return main(["-f", str(root / "mkdocs.yml"), *args])


def with_repo(root: Path) -> None:
    """Set the repository as the sample mkdocs.yml explains: repo_url only, edit_uri is derived."""
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    text = text.replace("# repo_url: https://github.com/NAMA-ORGANISASI/asn-portal", f"repo_url: {REPO}")
    assert f"\nrepo_url: {REPO}" in text and "\nedit_uri:" not in text
    yml.write_text(text, encoding="utf-8")


def edit_links(page: Path) -> list[str]:
    return [a.get("href") or "" for a in load(page).find_all("a") if "md-content__button" in a.classes]


# -- a new contributor, start to finish --------------------------------------------------------

def test_new_contributor_flow(sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(sample_copy, "new", "course", "pelatihan-arsip-digital", "--title", "Pengelolaan Arsip Digital") == 0
    out = capsys.readouterr().out
    assert "content/courses/pelatihan-arsip-digital.yml" in out and "asn-portal check" in out
    path = sample_copy / "content" / "courses" / "pelatihan-arsip-digital.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/course.schema.json")
    capsys.readouterr()
    assert cli(sample_copy, "check") == 1, "its example texts are to be replaced"
    assert capsys.readouterr().err.count("masih berisi teks contoh dari templat") == 5
    text = (text.replace("competency: teknis", "competency: manajerial").replace("jp: 8 #", "jp: 6 #")
            .replace("    jp: 8", "    jp: 6").replace("Tulis deskripsi kursus di sini.", "Mengelola arsip dinas.")
            .replace("Satu atau dua kalimat: apa yang dipelajari dan untuk siapa.", "Arsip dinas dalam bentuk digital.")
            .replace("Tujuan pembelajaran pertama", "Memindai dan menamai arsip").replace("Modul 1", "Pemindaian")
            .replace("    summary: Ringkasan modul (opsional)\n", ""))
    path.write_text(text, encoding="utf-8")
    assert cli(sample_copy, "check") == 0
    with_repo(sample_copy)
    assert cli(sample_copy, "build") == 0
    page = sample_copy / "site" / "kursus" / "pelatihan-arsip-digital" / "index.html"
    assert "Pengelolaan Arsip Digital" in load(page).find_all("h1")[0].text
    assert edit_links(page) == [f"{REPO}/edit/main/content/courses/pelatihan-arsip-digital.yml"]
    # A hand-written page keeps its own edit link; a generated index has none (no file to edit).
    assert edit_links(sample_copy / "site" / "tentang" / "index.html") == [
        f"{REPO}/edit/main/content/pages/tentang.md"]
    assert edit_links(sample_copy / "site" / "kursus" / "index.html") == []


@pytest.mark.parametrize("kind", ["course", "article", "factor", "kursus", "artikel", "faktor"])
def test_every_template_passes_the_check_but_for_its_example_texts(project: ProjectBuilder, kind: str) -> None:
    project.minimal()
    assert cli(project.root, "new", kind, f"baru-{kind}") == 0
    _, problems = load_catalog(Project.at(project.root))
    assert problems.errors, "the example texts are reported until the contributor replaces them"
    assert [p.format() for p in problems.errors if "masih berisi teks contoh dari templat" not in p.message] == []


def test_new_refuses_a_bad_slug_or_an_existing_file(project: ProjectBuilder,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project.minimal()
    assert cli(project.root, "new", "course", "Kursus_Baru") == 2
    assert "kursus-baru" in capsys.readouterr().err
    before = (project.root / "content" / "courses" / "kursus-satu.yml").read_bytes()
    assert cli(project.root, "new", "course", "kursus-satu") == 2
    assert "sudah ada" in capsys.readouterr().err
    assert (project.root / "content" / "courses" / "kursus-satu.yml").read_bytes() == before


# -- schemas -------------------------------------------------------------------------------------

def test_committed_schemas_are_current() -> None:
    for spec in KINDS.values():
        committed = (ROOT / "schemas" / f"{spec.name}.schema.json").read_text(encoding="utf-8")
        assert committed == render(spec), f"schemas/ usang: jalankan `asn-portal schema` ({spec.name})"


def test_schemas_do_not_change_when_content_changes(project: ProjectBuilder, tmp_path: Path) -> None:
    project.minimal()
    assert cli(project.root, "schema", "-o", str(tmp_path / "a")) == 0
    project.course("kursus-tambahan")
    assert cli(project.root, "schema", "-o", str(tmp_path / "b")) == 0
    for spec in KINDS.values():
        name = f"{spec.name}.schema.json"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_slug_schemas_list_current_slugs_in_an_ignored_folder(project: ProjectBuilder) -> None:
    project.minimal()
    assert cli(project.root, "schema", "--slugs") == 0
    course = json.loads((project.root / "schemas" / "slugs" / "course.schema.json").read_text(encoding="utf-8"))
    assert course["properties"]["factors"]["items"] == {"enum": ["alpha", "beta"]}
    article = json.loads((project.root / "schemas" / "slugs" / "article.schema.json").read_text(encoding="utf-8"))
    assert article["properties"]["courses"]["items"] == {"enum": ["kursus-satu"]}
    assert "/schemas/slugs/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def _as_json(data: Any) -> Any:
    return json.loads(json.dumps(data, default=lambda o: o.isoformat()))


def schema_errors(kind: str, data: Any, convert: bool = True) -> set[str]:
    """Field paths JSON Schema rejects, written like the checker's (``modules.0.jp``)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(kind_schema(KINDS[kind]),
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    paths = set()
    for error in validator.iter_errors(_as_json(data) if convert else data):
        base = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "additionalProperties":
            extra = set(error.instance) - set(error.schema.get("properties", {}))
            paths |= {f"{base}.{k}".lstrip(".") for k in extra}
        elif error.validator == "required":
            missing = error.message.split("'")[1]
            paths.add(f"{base}.{missing}".lstrip("."))
        else:
            paths.add(base)
    return paths


def test_schemas_accept_every_sample_file() -> None:
    for spec in KINDS.values():
        for path in sorted((ROOT / "content" / spec.folder).glob("*.yml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
            assert schema_errors(spec.name, data) == set(), path.name
            # As a YAML 1.1 loader hands them over, unconverted (dates as date objects), too.
            assert schema_errors(spec.name, data, convert=False) == set(), path.name


COURSE_OK = """\
title: Kursus Skema
summary: Ringkasan.
competency: teknis
level: dasar
mode: daring
jp: 8
factors: [alpha]
modules:
  - title: Modul
    jp: 8
    materials: [https://contoh.go.id/a.pdf]
"""
ARTICLE_OK = """\
title: Artikel Skema
summary: Ringkasan.
body: Isi.
date: 2026-11-27
author: {name: Penulis}
"""


@pytest.mark.parametrize(("kind", "base", "old", "new"), [
    ("course", COURSE_OK, "title: Kursus Skema", "titel: Kursus Skema"),
    ("course", COURSE_OK, "competency: teknis", "competency: Teknis"),
    ("course", COURSE_OK, "jp: 8\nfactors", 'jp: "12"\nfactors'),
    ("course", COURSE_OK, "jp: 8\nfactors", "jp: 0\nfactors"),
    ("course", COURSE_OK, "jp: 8\nfactors", "jp: 12.5\nfactors"),
    ("course", COURSE_OK, "factors: [alpha]", "factors: alpha"),
    ("course", COURSE_OK, "mode: daring\n", ""),
    ("course", COURSE_OK, "    jp: 8", "    jp: true"),
    ("course", COURSE_OK, "[https://contoh.go.id/a.pdf]", "[/home/a.pdf]"),
    ("course", COURSE_OK, "    jp: 8", "    jp: 8\n    durasi: 2"),
    ("course", COURSE_OK, "factors: [alpha]", "factors: [alpha]\ncertificate: ya"),
    ("course", COURSE_OK, "factors: [alpha]", "factors: [alpha]\nregistration: www.contoh.go.id"),
    ("article", ARTICLE_OK, "date: 2026-11-27", "date: 27-11-2026"),
    ("article", ARTICLE_OK, "date: 2026-11-27", "date: 20261127"),
    ("article", ARTICLE_OK, "author: {name: Penulis}", "author: {nama: Penulis}"),
    ("article", ARTICLE_OK, "author: {name: Penulis}", "author: Penulis"),
    ("article", ARTICLE_OK, "body: Isi.", "body: Isi.\ntags: [2024]"),
])
def test_schemas_and_checker_reject_the_same_fields(project: ProjectBuilder, kind: str, base: str, old: str,
                                                    new: str) -> None:
    project.minimal()
    folder = KINDS[kind].folder
    assert old in base
    text = base.replace(old, new)
    project.write(f"content/{folder}/uji-skema.yml", text)
    _, problems = load_catalog(Project.at(project.root))
    errors = [p for p in problems.errors if p.path.endswith("uji-skema.yml")]
    checker = {p.field_path for p in errors}
    assert checker, "the checker must reject this"
    # A misspelt required key ("titel") is one error naming both fields ("Mungkin maksudnya 'title'?");
    # JSON Schema reports the unknown key and the missing one separately.
    for p in errors:
        meant = re.search(r"Mungkin maksudnya '([\w-]+)'", p.message)
        if p.message.startswith("kunci '") and "tidak dikenal" in p.message and meant:
            checker.add(".".join([*p.field_path.split(".")[:-1], meant.group(1)]))
    assert schema_errors(kind, yaml.safe_load(text)) == checker


# -- editor, hooks and CI files ------------------------------------------------------------------

def test_editor_settings_map_schemas_to_content() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for spec in KINDS.values():
        assert mapping[f"./schemas/{spec.name}.schema.json"] == f"content/{spec.folder}/*.yml"
    assert "redhat.vscode-yaml" in (ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8")


def test_pre_commit_hook_and_ci_workflows_are_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "asn-portal-check" and hooks[0]["entry"] == "asn-portal check"
    github = yaml.safe_load((ROOT / ".github" / "workflows" / "portal.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["build"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "asn-portal check --format github" in runs and "asn-portal build --strict" in runs
    assert "asn-portal bundle" in runs
    uses = [s.get("uses", "") for s in steps] + [s.get("uses", "") for s in github["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "asn-portal bundle -o dist/portal-asn.zip" in gitlab["build"]["script"]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert any("asn-portal check" in line for line in gitlab["check"]["script"])


def test_contributing_field_reference_is_generated_from_the_model() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert field_reference() in text, "CONTRIBUTING.md usang: jalankan `python -m asn_portal.reference`"
    for spec in KINDS.values():
        for f in spec.fields:
            assert f"`{f.name}`" in text


# -- last updated, drafts, redirects, credit -----------------------------------------------------

def git(root: Path, *args: str, date: str = "2026-03-03T10:00:00") -> None:
    who = {"GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@contoh.go.id", "GIT_COMMITTER_NAME": "Uji",
           "GIT_COMMITTER_EMAIL": "uji@contoh.go.id"}
    env = {**os.environ, **who, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def updated_text(site: Path, rel: str) -> str | None:
    found = load(site / rel).find_all("p", cls="asn-updated")
    return found[0].text if found else None


def test_last_updated_comes_from_git_history(project: ProjectBuilder, tmp_path: Path) -> None:
    project.minimal()
    git(project.root, "init", "-q")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "awal")
    project.course("kursus-satu", title="Kursus Satu Diperbarui")
    git(project.root, "commit", "-qam", "ubah", date="2026-11-20T09:00:00")
    site = project.build()
    assert updated_text(site, "kursus/kursus-satu/index.html") == "Terakhir diperbarui: 20 November 2026"
    assert updated_text(site, "faktor/alpha/index.html") == "Terakhir diperbarui: 3 Maret 2026"
    # A shallow clone cannot tell: the date is left out rather than guessed.
    clone = tmp_path / "dangkal"
    subprocess.run(["git", "clone", "-q", "--depth", "1", project.root.as_uri(), str(clone)], check=True)
    shallow = ProjectBuilder.__new__(ProjectBuilder)
    shallow.root = clone
    assert updated_text(shallow.build(), "kursus/kursus-satu/index.html") is None


def test_outside_git_there_is_no_date(project: ProjectBuilder) -> None:
    project.minimal()
    assert updated_text(project.build(), "kursus/kursus-satu/index.html") is None


def test_drafts_stay_out_of_build_and_bundle_but_show_marked_in_serve(project: ProjectBuilder,
                                                                      tmp_path: Path) -> None:
    from mkdocs.commands.build import build

    from asn_portal.engines.mkdocs.build import load as load_config

    project.minimal()
    project.course("kursus-draf", extra="draft: true\n")
    site = project.build()
    assert not (site / "kursus" / "kursus-draf").exists()
    assert "kursus-draf" not in (site / "kursus" / "index.html").read_text(encoding="utf-8")
    assert cli(project.root, "bundle", "-o", str(tmp_path / "kit.zip")) == 0
    import zipfile

    assert not [n for n in zipfile.ZipFile(tmp_path / "kit.zip").namelist() if "kursus-draf" in n]
    config = load_config(project.root / "mkdocs.yml", site_dir=str(tmp_path / "serve"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    page = load(tmp_path / "serve" / "kursus" / "kursus-draf" / "index.html")
    assert "DRAF" in page.find_all("p", cls="asn-draft")[0].text


@pytest.mark.parametrize("directory_urls", [True, False])
def test_redirect_from_keeps_old_links_working(project: ProjectBuilder, directory_urls: bool) -> None:
    project.minimal()
    project.course("kursus-satu", extra="redirect_from: [kursus-lama]\n")
    site = project.build(use_directory_urls=directory_urls)
    old = site / "kursus" / ("kursus-lama/index.html" if directory_urls else "kursus-lama.html")
    html = old.read_text(encoding="utf-8")
    target = load(old).find_all("a")[0].get("href") or ""
    assert f'content="0; url={target}"' in html
    assert resolve(old, target) == (site / "kursus" / ("kursus-satu/index.html" if directory_urls
                                                       else "kursus-satu.html")).resolve()


def test_redirect_to_a_slug_still_in_use_is_an_error(project: ProjectBuilder) -> None:
    project.minimal()
    project.course("kursus-dua", extra="redirect_from: [kursus-satu]\n")
    _, problems = load_catalog(Project.at(project.root))
    assert [(p.path, p.line) for p in problems.errors] == [("content/courses/kursus-dua.yml", 8)]
    assert "masih dipakai" in problems.errors[0].message


def test_contributors_page_credits_every_author(project: ProjectBuilder) -> None:
    project.minimal()
    project.article("artikel-dua", author="Rina Wulandari", extra="")
    project.article("artikel-tiga", author="Rina Wulandari", date="2026-01-05")
    site = project.build()
    page = load(site / "kontributor" / "index.html")
    people = page.find_all("section", cls="asn-contributor")
    assert [p.find_all("p")[0].text for p in people] == ["Rina Wulandari 2 artikel", "Penulis Uji 1 artikel"]
    assert "Unit Uji" in page.text
    article = site / "artikel" / "artikel-dua" / "index.html"
    author = next(a for a in load(article).find_all("a") if "asn-author" in a.classes)
    target = resolve(article, author.get("href") or "")
    assert target == (site / "kontributor" / "index.html").resolve()
    assert (author.get("href") or "").endswith("#penulis-rina-wulandari")
    assert page.find_all(id="penulis-rina-wulandari")
    tabs = [a.text for a in load(site / "index.html").find_all("a", cls="md-tabs__link")]
    assert tabs[:6] == ["Beranda", "Kursus", "Faktor", "Artikel", "Rencana Belajar", "Kontributor"]
