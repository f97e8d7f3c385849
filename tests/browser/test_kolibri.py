"""`asn-portal kolibri`: the portal as a Kolibri HTML5 app, a zip with ``index.html`` at its root.

Unzipped, it opens from file:// in a real Chromium with no request outside its folder (Kolibri shows it
in a sandboxed frame with no network), and the learning plan works (localStorage, which Kolibri keeps per
learner).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.kit.network import loads_in, remote_loads
from asn_portal.trust.urls import PLAN, entry_src
from devtools import ROOT
from devtools.browser import keep_local
from tests.support.pageerrors import record_errors

TIMEOUT_MS = 10_000
KEY = "asn-portal:rencana"  # docs/rencana-belajar.md


@dataclass
class App:
    zip_path: Path
    folder: Path
    course: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def page(self, src: str) -> str:
        return (self.folder / (src.removesuffix(".md") + ".html")).as_uri()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    work = tmp_path_factory.mktemp("kolibri")
    out = work / "dist" / "portal-asn-kolibri.zip"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "kolibri", "-o", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left beside it
    with zipfile.ZipFile(out) as zf:
        zf.extractall(work / "app")
    catalog, _ = load_catalog(Project.at(ROOT))
    return App(out, work / "app", catalog.sorted("course")[0])


def test_index_html_at_the_root_and_relative_names(app: App) -> None:
    with zipfile.ZipFile(app.zip_path) as zf:
        names = zf.namelist()
    assert "index.html" in names
    assert all(not n.startswith("/") and ".." not in n.split("/") and "\\" not in n for n in names)
    assert not any(n.endswith(("sitemap.xml", "sitemap.xml.gz")) for n in names)
    home = (app.folder / "index.html").read_text(encoding="utf-8")
    assert "<title>" in home


def test_every_page_links_relatively_to_files_inside(app: App) -> None:
    link = re.compile(r"""\s(?:href|src)\s*=\s*"([^"]*)\"""")
    missing = []
    for page in sorted(app.folder.rglob("*.html")):
        body = page.read_text(encoding="utf-8")
        assert loads_in(page.name, body) == [], page
        for href in link.findall(body):
            parts = urlsplit(href.replace("&amp;", "&"))
            if parts.scheme or parts.netloc or not parts.path:  # links to other sites, mailto:, "#..."
                continue
            assert not parts.path.startswith("/"), f"{page}: {href}"
            target = (page.parent / unquote(parts.path)).resolve()
            if app.folder.resolve() not in target.parents or not target.exists():
                missing.append(f"{page.relative_to(app.folder)} -> {href}")
    assert not missing, missing[:10]
    assert remote_loads(app.folder) == []  # style sheets too


def test_same_content_same_zip(app: App, tmp_path: Path) -> None:
    again = tmp_path / "portal-asn-kolibri.zip"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "kolibri", "-o", str(again)]) == 0
    assert again.read_bytes() == app.zip_path.read_bytes()


@pytest.fixture
def tab(browser: Any, app: App) -> Iterator[Any]:
    context = browser.new_context()
    inside = app.folder.resolve().as_uri() + "/"
    app.outside = keep_local(context, inside)  # the network, or a file outside the app's folder
    app.errors.clear()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    record_errors(page, app.errors)
    yield page
    context.close()


def test_opens_from_file_with_no_request_outside_and_the_plan_works(tab: Any, app: App) -> None:
    tab.goto((app.folder / "index.html").as_uri())
    assert tab.locator("article h1").count() == 1
    course = app.course
    tab.goto(app.page(entry_src("course", course.slug)))
    assert course.title in tab.inner_text("article h1")
    add = tab.locator(f".asn-plan-bar [data-asn-plan-add='{course.slug}']")
    try:  # the button is shown by the portal's script: when it stays hidden, say what went wrong
        tab.wait_for_function("s => document.querySelector(s) && !document.querySelector(s).hidden",
                              arg=f".asn-plan-bar [data-asn-plan-add='{course.slug}']")
    except Exception as exc:
        raise AssertionError(f"plan button still hidden; outside: {app.outside}, errors: {app.errors}") from exc
    assert (app.outside, app.errors) == ([], [])
    add.click()
    assert add.inner_text() == "Hapus dari rencana belajar"
    stored = json.loads(tab.evaluate(f"localStorage.getItem('{KEY}')"))
    assert course.slug in json.dumps(stored)
    tab.goto(app.page(PLAN))
    tab.locator(f"[data-asn-plan-row='{course.slug}']").wait_for()
    tab.goto(app.page(entry_src("course", course.slug)))
    assert add.inner_text() == "Hapus dari rencana belajar"  # the state came back from localStorage
    add.click()  # removed again
    assert add.inner_text() != "Hapus dari rencana belajar"
    assert course.slug not in (tab.evaluate(f"localStorage.getItem('{KEY}')") or "")
    assert app.outside == [], app.outside
    assert app.errors == [], app.errors


def test_one_event_app(tmp_path: Path) -> None:
    catalog, _ = load_catalog(Project.at(ROOT))
    chosen = catalog.sorted("course")[-1]
    out = tmp_path / "acara.zip"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "kolibri", "--course", chosen.slug, "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    assert "index.html" in names and entry_src("course", chosen.slug).removesuffix(".md") + ".html" in names
    assert len([n for n in names if n.startswith("kursus/") and n.endswith(".html")]) < len(catalog.sorted("course"))


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(ROOT / "mkdocs.yml")
    assert main(["-f", config, "kolibri", "-o", str(tmp_path / "app.zim")]) == 2
    assert ".zip" in capsys.readouterr().err
    assert main(["-f", config, "kolibri", "--course", "tidak-ada", "-o", str(tmp_path / "app.zip")]) == 2
    assert "tidak ada" in capsys.readouterr().err
    assert not (tmp_path / "app.zip").exists()
