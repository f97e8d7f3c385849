"""The learning tests' sample (tests/browser/test_learning.py, tests/browser/test_learning_http.py): the
shipped sample copied with two additions so every path is exercised, a course whose title starts with "="
(a spreadsheet formula, with ";" and quotes in it) and an old slug (redirect_from) on the quiz course; the
sites it is built into (served over http, the unpacked offline bundle) and a browser tab on them.

Courses, modules and quiz answers are read from the catalog, so content edits do not break the tests. The
fixtures are module-scoped: a test module imports the ones it uses, and tests that share a built site stay
in one module so that it is built once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from asn_portal.content.validate import Project, load_catalog
from asn_portal.trust.urls import HOME, Urls, entry_src
from devtools.loopback import serve
from tests.support.hostile import FORMULA_TITLE
from tests.support.pageerrors import record_errors
from tests.support.sites import copy_sample, unpacked_bundle

TIMEOUT_MS = 10_000
KEY = "asn-portal:rencana"
OUR_SCRIPTS = re.compile(r"\basn-portal\.js")  # the bundle of assets/src (render/scripts.py)
FORMULA_SLUG = "rumus-uji"
OLD_SLUG = "kursus-lama-uji"
QUIZ = """
quiz:
  - question: Berapa JP pengembangan kompetensi yang diharapkan setahun?
    choices: ["10 JP", "20 JP", "40 JP"]
    answer: 2
    explanation: Sekitar **20 JP** setahun.
  - question: Siapa yang menyetujui rencana belajar?
    choices: [Atasan langsung, Rekan kerja]
    answer: 1
  - question: Di mana rencana ini tersimpan?
    choices: [Di server, Di peramban]
    answer: 2
"""


@dataclass
class Sample:
    root: Path
    quiz: Any  # the course with modules and a course quiz of three or more questions
    formula: Any
    other: Any  # a third course, added on the plan page
    factor: Any


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    root = copy_sample(tmp_path_factory.mktemp("learning") / "sample")
    catalog, _ = load_catalog(Project.at(root))
    courses: list[Any] = catalog.sorted("course")
    chosen = next((c for c in courses if len(c.modules) >= 2 and len(c.quiz) >= 3), None)
    if chosen is None:
        chosen = next(c for c in courses if len(c.modules) >= 2 and not c.quiz)
        with (root / "content" / "courses" / f"{chosen.slug}.yml").open("a", encoding="utf-8") as f:
            f.write(QUIZ)
    if not chosen.redirect_from:
        with (root / "content" / "courses" / f"{chosen.slug}.yml").open("a", encoding="utf-8") as f:
            f.write(f"\nredirect_from: [{OLD_SLUG}]\n")
    factor = catalog.sorted("factor")[0]
    (root / "content" / "courses" / f"{FORMULA_SLUG}.yml").write_text(
        f"title: '{FORMULA_TITLE}'\nsummary: Judul yang diawali tanda sama dengan.\ncompetency: manajerial\n"
        f"level: dasar\nmode: luring\njp: 12\norganizer: 'Pusat; Diklat'\nfactors: [{factor.slug}]\n", encoding="utf-8")
    catalog, problems = load_catalog(Project.at(root))
    assert not problems.errors, problems.errors
    found = catalog.of_kind("course")
    quiz = found[chosen.slug]
    other = next(c for c in catalog.sorted("course") if c.slug not in (quiz.slug, FORMULA_SLUG))
    return Sample(root, quiz, found[FORMULA_SLUG], other, factor)


@dataclass
class Where:
    base: str  # the site root, ends with "/"
    pretty: bool  # directory URLs (http) or .html (the bundle)
    sample: Sample

    def url(self, src: str) -> str:
        rel = Urls(self.pretty).href(HOME, src)
        return self.base + ("" if rel == "./" else rel)

    def course(self, course: Any) -> str:
        return self.url(entry_src("course", course.slug))


@pytest.fixture(scope="module")
def http_site(sample: Sample) -> Iterator[Where]:
    """Served with ``site_url`` set to its address, so Material's instant navigation takes over."""
    from asn_portal.engines.mkdocs.build import build_site

    site = sample.root.parent / "http-site"
    with serve(site, build=lambda url: build_site(sample.root / "mkdocs.yml", strict=True, site_url=url,
                                                  site_dir=str(site))) as url:
        yield Where(url, True, sample)


@pytest.fixture(scope="module")
def file_site(sample: Sample) -> Where:
    return Where(unpacked_bundle(sample.root, sample.root.parent).as_uri() + "/", False, sample)


# file:// everyday, http in CI's slow step
@pytest.fixture(params=[pytest.param("http", marks=pytest.mark.slow), "file"])
def where(request: pytest.FixtureRequest) -> Where:
    return request.getfixturevalue(f"{request.param}_site")  # type: ignore[no-any-return]


class Tab:
    """A fresh browser context (its own localStorage) with one page; console errors are collected."""

    def __init__(self, browser: Any, where: Where, init_script: str | None = None) -> None:
        self.where = where
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.errors: list[str] = []
        record_errors(self.page, self.errors, stack=True)
        self.page.on("dialog", lambda d: d.accept())  # "Hapus rencana" asks first

    def go(self, url: str) -> Any:
        self.page.goto(url)
        return self.page

    def stored(self) -> Any:
        return json.loads(self.page.evaluate(f"localStorage.getItem('{KEY}')") or "null")

    def store(self, state: Any) -> None:
        text = state if isinstance(state, str) else json.dumps(state)
        self.page.evaluate(f"s => localStorage.setItem('{KEY}', s)", text)

    def close(self, only_ours: bool = False) -> None:
        self.context.close()
        errors = [e for e in self.errors if not only_ours or OUR_SCRIPTS.search(e)]
        assert errors == [], f"console errors: {errors}"


@pytest.fixture
def tab(browser: Any, where: Where) -> Iterator[Tab]:
    t = Tab(browser, where)
    yield t
    t.close()


def totals(page: Any) -> tuple[str, str]:
    return page.inner_text("[data-asn-plan-total]"), page.inner_text("[data-asn-plan-done]")


def rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        "[data-asn-plan-rows] tr", "trs => trs.map(tr => tr.dataset.asnPlanRow)")


def entry(course: Any, n: int = 0, **extra: Any) -> dict[str, Any]:
    """A course as core.mjs (in the asn-portal.js bundle) stores it."""
    data = {"slug": course.slug, "title": course.title, "jp": course.jp, "competency": "", "mode": course.mode,
            "mode_label": "", "organizer": course.organizer, "certificate": course.certificate,
            "status": "direncanakan", "start": "", "end": "", "added": f"2025-01-0{n + 1}T00:00:00Z"}
    return {**data, **extra}

