"""The sanitised half of the hostile corpus (tests/support/hostile_content.py), built into a site and a kit.

Every sanitised case lives in one project (one check, one build, one bundle): the pages are read back for
script, reserved ids, theme classes and escaped front matter, and a real browser checks that nothing
contributed runs while search still works. A canary secret sits in the build's environment and in a file
beside the project; neither may reach the site, the zip, the search index or the terminal.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from devtools import ROOT
from devtools.browser import keep_local
from devtools.loopback import serve
from tests.support.hostile import (
    CANARIES,
    HOSTILE_BODY,
    HOSTILE_PAGE,
    JSONLD_TEXT,
    PWN,
    TITLE_PAGE,
    cli,
    new_project,
)
from tests.support.htmlview import Node, load
from tests.support.pageerrors import record_errors

# Ids the theme itself writes; content must never carry one (nor the portal's own list ids).
RESERVED_ID = re.compile(r"^(__|asn-list-)")


@dataclass
class Built:
    root: Path
    site: Path
    kit: Path  # the unpacked bundle's site folder
    zip: Path
    check: subprocess.CompletedProcess[str]
    outputs: str  # terminal output of check, build and bundle


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("sanitised")
    p, _ = new_project(base)
    quoted = HOSTILE_BODY.replace("\n", "\n  ")
    p.article("h-bersih", extra="factors: [alpha]\nmaterials: [materials/sub/B.png]\n")
    text = (p.root / "content/articles/h-bersih.yml").read_text(encoding="utf-8")
    p.write("content/articles/h-bersih.yml", text.replace("body: |\n  Isi artikel Artikel h-bersih.\n",
                                                          f"body: |\n  {quoted}\n"))
    summary = "summary: " + json.dumps(JSONLD_TEXT)  # a JSON string is a YAML double-quoted scalar
    p.write("content/articles/h-bersih.yml", (p.root / "content/articles/h-bersih.yml").read_text(encoding="utf-8")
            .replace("summary: Ringkasan artikel Artikel h-bersih.", summary))
    p.course("h-kursus", extra=f"organizer: {json.dumps(JSONLD_TEXT)}\n")
    p.write("content/courses/h-kursus.yml", (p.root / "content/courses/h-kursus.yml").read_text(encoding="utf-8")
            .replace("summary: Ringkasan kursus Kursus h-kursus.", summary))
    p.write("content/pages/uji.md", HOSTILE_PAGE)
    p.write("content/pages/tentang.md", "# Tentang\n\nHalaman biasa.\n")
    p.write("content/pages/judul.md", TITLE_PAGE)
    p.write("content/pages/img/foto.png", b"\x89PNG\r\n")
    check = cli(p.root, "check")
    build = cli(p.root, "build")
    out = base / "portal-uji.zip"
    refused = cli(p.root, "bundle", "-o", str(out))  # remote images: no offline package carries them
    assert refused.returncode == 1 and not out.exists(), refused.stdout + refused.stderr
    assert "content/pages/uji.md:14:" in refused.stderr and "content/articles/h-bersih.yml:" in refused.stderr
    for rel in ("content/articles/h-bersih.yml", "content/pages/uji.md"):
        text = (p.root / rel).read_text(encoding="utf-8")
        p.write(rel, re.sub(r"https://example\.org/\w\.png", "materials/sub/B.png", text))
    bundle = cli(p.root, "bundle", "-o", str(out))
    assert build.returncode == 0 and bundle.returncode == 0, build.stderr + bundle.stderr
    with zipfile.ZipFile(out) as zf:
        zf.extractall(base / "x")
    outputs = "".join(r.stdout + r.stderr for r in (check, build, bundle))
    return Built(p.root, p.root / "site", base / "x" / "portal-uji" / "situs", out, check, outputs)


def pages_of(site: Path) -> list[Path]:
    return [site / "artikel" / "h-bersih" / "index.html", site / "uji" / "index.html"] if (
        site / "uji" / "index.html").exists() else [site / "artikel" / "h-bersih.html", site / "uji.html"]


def content_of(page: Path) -> Node:
    article = load(page).find_all("article")
    assert article, page
    return article[0]


def test_check_reports_what_is_removed_at_its_line(built: Built) -> None:
    assert built.check.returncode == 0, built.check.stderr
    report = built.check.stdout + built.check.stderr
    page = HOSTILE_PAGE.split("\n")
    img = next(i for i, line in enumerate(page, 1) if "page-onerror" in line)
    script = next(i for i, line in enumerate(page, 1) if "page-script" in line)
    assert f"content/pages/uji.md:{img}:" in report and "atribut 'onerror'" in report
    assert f"content/pages/uji.md:{script}:" in report and "<script> dibuang" in report
    source = (built.root / "content/articles/h-bersih.yml").read_text(encoding="utf-8").split("\n")
    details = next(i for i, line in enumerate(source, 1) if "ontoggle" in line)
    assert f"content/articles/h-bersih.yml:{details}:" in report and "atribut 'ontoggle'" in report


@pytest.mark.parametrize("where", [pytest.param("site", marks=pytest.mark.slow), "kit"])
def test_no_page_carries_script_or_a_reserved_id(built: Built, where: str) -> None:
    site = built.site if where == "site" else built.kit
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        doc = load(path)
        for el in doc.find_all():
            for name, value in el.attrs.items():
                assert not name.lower().startswith("on"), f"{path}: {el.tag} {name}"
                if name in ("href", "src") and value:
                    assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), path
        config = [el for el in doc.find_all() if el.get("id") == "__config"]
        assert len(config) <= 1 and all(el.tag == "script" for el in config), path
        # The portal's own list ids belong to the index pages it writes; nowhere else.
        own = {f"asn-list-{path.parent.name}"} if path.name == "index.html" else set()
        for article in doc.find_all("article"):
            for el in article.find_all():
                element_id = el.get("id") or ""
                assert not RESERVED_ID.match(element_id) or element_id in own, f"{path}: id {element_id}"
        text = path.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text and "<iframe" not in text and "<form action" not in text


def test_sanitised_content_keeps_what_is_safe(built: Built) -> None:
    article_page, hand_page = pages_of(built.site)
    article = content_of(article_page)
    ids = {el.get("id") for el in article.find_all() if el.get("id")}
    assert {"isi-__config", "isi-__search", "isi-asn-list-kursus"} <= ids
    assert "zebrakuda" in article.text and "menutupi" in article.text
    assert not [el for el in article.find_all("p") if el.get("style")]
    centred = [el for el in article.find_all("td") if "text-align" in (el.get("style") or "")]
    assert centred, "table alignment is kept"
    hrefs = [a.get("href") for a in article.find_all("a") if a.text in ("Bagian modul", "kursus")]
    assert hrefs == ["../../kursus/kursus-satu/#modul", "../../kursus/kursus-satu/"]
    hand = content_of(hand_page)
    hand_ids = {el.get("id") for el in hand.find_all() if el.get("id")}
    assert {"isi-__config", "isi-__search"} <= hand_ids
    toc = [a.get("href") for a in load(hand_page).find_all("a") if (a.get("href") or "").startswith("#isi-")]
    assert "#isi-__config" in toc and "#isi-__search" in toc, "the table of contents follows the new ids"
    links = {a.text: a.get("href") for a in hand.find_all("a")}
    assert links["kursus"] == "../kursus/kursus-satu/"
    assert links["materi"] == links["materi mentah"] == "../materi/panduan.pdf"
    assert links["tentang"] == "../tentang/"
    assert (built.site / "materi" / "panduan.pdf").is_file() and (built.site / "img" / "foto.png").is_file()


def test_front_matter_is_escaped(built: Built) -> None:
    _, hand_page = pages_of(built.site)
    text = hand_page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in text
    doc = load(hand_page)
    description = [m.get("content") for m in doc.find_all("meta") if m.get("name") == "description"]
    assert description and "<script>" in (description[0] or ""), "the reader sees the characters, escaped"
    assert "onerror" not in "".join(el.tag for el in doc.find_all("img"))
    titles = doc.find_all("title")
    assert titles and "<script>" in titles[0].text


@pytest.mark.parametrize("where", [pytest.param("site", marks=pytest.mark.slow), "kit"])
def test_json_ld_keeps_contributed_text_as_text(built: Built, where: str) -> None:
    """A summary or organizer with <, >, & and </script>: the page has exactly the portal's JSON-LD
    block, it parses back to the text, and nothing of it is markup (the browser test: nothing runs)."""
    site = built.site if where == "site" else built.kit
    for slug in ("artikel/h-bersih", "kursus/h-kursus"):
        page = site / slug / "index.html" if where == "site" else site / f"{slug}.html"
        text = page.read_text(encoding="utf-8")
        assert text.count("<script type=\"application/ld+json\">") == 1, page
        blocks = [el for el in load(page).find_all("script") if el.get("type") == "application/ld+json"]
        assert len(blocks) == 1 and not set("<>&") & set(blocks[0].raw_text), page
        [data] = json.loads(blocks[0].raw_text)
        assert data["description"] == JSONLD_TEXT
        if data["@type"] == "Course":
            assert data["provider"]["name"] == JSONLD_TEXT
        assert f"<script>{PWN}" not in text and "</script><!--" not in text
        summaries = [m.get("content") for m in load(page).find_all("meta") if m.get("name") == "description"]
        assert summaries == [JSONLD_TEXT], "the reader's summary is the text, escaped"
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert [e["summary"] for e in catalog["entries"] if e["slug"] in ("h-bersih", "h-kursus")] == [JSONLD_TEXT] * 2


def test_only_resolved_files_are_published(built: Built) -> None:
    published = sorted(p.relative_to(built.site / "materi").as_posix() for p in (built.site / "materi").rglob("*"))
    assert published == ["panduan.pdf", "sub", "sub/B.png"]


def test_no_secret_in_site_zip_index_or_output(built: Built) -> None:
    for canary in CANARIES:
        assert canary not in built.outputs
        assert canary.encode() not in built.zip.read_bytes()
        for path in [*built.site.rglob("*"), *built.kit.rglob("*")]:
            if path.is_file():
                assert canary.encode() not in path.read_bytes(), path
    # ...while the page's own words are in the search index
    shards = "".join(p.read_text(encoding="utf-8") for p in (built.site / "search").rglob("*.js"))
    assert "zebrakuda" in shards


# -- in a real browser: nothing contributed runs, search still works ------------------------------------

@pytest.fixture(scope="module")
def http_site(built: Built) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


def test_theme_classes_never_reach_content(built: Built) -> None:
    """A contributed element cannot wear the theme's look (a full-screen "session expired" dialog)."""
    for page in pages_of(built.site):
        article = content_of(page)
        assert "berakhir" in article.text
        worn = [el.get("class") for el in article.find_all() if any(c.startswith(("md-dialog", "md-button")) for c in
                                                                     (el.get("class") or "").split())]
        assert worn == [], page
        dialogs = [el for el in article.find_all("div") if "berakhir" in el.text and "md-content" not in
                   (el.get("class") or "")]
        assert dialogs and all("md-" not in (el.get("class") or "") for el in dialogs), page
    hand = content_of(pages_of(built.site)[1])
    assert [el.get("class") for el in hand.find_all("div") if "berakhir" in el.text] == ["admonition note"]
    report = built.check.stdout + built.check.stderr
    line = next(i for i, text in enumerate(HOSTILE_PAGE.split("\n"), 1) if "md-dialog" in text)
    assert f"content/pages/uji.md:{line}:" in report and "kelas 'md-dialog, md-dialog--active'" in report


