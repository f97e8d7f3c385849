"""What machines read (render/readers.py): JSON-LD on entry pages, catalog.json with its schema, feed.xml."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from asn_portal.content.handwritten import RESERVED_FILES
from asn_portal.content.validate import Project, load_catalog
from asn_portal.kinds.course import jp_duration
from asn_portal.model.registry import KINDS
from asn_portal.render.readers import (
    CATALOG_FILE,
    CATALOG_SCHEMA_FILE,
    FEED_FILE,
    GENERATED_FILES,
    UNDATED,
    Site,
    catalog_schema_text,
    dated,
    feed_xml,
    script_json,
)
from asn_portal.trust.urls import Urls
from devtools import ROOT
from devtools.loopback import serve
from tests.support.pageerrors import record_errors
from tests.support.project import ProjectBuilder

PUBLIC = "https://belajar.example.go.id/portal/"
ATOM = "{http://www.w3.org/2005/Atom}"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(page: Path) -> list[dict[str, Any]]:
    text = page.read_text(encoding="utf-8")
    assert "&lt;h1" not in text and "&lt;h2" not in text, f"{page}: the page's own HTML stays markup"
    return [node for block in JSONLD.findall(text) for node in json.loads(block)]


def write_project(p: ProjectBuilder) -> ProjectBuilder:
    p.minimal()
    p.course("kursus-dua", mode="luring", jp=3, extra="organizer: Pusdiklat Uji\n")
    p.article("artikel-dua", date="2026-12-01")
    text = (p.root / "content/articles/artikel-dua.yml").read_text(encoding="utf-8")
    p.write("content/articles/artikel-dua.yml", text.replace("  unit: Unit Uji\n", ""))  # an author without unit
    return p


@dataclass
class Sites:
    public: Path
    local: Path
    kit: Path  # an offline kit built around one course


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    from asn_portal.engines.mkdocs.build import build_offline

    base = tmp_path_factory.mktemp("readers")
    p = write_project(ProjectBuilder(base / "portal"))
    assert "unit:" not in (p.root / "content/articles/artikel-dua.yml").read_text(encoding="utf-8")
    public = p.build(site_url=PUBLIC, site_author="BKPSDM Uji", site_dir=str(base / "public"))
    local = p.build(site_dir=str(base / "local"))
    build_offline(p.root / "mkdocs.yml", base / "kit", (("course", "kursus-satu"),))
    return Sites(public, local, base / "kit")


# -- JSON-LD -------------------------------------------------------------------------------------------

def test_jp_is_an_iso_duration_of_45_minutes_each() -> None:
    assert [jp_duration(n) for n in (1, 3, 4, 8, 32)] == ["PT45M", "PT2H15M", "PT3H", "PT6H", "PT24H"]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not installed")
def test_json_ld_run_as_javascript_does_nothing(sites: Sites) -> None:
    """Material's instant navigation runs every inline script of the content as JavaScript, its type
    dropped: the block must be a harmless expression (an array of literals), never a syntax error."""
    for page in (sites.public / "kursus" / "kursus-dua" / "index.html",
                 sites.public / "artikel" / "artikel-satu" / "index.html"):
        [block] = JSONLD.findall(page.read_text(encoding="utf-8"))
        run = subprocess.run(["node", "-e", f"const r = eval({json.dumps(block)}); if (!Array.isArray(r)) throw 1;"],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr


def test_instant_navigation_to_an_entry_page_raises_no_error(browser: Any, project: ProjectBuilder) -> None:
    """In the browser: Material swaps the page in (instant navigation) and re-runs its inline scripts."""
    write_project(project)
    site = project.root / "served"
    with serve(site, build=lambda url: project.build(site_url=url, site_dir=str(site))) as url:
        tab = browser.new_page()
        errors: list[str] = []
        record_errors(tab, errors, console=False)
        try:
            tab.goto(url + "kursus/")
            # Material takes over links only once it has read sitemap.xml: a click before that is a full load.
            tab.wait_for_load_state("networkidle")
            tab.evaluate("window.__samePage = true")
            for index, slug in (("kursus/", "kursus-dua"), ("artikel/", "artikel-dua")):
                tab.locator(".md-tabs").get_by_role("link", name=index.strip("/").title(), exact=True).click()
                tab.wait_for_url(url + index)
                tab.locator(f"article a[href$='{slug}/']").first.click()
                tab.wait_for_url(url + index + slug + "/")
                tab.wait_for_timeout(300)
            assert tab.evaluate("window.__samePage === true"), "the pages were not swapped in"
            assert errors == []
        finally:
            tab.close()


def test_script_json_can_never_close_its_element() -> None:
    text = script_json({"a": "</script><!-- & > \u2028 é"})
    assert not set("<>&") & set(text) and "\\u003c/script\\u003e" in text and text.isascii()
    assert json.loads(text) == {"a": "</script><!-- & > \u2028 é"}


def test_course_pages_carry_a_course(sites: Sites) -> None:
    [one] = jsonld(sites.public / "kursus" / "kursus-satu" / "index.html")
    assert one["@type"] == "Course" and one["name"] == "Kursus kursus-satu"
    assert one["description"] == "Ringkasan kursus Kursus kursus-satu."
    assert one["provider"] == {"@type": "Organization", "name": "BKPSDM Uji"}, "the portal's author provides it"
    assert one["educationalLevel"] == "Dasar" and one["inLanguage"] == "id" and one["timeRequired"] == "PT6H"
    assert one["hasCourseInstance"] == {"@type": "CourseInstance", "courseMode": "online"}
    assert one["url"] == PUBLIC + "kursus/kursus-satu/"
    [two] = jsonld(sites.public / "kursus" / "kursus-dua" / "index.html")
    assert two["provider"] == {"@type": "Organization", "name": "Pusdiklat Uji"}
    assert two["timeRequired"] == "PT2H15M" and two["hasCourseInstance"]["courseMode"] == "onsite"
    [local] = jsonld(sites.local / "kursus" / "kursus-satu" / "index.html")
    assert local["provider"] == {"@type": "Organization", "name": "Portal Uji"}, "no author: the site's name"
    assert local["url"] == "./"
    [kit] = jsonld(sites.kit / "kursus" / "kursus-satu.html")
    assert kit["url"] == "kursus-satu.html"


def test_article_pages_carry_an_article(sites: Sites) -> None:
    [one] = jsonld(sites.public / "artikel" / "artikel-dua" / "index.html")
    assert one["@type"] == "Article" and one["headline"] == "Artikel artikel-dua"
    assert one["author"] == {"@type": "Person", "name": "Penulis Uji"}, "no unit: no affiliation"
    assert one["datePublished"] == "2026-12-01" and one["inLanguage"] == "id"
    assert one["url"] == PUBLIC + "artikel/artikel-dua/"
    [united] = jsonld(sites.public / "artikel" / "artikel-satu" / "index.html")
    assert united["author"] == {"@type": "Person", "name": "Penulis Uji",
                               "affiliation": {"@type": "Organization", "name": "Unit Uji"}}


def test_only_entry_pages_of_kinds_with_json_ld_carry_it(sites: Sites) -> None:
    assert jsonld(sites.public / "faktor" / "alpha" / "index.html") == []
    assert jsonld(sites.public / "index.html") == [] and jsonld(sites.public / "kursus" / "index.html") == []


# -- catalog.json ----------------------------------------------------------------------------------------

def catalog_of(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / CATALOG_FILE).read_text(encoding="utf-8"))
    return data


def test_catalog_schema_is_current_and_published(sites: Sites) -> None:
    committed = (ROOT / CATALOG_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == catalog_schema_text(), "schemas/ usang: jalankan `asn-portal schema`"
    for site in (sites.public, sites.local, sites.kit):
        assert (site / CATALOG_SCHEMA_FILE).read_text(encoding="utf-8") == committed


@pytest.mark.parametrize("which", ["public", "local", "kit"])
def test_catalog_json_is_valid_against_its_schema(sites: Sites, which: str) -> None:
    schema = json.loads(catalog_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(catalog_of(getattr(sites, which)))


def test_catalog_json_lists_every_entry_with_its_key_fields(sites: Sites) -> None:
    data = catalog_of(sites.public)
    assert data["version"] == 1
    assert [(e["kind"], e["slug"]) for e in data["entries"]] == [
        ("factor", "alpha"), ("factor", "beta"), ("course", "kursus-dua"), ("course", "kursus-satu"),
        ("article", "artikel-dua"), ("article", "artikel-satu")]
    course = next(e for e in data["entries"] if e["slug"] == "kursus-dua")
    assert course == {"kind": "course", "slug": "kursus-dua", "title": "Kursus kursus-dua",
                      "summary": "Ringkasan kursus Kursus kursus-dua.", "url": PUBLIC + "kursus/kursus-dua/",
                      "competency": "teknis", "level": "dasar", "mode": "luring", "jp": 3, "factors": ["alpha"],
                      "organizer": "Pusdiklat Uji"}
    article = next(e for e in data["entries"] if e["slug"] == "artikel-dua")
    assert article["date"] == "2026-12-01" and article["author"] == {"name": "Penulis Uji"}
    assert next(e for e in data["entries"] if e["slug"] == "beta")["order"] == 2
    local = catalog_of(sites.local)
    assert [e["url"] for e in local["entries"]][:3] == ["faktor/alpha/", "faktor/beta/", "kursus/kursus-dua/"]
    for entry in local["entries"]:
        assert (sites.local / entry["url"] / "index.html").is_file(), entry["url"]


def entry_pages(site: Path) -> set[str]:
    """Entry pages of an offline (file://) build: kursus/x.html, not the listings."""
    return {p.relative_to(site).as_posix() for spec in KINDS.values() for p in (site / spec.url_dir).glob("*.html")
            if p.name != "index.html" and not p.name.startswith("halaman-")}


def test_a_kit_lists_only_what_it_holds(sites: Sites) -> None:
    urls = {e["url"] for e in catalog_of(sites.kit)["entries"]}
    assert "kursus/kursus-satu.html" in urls and "kursus/kursus-dua.html" not in urls
    assert urls == entry_pages(sites.kit)
    links = feed_links(sites.kit)
    assert links and all((sites.kit / href).is_file() for href in links)
    assert "kursus/kursus-dua.html" not in links


# -- feed.xml --------------------------------------------------------------------------------------------

def feed_links(site: Path) -> list[str]:
    root = ET.parse(site / FEED_FILE).getroot()
    return [e.find(f"{ATOM}link").get("href", "") for e in root.findall(f"{ATOM}entry")]  # type: ignore[union-attr]


def test_the_feed_is_atom_with_links_to_built_pages(sites: Sites) -> None:
    root = ET.parse(sites.local / FEED_FILE).getroot()
    assert root.tag == f"{ATOM}feed" and root.findtext(f"{ATOM}title") == "Portal Uji"
    assert root.findtext(f"{ATOM}id", "").startswith("tag:asn-portal,2026:")
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert set(titles) == {"Kursus kursus-satu", "Kursus kursus-dua", "Artikel artikel-satu", "Artikel artikel-dua"}
    assert titles[0] == "Artikel artikel-dua", "newest first"
    for entry in entries:
        assert entry.findtext(f"{ATOM}id", "").startswith("tag:asn-portal,2026:Portal%20Uji/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{ATOM}updated", ""))
    for href in feed_links(sites.local):  # relative to the feed, at the site root
        assert not href.startswith(("/", "http")) and (sites.local / href / "index.html").is_file(), href
    public = ET.parse(sites.public / FEED_FILE).getroot()
    assert public.findtext(f"{ATOM}id") == PUBLIC
    for entry in public.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href", "")  # type: ignore[union-attr]
        assert entry.findtext(f"{ATOM}id") == href and href.startswith(PUBLIC)
        assert (sites.public / href.removeprefix(PUBLIC) / "index.html").is_file(), href


def test_the_feed_holds_the_newest_50_and_its_bytes_follow_from_content(project: ProjectBuilder) -> None:
    project.factor("alpha", 1)
    project.course("kursus-satu")
    for n in range(1, 56):
        project.article(f"a{n:02d}", date=f"2026-{(n - 1) // 28 + 1:02d}-{(n - 1) % 28 + 1:02d}")
    catalog, problems = load_catalog(Project.at(project.root))
    assert not problems.errors
    site = Site("Portal Uji")
    text = feed_xml(catalog, Urls(True), site)
    assert text == feed_xml(catalog, Urls(True), site), "no clock"
    root = ET.fromstring(text)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert len(titles) == 50 and titles[0] == "Artikel a55" and titles[-1] == "Artikel a06"
    # An undated course (no Git date) takes the oldest date the build knows: it never passes a dated entry.
    dates = {e.slug: d for d, e in dated(catalog, {})}
    assert dates["kursus-satu"] == dates["a01"] and dates["a01"] > UNDATED
    assert dated(catalog, {"content/courses/kursus-satu.yml": dates["a55"]})[0][1].slug == "kursus-satu"


def test_generated_addresses_are_reserved() -> None:
    assert set(GENERATED_FILES) <= RESERVED_FILES
