"""Hostile text in every field of every kind: nothing executes, and readers see the characters.

Every plain-text field gets its own hostile string (named after the field, so a failure says where),
every Markdown field gets HTML tricks. The build is not strict: risky HTML in Markdown is reported
as a warning, then removed from the page. Link targets the resolver refuses (javascript:, data:)
fail the build instead: tests/browser/test_hostile.py has those.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.htmlview import Node, content, h1, load, parse, title
from tests.support.project import MKDOCS_YML, ProjectBuilder

SITE_NAME = "Portal Uji"


def hostile(field: str) -> str:
    return (f"<b>{field}</b> & \"kutip\" 'tunggal' <script>alert('{field}')</script> "
            f"<img src=x onerror=alert(1)> \"><script>alert(2)</script> '><svg onload=alert(3)> "
            f"<iframe src=javascript:alert(4)></iframe> [tautan](javascript:alert(5)) *miring* _garis_ "
            f"{{{{ jinja }}}} {{% raw %}} #pagar 1 < 2 &amp; 3 > 2 \\ `kode` |pipa| ~~coret~~")


MARKDOWN = """\
Pembuka **tebal** dan teks biasa: 1 < 2 & 3 > 2.

<script>alert('md')</script>

<img src="https://example.org/x.png" onerror=alert(1)>

<a href="https://example.org" onclick="alert(1)" style="x">klik</a>

<iframe src="javascript:alert(1)"></iframe>

<svg onload=alert(1)><circle r="1"/></svg>

<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">

"><script>alert(1)</script>

<div onmouseover="alert(1)">div</div>

<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">tombol</button></form>

<style>body { display: none }</style>

## Judul <script>alert(1)</script>

Penutup.
"""

q = json.dumps  # a JSON string is a valid double-quoted YAML scalar


@dataclass
class Hostile:
    root: Path
    site: Path

    def page(self, folder: str, slug: str) -> Node:
        return load(self.site / folder / slug / "index.html")


def write_hostile(p: ProjectBuilder) -> None:
    yml = MKDOCS_YML + "markdown_extensions:\n  - toc:\n      permalink: true\n"
    p.write("mkdocs.yml", yml)
    p.write("content/pages/tag.md", "# Tag\n\n<!-- material/tags -->\n")
    p.write("materials/berkas.pdf", b"%PDF-1.4\n")
    p.write("content/factors/alpha.yml", f"""\
title: {q(hostile("factor.title"))}
order: 1
summary: {q(hostile("factor.summary"))}
body: {q(MARKDOWN)}
practices:
  - title: {q(hostile("practice.title"))}
    description: {q(MARKDOWN)}
tags: [{q(hostile("factor.tag"))}]
""")
    p.write("content/courses/kursus-satu.yml", f"""\
title: {q(hostile("course.title"))}
summary: {q(hostile("course.summary"))}
description: {q(MARKDOWN)}
competency: teknis
level: dasar
mode: daring
jp: 8
factors: [alpha]
objectives: [{q(hostile("course.objective"))}]
prerequisites: [{q(hostile("course.prerequisite"))}]
organizer: {q(hostile("course.organizer"))}
audience: {q(hostile("course.audience"))}
registration: "https://example.org/daftar?a=\\"><script>alert(1)</script>"
modules:
  - title: {q(hostile("module.title"))}
    summary: {q(hostile("module.summary"))}
    jp: 8
    materials:
      - path: materials/berkas.pdf
        title: {q(hostile("material.title"))}
      - url: "https://example.org/x\\"onmouseover=\\"alert(1)"
        title: {q(hostile("material.url.title"))}
tags: [{q(hostile("course.tag"))}]
""")
    p.write("content/articles/artikel-satu.yml", f"""\
title: {q(hostile("article.title"))}
summary: {q(hostile("article.summary"))}
body: {q(MARKDOWN)}
date: 2026-11-27
author:
  name: {q(hostile("author.name"))}
  unit: {q(hostile("author.unit"))}
factors: [alpha]
courses: [kursus-satu]
materials:
  - path: materials/berkas.pdf
    title: {q(hostile("article.material.title"))}