def test_ids_that_name_a_script_global_are_prefixed(built: Built) -> None:
    article_page, hand_page = pages_of(built.site)
    ids = {el.get("id") for el in content_of(article_page).find_all() if el.get("id")}
    assert {"isi-asnLearning", "isi-asnPortalOnEveryPage", "document-"} <= ids  # "$": not an id character
    assert {"isi-asnLearning", "isi-asnPortalList"} <= {el.get("id") for el in content_of(hand_page).find_all()}


def test_contents_ids_are_inert_and_anchors_follow_the_prefix(built: Built) -> None:
    """A heading id content wrote (attr_list, md_in_html) reaches the theme's contents escaped, and a
    permalink to a prefixed id is prefixed too."""
    for page in (built.site / "uji" / "index.html", built.kit / "uji.html"):
        doc = load(page)
        nav = [a for a in doc.find_all("a") if "md-nav__link" in (a.get("class") or "")]
        hrefs = {a.get("href") for a in nav}
        assert "#a--autofocus-onfocus--window.__pwned-3--x--" in hrefs, hrefs  # letters, digits, _ - : . only
        assert all(not name.startswith("on") and name != "autofocus" for a in nav for name in a.attrs)
        assert "#isi-asnPortalOnEveryPage" in hrefs and "#asnPortalOnEveryPage" not in hrefs


