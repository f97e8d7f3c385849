"""Shared fixtures: small projects written into tmp folders, builds, and a real Chromium."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import shutil
import sys
import tempfile
import textwrap
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["NO_MKDOCS_2_WARNING"] = "1"
# Hypothesis keeps its example database outside the checkout: no test writes into the source tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "asn-portal-hypothesis"))
ROOT = Path(__file__).resolve().parent.parent
# The browser and the loopback server the search benchmark uses: one setup for tests and benchmarks.
sys.path.insert(0, str(ROOT / "benchmarks" / "search"))
from run import CHROMIUM, CHROMIUM_ARGS, LoopbackServer, QuietHandler  # noqa: E402

MKDOCS_YML = """\
site_name: Portal Uji
docs_dir: content/pages
theme:
  name: material
  language: id
  font: false
  features: [navigation.tabs, navigation.instant]
plugins:
  - search
  - tags
  - asn-portal
"""

FACTOR = """\
title: {title}
order: {order}
summary: Ringkasan faktor {title}.
practices:
  - title: Praktik pertama
    description: Uraian praktik **pertama**.
"""

COURSE = """\
title: {title}
summary: Ringkasan kursus {title}.
competency: {competency}
level: {level}
mode: {mode}
jp: {jp}
factors: [{factors}]
"""

ARTICLE = """\
title: {title}
summary: Ringkasan artikel {title}.
body: |
  Isi artikel {title}.
date: {date}
author:
  name: {author}
  unit: Unit Uji
"""


class ProjectBuilder:
    """Writes a throw-away portal project; every file is given as YAML text."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content" / "pages").mkdir(parents=True)
        for folder in ("factors", "courses", "articles"):
            (root / "content" / folder).mkdir()
        (root / "materials").mkdir()
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        (root / "content" / "pages" / "index.md").write_text("# Beranda Uji\n\nTeks beranda.\n", encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def factor(self, slug: str, order: int, title: str | None = None, extra: str = "") -> Path:
        return self.write(f"content/factors/{slug}.yml", FACTOR.format(title=title or f"Faktor {slug}", order=order)
                          + extra)

    def course(self, slug: str, factors: str = "alpha", extra: str = "", **fields: Any) -> Path:
        values = {"title": f"Kursus {slug}", "competency": "teknis", "level": "dasar", "mode": "daring",
                  "jp": 8, "factors": factors, **fields}
        return self.write(f"content/courses/{slug}.yml", COURSE.format(**values) + extra)

    def article(self, slug: str, extra: str = "", **fields: Any) -> Path:
        values = {"title": f"Artikel {slug}", "date": "2026-11-27", "author": "Penulis Uji", **fields}
        return self.write(f"content/articles/{slug}.yml", ARTICLE.format(**values) + extra)

    def minimal(self) -> ProjectBuilder:
        """Two factors, one course, one article: the smallest catalog with every kind."""
        self.factor("alpha", 1)
        self.factor("beta", 2)
        self.course("kursus-satu", factors="alpha")
        self.article("artikel-satu", extra="factors: [alpha]\ncourses: [kursus-satu]\n")
        return self

    def build(self, **overrides: Any) -> Path:
        from asn_portal.engines.mkdocs.build import build_site

        return build_site(self.root / "mkdocs.yml", strict=True, **overrides)


@pytest.fixture
def project(tmp_path: Path) -> ProjectBuilder:
    return ProjectBuilder(tmp_path / "portal")


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the shipped project (content, materials, mkdocs.yml) to build without touching the repo."""
    target = tmp_path / "sample"
    target.mkdir()
    for name in ("content", "materials"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def browser_available() -> bool:
    return Path(CHROMIUM).exists()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; skipped without it unless CI requires it."""
    if not browser_available():
        if os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}, padahal ASN_PORTAL_REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium tidak ditemukan di {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js, which runs the search engine against a built index without a browser (tests/js/)."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail("Node.js tidak ditemukan, padahal ASN_PORTAL_REQUIRE_BROWSER=1")
        pytest.skip("Node.js tidak ditemukan")
    return found


@contextlib.contextmanager
def serve(directory: Path, build: Callable[[str], object] | None = None) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port and yield its address (ends with "/").

    ``build(url)`` runs first when given: a site built with ``site_url`` set to the served address
    gets Material's instant navigation (it only takes over links listed in sitemap.xml)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = LoopbackServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        if build is not None:
            build(url)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield url
        finally:
            server.shutdown()
            thread.join(timeout=5)
    finally:
        server.server_close()


def unpacked_bundle(project: Path, where: Path) -> Path:
    """``asn-portal bundle`` of ``project``, unzipped under ``where``: the kit's ``situs`` folder."""
    from asn_portal.cli import main

    out = where / "zip" / "portal-asn.zip"
    assert main(["-f", str(project / "mkdocs.yml"), "bundle", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        zf.extractall(where / "x")
    return where / "x" / "portal-asn" / "situs"


# The sample built once per test worker for the plan and HR recap tests (tests/test_plan.py,
# tests/test_recap.py): with a public site_url, so records name each course's published address.
PLAN_SITE = "https://portal.contoh.go.id/asn/"


@dataclasses.dataclass
class PlanSite:
    base: str
    pretty: bool  # directory URLs (over http) or .html files (the unpacked kit)
    courses: list[Any]  # three sample courses
    root: Path  # the sample project the site was built from

    def page(self, src: str) -> str:
        from asn_portal.trust.urls import Urls

        return self.base + Urls(self.pretty).href("index.md", src)

    def plan(self) -> str:
        from asn_portal.trust.urls import PLAN

        return self.page(PLAN)


@pytest.fixture(scope="session")
def plan_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plan") / "sample"
    root.mkdir()
    for name in ("content", "materials"):
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace('!ENV [SITE_URL, "http://127.0.0.1:8000/"]', PLAN_SITE),
                                     encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def plan_courses(plan_sample: Path) -> list[Any]:
    from asn_portal.content.validate import Project, load_catalog

    catalog, _ = load_catalog(Project.at(plan_sample))
    return catalog.sorted("course")[:3]


@pytest.fixture(scope="session")
def plan_http(plan_sample: Path, plan_courses: list[Any]) -> Iterator[PlanSite]:
    from asn_portal.engines.mkdocs.build import build_site

    site = build_site(plan_sample / "mkdocs.yml", site_dir=str(plan_sample.parent / "http-site"))
    with serve(site) as url:
        yield PlanSite(url, True, plan_courses, plan_sample)


@pytest.fixture(scope="session")
def plan_file(plan_sample: Path, plan_courses: list[Any]) -> PlanSite:
    return PlanSite(unpacked_bundle(plan_sample, plan_sample.parent).as_uri() + "/", False, plan_courses, plan_sample)


PLAN_KEY = "asn-portal:rencana"  # the reader's plan in localStorage (assets/src/core.mjs)


@contextlib.contextmanager
def plan_page(browser: Any, site: PlanSite, width: int, state: Any = None,
              dialog: Callable[[Any], object] = lambda d: d.accept()) -> Iterator[Any]:
    """The plan page in a fresh context (its own localStorage) holding ``state``; no console error
    may be left when the test is done. ``dialog`` answers the page's confirm() questions."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", dialog)
    try:
        page.goto(site.plan())
        if state is not None:
            page.evaluate(f"s => localStorage.setItem('{PLAN_KEY}', s)", json.dumps(state))
            page.reload()
        page.locator("[data-asn-plan][data-asn-ready]").wait_for(state="attached")
        yield page
        assert errors == []
    finally:
        context.close()
