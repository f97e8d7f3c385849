"""The portal on more than one engine.

Everyday (no other engine installed): `asn-portal export --engine zensical` writes a project whose pages,
materials, search index and scripts were written by the core, and plain MkDocs builds it without the plugin.

Marked ``engine`` (deselected by default; `.ci/run` runs them in each engine's own virtual environment,
with ASN_PORTAL_ENGINE naming it): the sample built by that engine's own command (``mkdocs build``,
``properdocs build -f mkdocs.yml``, or the export and ``zensical build``), its pages, search index and
scripts checked, and the site used in Chromium.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.trust.urls import is_page
from devtools import ROOT
from devtools.loopback import serve
from tests.support.pageerrors import record_errors

ENGINES = ("mkdocs", "properdocs", "zensical")
BIN = Path(sys.executable).parent  # the engine's command lives beside this venv's python
TIMEOUT_MS = 15_000
_URL = re.compile(r'\s(?:href|src)="([^"]*)"')
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
# A hand-written page whose title and description are markup: every engine must print them as text.
HOSTILE_TITLE = '<img src=x onerror="window.asnPwned=1"> & Judul'
HOSTILE_PAGE = f"---\ntitle: {json.dumps(HOSTILE_TITLE)}\ndescription: '<b onmouseover=x>d</b>'\n---\n\nIsi.\n"


def local_targets(site: Path, page: Path) -> Iterator[tuple[str, Path]]:
    """Every relative href and src of a page, with the file it names."""
    for url in _URL.findall(page.read_text(encoding="utf-8")):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        yield url, target / "index.html" if target.is_dir() else target


def dead_links(site: Path) -> list[str]:
    """Relative links that name no file (the theme's 404 page links from the site root: not counted)."""
    return [f"{page.relative_to(site)} -> {url}" for page in sorted(site.rglob("*.html")) if page.name != "404.html"
            for url, target in local_targets(site, page) if not target.exists()]


def scripts_outside_theme_and_portal(site: Path) -> list[str]:
    """Script elements that load anything but the theme's scripts and the portal's own (assets/asn-portal/)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for attrs in _SCRIPT.findall(page.read_text(encoding="utf-8")):
            src = re.search(r'\ssrc="([^"]*)"', attrs)
            if src is None:
                continue  # inline: the theme's own configuration and start-up code
            url = unquote(urlsplit(src.group(1)).path)  # the theme's 404 page names them from the site root
            path = (site / url.lstrip("/") if url.startswith("/") else page.parent / url).resolve()
            rel = path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else str(path)
            if not rel.startswith(("assets/javascripts/", "assets/asn-portal/")):
                found.append(f"{page.relative_to(site)}: {src.group(1)}")
    return found


def courses() -> list[Any]:
    catalog, problems = load_catalog(Project.at(ROOT))
    assert not problems.errors
    return sorted(catalog.of_kind("course").values(), key=lambda c: c.slug)


# -- the export, everyday ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "zensical"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "export", "--engine", "zensical", str(out)]) == 0
    return out


def test_export_writes_every_page_as_raw_html_with_its_title(exported: Path) -> None:
    from asn_portal.engines.zensical.export import page_file
    from asn_portal.model.project import load_project
    from asn_portal.site.plain import plain_site

    project, config_file = load_project(ROOT)
    parts = plain_site(project, config_file).parts
    pages = list(parts.pages.values())
    docs = exported / "docs"
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and is_page(p.name)}
    assert written == {page_file(p.src) for p in pages}, "exactly the pages, no other Markdown (materials)"
    for course in courses():
        text = (docs / "kursus" / course.slug / "index.md").read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: "), course.slug
        assert '\n<div class="asn-page">\n<h1 ' in text
    for page in pages:
        text = (docs / page_file(page.src)).read_text(encoding="utf-8")
        assert text.startswith(f"---\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n"), page.src


def test_export_carries_materials_search_index_and_scripts(exported: Path) -> None:
    from asn_portal.site.assets import PAGE_ASSETS

    docs = exported / "docs"
    assert (docs / "search" / "manifest.js").read_text(encoding="utf-8").startswith("asnSearch")
    assert list((docs / "search" / "v").glob("*.js")) and list((docs / "search" / "d").glob("*.js"))
    for name in (*PAGE_ASSETS, "search-engine.js", "stemmer-id.js"):
        assert (docs / "assets" / "asn-portal" / name).stat().st_size > 0, name
    materials = {p.relative_to(exported).as_posix() for p in exported.rglob("materi/**/*") if p.is_file()}
    sample = {p.relative_to(ROOT / "materials").as_posix() for p in (ROOT / "materials").rglob("*") if p.is_file()}
    assert {m.split("/", 2)[2] for m in materials} <= sample
    page_like = [m for m in materials if is_page(m)]
    assert page_like and all(m.startswith("overrides/materi/") for m in page_like), \
        "a material named *.md is copied by the theme, never converted as a page"
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins" not in config and "custom_dir: overrides" in config


def test_export_escapes_what_the_theme_prints_raw(sample_copy: Path, tmp_path: Path) -> None:
    (sample_copy / "content" / "pages" / "uji-judul.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    assert main(["-f", str(sample_copy / "mkdocs.yml"), "export", "--engine", "zensical", str(tmp_path / "x")]) == 0
    front = (tmp_path / "x" / "docs" / "uji-judul" / "index.md").read_text(encoding="utf-8").split("---")[1]
    assert "<" not in front and "&lt;img src=x onerror=&quot;window.asnPwned=1&quot;&gt; &amp; Judul" in front


def test_export_refuses_a_used_folder_or_one_inside_the_content(sample_copy: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = str(sample_copy / "mkdocs.yml")
    (tmp_path / "penuh").mkdir()
    (tmp_path / "penuh" / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    assert main(["-f", config, "export", "--engine", "zensical", str(tmp_path / "penuh")]) == 2
    assert main(["-f", config, "export", "--engine", "zensical", str(sample_copy / "content" / "x")]) == 2
    assert not (sample_copy / "content" / "x").exists()
    with pytest.raises(SystemExit) as usage:  # --engine is required
        main(["-f", config, "export", str(tmp_path / "baru")])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "harus kosong" in err and "di luar content/" in err and "--engine" in err
    assert (tmp_path / "penuh" / "catatan.txt").read_text(encoding="utf-8") == "milik orang lain"


def test_the_mkdocs_build_and_the_export_get_the_same_pages_from_one_assembly(sample_copy: Path,
                                                                              tmp_path: Path) -> None:
    """One site assembly (asn_portal/site): the MkDocs adapter and the outputs that read the project without an
    engine (the Zensical export, the EPUB) are handed the same pages, in the same order, with the same titles,
    HTML and navigation."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from asn_portal.model.project import load_project
    from asn_portal.site.plain import plain_site

    config = load_config(str(sample_copy / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["asn-portal"]
    assembled = []  # what the assembly handed the adapter (a build keeps no page once MkDocs has it)
    plugin.site_parts = lambda config, made=plugin.site_parts: assembled.append(made(config)) or assembled[-1]
    build(config)
    built = assembled[0]
    project, config_file = load_project(sample_copy)
    exported = plain_site(project, config_file).parts
    assert list(built.pages) == list(exported.pages) and len(built.pages) > 30
    assert [(p.title, p.kind, p.in_nav) for p in built.pages.values()] == \
        [(p.title, p.kind, p.in_nav) for p in exported.pages.values()]
    assert {src: p.html for src, p in built.pages.items()} == {src: p.html for src, p in exported.pages.items()}
    assert built.nav == exported.nav and ("Rekap Kepegawaian", "rekap/index.md") in built.nav
    assert built.texts.keys() == exported.texts.keys() and built.copies == exported.copies


def test_plain_mkdocs_builds_the_export_without_the_plugin(exported: Path, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path / "site"
    build(load_config(str(exported / "mkdocs.yml"), site_dir=str(site)))
    for course in courses():
        assert course.title in (site / "kursus" / course.slug / "index.html").read_text(encoding="utf-8")
    assert (site / "search" / "manifest.js").is_file()
    # MkDocs copies no Markdown file from a theme folder: materials named *.md ship with Zensical only.
    assert [link for link in dead_links(site) if not unquote(link).endswith(".md")] == []
    assert scripts_outside_theme_and_portal(site) == []


# -- one engine, named by ASN_PORTAL_ENGINE (.ci/run's engine jobs) ---------------------------------


@dataclass
class EngineSite:
    engine: str
    site: Path
    output: str


@pytest.fixture(scope="module")
def engine_site(tmp_path_factory: pytest.TempPathFactory) -> EngineSite:
    engine = os.environ.get("ASN_PORTAL_ENGINE", "")
    assert engine in ENGINES, f"ASN_PORTAL_ENGINE harus salah satu dari {', '.join(ENGINES)}, bukan {engine!r}"
    work = tmp_path_factory.mktemp(engine)
    project = work / "portal"
    project.mkdir()
    for name in ("content", "materials"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(project / name)], check=True)
    (project / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (project / "content" / "pages" / "uji-judul.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    runs = []
    if engine == "zensical":
        out = work / "ekspor"
        runs.append([str(BIN / "asn-portal"), "-f", str(project / "mkdocs.yml"), "export", "--engine", "zensical",
                     str(out)])
        runs.append([str(BIN / "zensical"), "build"])
        site, cwd = out / "site", out
    else:  # the engine's own command, as a site's CI would run it
        runs.append([str(BIN / engine), "build", "-f", "mkdocs.yml"])
        site, cwd = project / "site", project
    output = ""
    for command in runs:
        result = subprocess.run(command, cwd=cwd if command[0].endswith("zensical") else project, env=env,
                                capture_output=True, text=True, timeout=600)
        output += result.stdout + result.stderr
        assert result.returncode == 0, output
    return EngineSite(engine, site, output)


@pytest.mark.engine
def test_the_engine_is_the_one_named() -> None:
    engine = os.environ.get("ASN_PORTAL_ENGINE", "")
    if engine == "zensical":
        version = subprocess.run([str(BIN / "zensical"), "--version"], capture_output=True, text=True, check=True)
        assert "0.0." in version.stdout + version.stderr
        return
    # In the ProperDocs job every `import mkdocs` (the plugin's, Material's, the tests') is ProperDocs:
    # `.ci/run` removes MkDocs from that venv and loads properdocs.replacement at start-up.
    import mkdocs

    assert mkdocs.__name__ == engine, mkdocs.__file__


@pytest.mark.engine
def test_the_engine_builds_every_page_index_and_script(engine_site: EngineSite) -> None:
    site = engine_site.site
    for course in courses():
        page = (site / "kursus" / course.slug / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<h1\b[^>]*>" + re.escape(course.title), page), course.slug
    for index in ("index.html", "kursus/index.html", "faktor/index.html", "artikel/index.html",
                  "rencana/index.html", "kontributor/index.html"):
        assert (site / index).is_file(), index
    assert (site / "search" / "manifest.js").is_file()
    assert (site / "assets" / "asn-portal" / "search-engine.js").is_file()
    assert list((site / "materi").rglob("*.pdf")), "materials are published"
    assert dead_links(site) == []
    assert scripts_outside_theme_and_portal(site) == []
    titled = (site / "uji-judul" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x" in titled
    assert not [p for p in site.rglob("*.html") if "<img src=x" in p.read_text(encoding="utf-8")
                or "<b onmouseover" in p.read_text(encoding="utf-8")]


@pytest.mark.engine
def test_the_engine_site_filters_and_searches_in_the_browser(browser: Any, engine_site: EngineSite) -> None:
    all_courses = courses()
    target = next(c for c in all_courses if "Coaching" in c.title)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    record_errors(page, errors)
    with serve(engine_site.site) as url:  # the page is closed before its server stops: no reset loads
        try:
            # The catalog filter's "Cari kata" asks the portal's own index (search/manifest.js) on every engine.
            page.goto(url + "kursus/")
            form = page.locator("form.asn-filter")
            form.wait_for(state="visible")
            form.locator("input[name=kata]").fill("coaching")
            page.wait_for_function(
                "n => document.querySelectorAll('#asn-list-kursus > li.asn-card:not([hidden])').length < n",
                arg=len(all_courses))
            shown = page.locator("#asn-list-kursus > li.asn-card:visible")
            assert shown.count() >= 1 and shown.filter(has_text=target.title).count() == 1
            # The search box: Material's, answered by the portal's worker (MkDocs, ProperDocs), or
            # Zensical's own dialog and index (search.json), whose results are in a shadow root.
            page.goto(url)
            if engine_site.engine == "zensical":
                page.locator(".md-search__button").first.click()
                page.keyboard.type("coaching", delay=20)
                page.wait_for_function("""slug => [...document.querySelectorAll('*')].some(e => e.shadowRoot &&
                    [...e.shadowRoot.querySelectorAll('a')].some(a => a.href.includes('/kursus/' + slug + '/')))""",
                                       arg=target.slug)
            else:
                search = page.locator("input.md-search__input")
                search.click()
                search.press_sequentially("coaching", delay=20)
                page.locator(f".md-search-result__item a[href*='kursus/{target.slug}/']").first.wait_for()
            page.goto(url + "uji-judul/")
            page.wait_for_load_state("load")
            assert page.evaluate("window.asnPwned") is None
        finally:
            context.close()
    assert errors == []