def test_every_global_the_portal_reads_is_a_reserved_id() -> None:
    from asn_portal.trust.sanitize import safe_id
    assets = ROOT / "asn_portal" / "assets"  # the scripts as they are and the module sources of the bundles
    scripts = "".join(p.read_text(encoding="utf-8") for p in [*assets.glob("*.js"), *assets.glob("src/*.mjs")])
    browser = {"Worker", "addEventListener", "confirm", "localStorage", "matchMedia", "print", "setTimeout",
               "clearTimeout", "history", "location", "requestAnimationFrame", "getComputedStyle", "scrollY",
               "importScripts", "opener", "parent"}  # importScripts: called in the search worker only
    read = set(re.findall(r"(?:window|globalThis)\.([A-Za-z_$][\w$]*)", scripts)) - browser
    assert {"asnLearning", "document$", "asnSearch", "asnPortalList"} <= read
    assert [name for name in sorted(read) if safe_id(name) == name] == []


def test_a_title_from_the_first_heading_stays_text(built: Built) -> None:
    for page in (built.site / "judul" / "index.html", built.kit / "judul.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in raw
        doc = load(page)
        title = doc.find_all("title")[0].text
        assert title.startswith("</title><script>window.__pwned='judul'</script> Judul"), title
        assert [h.text for h in doc.find_all("h1")] == ["</title><script>window.__pwned='judul'</script> Judul"]


def test_tag_index_options_are_not_passed_on(built: Built) -> None:
    report = built.check.stdout + built.check.stderr
    line = next(i for i, text in enumerate(HOSTILE_PAGE.split("\n"), 1) if "material/tags" in text)
    assert f"content/pages/uji.md:{line}:" in report and "penanda daftar tag" in report


@pytest.mark.parametrize("where", [pytest.param("http", marks=pytest.mark.slow), "file"])
@pytest.mark.engine_smoke  # run again on each engine by .ci/run
def test_in_the_browser_no_contributed_script_runs_and_search_works(browser: Any, built: Built, http_site: str,
                                                                      where: str) -> None:
    context = browser.new_context()
    outside = keep_local(context, "file:", http_site)  # nothing may leave: a contributed request shows here
    tab = context.new_page()
    errors: list[str] = []
    record_errors(tab, errors, console=False)
    try:
        if where == "http":
            urls = [http_site + "artikel/h-bersih/", http_site + "uji/"]
        else:
            urls = [(built.kit / "artikel" / "h-bersih.html").as_uri(), (built.kit / "uji.html").as_uri()]
        for url, word in zip(urls, ("zebrakuda", "kudazebra"), strict=True):
            tab.goto(url)
            tab.wait_for_load_state("load")
            details = tab.locator("details").first
            if details.count():
                details.evaluate("d => { d.open = false; d.open = true; }")  # would fire ontoggle
            tab.wait_for_timeout(300)
            assert tab.evaluate(f"typeof {PWN}") == "undefined", url
            assert tab.evaluate("typeof window.asnLearning.onEveryPage === 'function' || "
                                "!(window.asnLearning instanceof Element)"), "a contributed id took a global"
            # the theme still reads its own settings: search opens and finds the page
            tab.click("label.md-search__icon[for='__search'], .md-search__input")
            tab.locator("[data-md-component=search-query]").press_sequentially(word, delay=30)
            result = tab.locator("[data-md-component=search-result] li.md-search-result__item a").first
            result.wait_for(timeout=10_000)
            assert tab.evaluate(f"typeof {PWN}") == "undefined", url
        title_page = http_site + "judul/" if where == "http" else (built.kit / "judul.html").as_uri()
        tab.goto(title_page)
        tab.wait_for_load_state("load")
        assert tab.evaluate(f"typeof {PWN}") == "undefined" and "</title>" in tab.title()
        assert errors == []
        assert not [u for u in outside if "example.org" not in u], outside
    finally:
        context.close()