tags: [{q(hostile("article.tag"))}]
""")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    from asn_portal.engines.mkdocs.build import build_site

    p = ProjectBuilder(tmp_path_factory.mktemp("hostile") / "portal")
    write_hostile(p)
    site = build_site(p.root / "mkdocs.yml", strict=False)
    return Hostile(p.root, site)


# -- nothing executes --------------------------------------------------------------------------
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc", "background")


def injections(root: Node, where: str) -> list[str]:
    """Everything in a parsed document that would run script."""
    found = []
    for node in root.iter():
        if node.tag == "script" and node.get("type") in ("application/json", "application/ld+json"):
            # Data (the plan page's courses), never run: hostile titles are fine inside as long as
            # nothing in it can close the element ("<" is always escaped).
            if "<" in node.raw_text:
                found.append(f"{where}: <script type=application/json> holding '<'")
        elif node.tag == "script" and re.search(r"alert|onerror|onload", node.raw_text):
            found.append(f"{where}: <script> with {node.raw_text.strip()[:60]!r}")
        if node.tag in ("iframe", "object", "embed", "frame", "frameset", "base"):
            found.append(f"{where}: <{node.tag}> element")
        if node.tag == "style" and "display: none" in node.raw_text:
            found.append(f"{where}: injected <style>")
        for name, value in node.attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: <{node.tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value is not None:
                squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append(f"{where}: <{node.tag} {name}={value!r}>")
    return found


def site_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    return pages


def test_no_page_contains_an_executable_injection(built: Hostile) -> None:
    problems = []
    for path in site_pages(built.site):
        problems += injections(load(path), str(path.relative_to(built.site)))
    assert problems == []


def test_filter_form_is_the_only_form(built: Hostile) -> None:
    """The portal's own forms are fine (index filters, quizzes, the plan's course finder and identity
    form); every other form came from YAML."""
    own = {"asn-filter", "md-search__form", "md-header__option", "asn-quiz", "asn-plan__find", "asn-profile",
           "asn-notfound"}  # the 404 page's search form
    for path in site_pages(built.site):
        for form in load(path).find_all("form"):
            assert own & set(form.classes), f"{path}: {form}"
            action = form.get("action")
            if "asn-notfound" in form.classes:  # the 404 page searches the site it is on, and nothing else
                assert action is not None and ":" not in action and not action.startswith("//"), f"{path}: {form}"
            else:
                assert action is None, f"{path}: {form}"


def test_search_results_and_tags_json_are_inert(built: Hostile, node: str) -> None:
    """Material puts search results and tags into the page as HTML: the engine's answers for the
    hostile entries carry escaped text (and <mark>) only."""
    from tests.support.search import ask, shard_docs

    docs = shard_docs(built.site)
    titles = {"kursus/kursus-satu/": hostile("course.title"), "artikel/artikel-satu/": hostile("article.title")}
    for location, written in titles.items():
        assert docs[location][1] == written  # stored as plain text, escaped by the engine
    problems = []
    answers = ask(node, built.site, ["alpha", *(" ".join(w.split()[:4]) for w in titles.values())])
    found = {}
    for answer in answers:
        for item in answer["items"]:
            for key in ("title", "text"):
                problems += injections(parse(item[key]), f"search {item['location']} {key}")
            assert not item["location"].lower().startswith("javascript:")
            found[item["location"]] = parse(item["title"]).text
    for location, written in titles.items():
        assert found[location] == written, (found.get(location), written)
    tags = json.loads((built.site / "tags.json").read_text(encoding="utf-8"))
    for mapping in tags["mappings"]:
        problems += injections(parse(mapping["item"]["title"]), f"tags.json {mapping['item']['url']}")
        for tag in mapping["tags"]:
            problems += injections(parse(tag), "tags.json tag")
        assert not mapping["item"]["url"].lower().startswith("javascript:")
    assert problems == []


# -- readers see the characters ----------------------------------------------------------------
def shown(field: str) -> str:
    """What a reader should see: the text exactly, whitespace collapsed as HTML shows it."""
    return " ".join(hostile(field).split())


def test_titles_show_literal_text_in_h1_title_and_meta(built: Hostile) -> None:
    for folder, slug, kind in (("kursus", "kursus-satu", "course"), ("faktor", "alpha", "factor"),
                               ("artikel", "artikel-satu", "article")):
        page = built.page(folder, slug)
        assert h1(page) == shown(f"{kind}.title")
        assert title(page) == f"{shown(f'{kind}.title')} - {SITE_NAME}"
        description = page.one("meta", name="description").get("content")
        assert description == shown(f"{kind}.summary")
        assert content(page).one("p", cls="asn-summary").text == shown(f"{kind}.summary")


def test_course_fields_show_literal_text(built: Hostile) -> None:
    article = content(built.page("kursus", "kursus-satu"))
    facts = article.one("dl", cls="asn-facts")
    values = dict(zip([d.text for d in facts.find_all("dt")], [d.text for d in facts.find_all("dd")], strict=True))
    assert values["Penyelenggara"] == shown("course.organizer")
    assert values["Sasaran peserta"] == shown("course.audience")
    registration = facts.one("a").get("href")
    assert registration == "https://example.org/daftar?a=\"><script>alert(1)</script>"  # an attribute, inert
    assert [li.text for li in article.one("ul", cls="asn-objectives").find_all("li")] == [shown("course.objective")]
    prerequisites = [li.text for li in article.find_all("li") if li.text == shown("course.prerequisite")]
    assert len(prerequisites) == 1
    module = article.one("ol", cls="asn-modules")
    assert module.one("strong").text == shown("module.title")
    assert any(p.text == shown("module.summary") for p in module.find_all("p"))
    materials = {a.text: a.get("href") for a in module.one("ul", cls="asn-materials").find_all("a")}
    assert materials[shown("material.title")] == "../../materi/berkas.pdf"
    assert materials[shown("material.url.title")] == "https://example.org/x\"onmouseover=\"alert(1)"
    assert [t.text for t in article.find_all(cls="md-tag")] == [shown("course.tag")]


def test_factor_and_article_fields_show_literal_text(built: Hostile) -> None:
    factor = content(built.page("faktor", "alpha"))
    practices = [h.own_text for h in factor.find_all("h3")]
    assert shown("practice.title") in practices
    assert [t.text for t in factor.find_all(cls="md-tag")] == [shown("factor.tag")]
    article = content(built.page("artikel", "artikel-satu"))
    byline = article.one("p", cls="asn-byline")
    assert byline.one("a", cls="asn-author").text == shown("author.name")
    assert byline.one("span", cls="asn-unit").text == shown("author.unit")
    assert any(a.text == shown("article.material.title") for a in article.find_all("a"))
    assert [t.text for t in article.find_all(cls="md-tag")] == [shown("article.tag")]
    # the other pages name each other with the same literal titles
    assert shown("factor.title") in [a.text for a in article.find_all("a")]
    assert shown("course.title") in [a.text for a in article.find_all("a")]


def test_index_and_home_pages_show_literal_text(built: Hostile) -> None:
    for folder, kind in (("kursus", "course"), ("faktor", "factor"), ("artikel", "article")):
        index = content(load(built.site / folder / "index.html"))
        card = index.one("li", cls="asn-card")
        assert card.one("a").text == shown(f"{kind}.title")
        assert card.one("p", cls="asn-card__summary").text == shown(f"{kind}.summary")
        assert shown(f"{kind}.title").lower() in (card.get("data-search") or "")
    courses = content(load(built.site / "kursus" / "index.html"))
    options = [o.text for o in courses.one("select", name="factors").find_all("option")]
    assert options == ["Semua", shown("factor.title")]
    home = content(load(built.site / "index.html"))
    names = [a.text for a in home.find_all("a")]
    for kind in ("course", "factor", "article"):
        assert shown(f"{kind}.title") in names
    tags = content(load(built.site / "tag" / "index.html"))
    assert {shown("course.tag"), shown("factor.tag"), shown("article.tag")} <= {t.text for t in
                                                                                tags.find_all(cls="md-tag")}


def test_markdown_fields_keep_their_safe_content(built: Hostile) -> None:
    pages = {"course": built.page("kursus", "kursus-satu"), "factor": built.page("faktor", "alpha"),
             "article": built.page("artikel", "artikel-satu")}
    for kind, page in pages.items():
        proses = content(page).find_all("div", cls="asn-prose")
        assert proses, kind
        for prose in proses:
            assert "1 < 2 & 3 > 2." in prose.text
            assert prose.one("strong").text == "tebal"
            assert "Penutup." in prose.text
            # the words of a removed link stay, the link target does not
            for a in prose.find_all("a"):
                href = a.get("href")
                assert href is None or href.startswith(("https://", "http://", "#")), href
            assert "klik" in {a.text for a in prose.find_all("a")}
            for img in prose.find_all("img"):
                assert not (img.get("src") or "").lower().startswith("javascript:")
