"""The catalog asn-portal builds, as a Hugo site with a minimal layout of its own (the build benchmark's
Hugo and Hugo + Pagefind columns).

Every course, article and factor page and every hand-written page becomes one Hugo content file holding
the very HTML asn-portal's core renders for it (``asn_portal.site.plain.plain_site``, as ``asn-portal
export`` writes it), so Hugo shows the same text, headings and sections. The files are HTML content
(``*.html`` with front matter): Hugo passes them through as they are, it converts no Markdown (a raw HTML
block in Goldmark would end at the first blank line). The front matter carries what Hugo lists and
groups by: title, summary, the facts line, a ``weight`` (the entry's place in asn-portal's listing:
courses by title, newest article first, factors in their order) and the taxonomies of the course YAML
(``kompetensi``, ``jenjang``, ``moda``; ``tags`` for courses and articles).

Hugo itself makes what asn-portal's listings are: each section (``kursus/``, ``artikel/``, ``faktor/``)
as a list of cards paginated by 50 (``halaman/2/``...), one page per taxonomy listing its terms, and one
per term listing its pages, again by 50. No RSS; Hugo's sitemap is on (asn-portal writes one too). The
single pages' content carries ``data-pagefind-body``, so Pagefind indexes the entries and hand-written
pages, not the lists (as asn-portal's search does). No stylesheet or script is copied: the layout is
Hugo's minimum, and a course page's links to other pages resolve as in asn-portal's site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn_portal.render.publish import TAG_INDEX_ELEMENT
from asn_portal.render.source import PageSource
from asn_portal.site.plain import PlainSite
from asn_portal.trust.urls import Urls

PAGE_SIZE = 50
ENTRY_KINDS = ("course", "article", "factor")
# The taxonomies: Hugo's name (also the URL) -> the course field it groups by.
TAXONOMIES = {"kompetensi": "competency", "jenjang": "level", "moda": "mode"}

CONFIG = """\
baseURL = "{base_url}"
locale = "id"
title = {title}
disableKinds = ["rss"]
enableRobotsTXT = false

[security]
  allowContent = ["^text/html$"]  # HTML content files: Hugo 0.168 refuses them unless allowed

[pagination]
  pagerSize = {page_size}
  path = "halaman"

[taxonomies]
  kompetensi = "kompetensi"
  jenjang = "jenjang"
  moda = "moda"
  tag = "tags"
"""

BASEOF = """\
<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><nav><a href="{{ "" | relURL }}">Beranda</a>
{{ range slice "kursus" "faktor" "artikel" }}{{ with site.GetPage . }}
 <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
<a href="{{ "tags/" | relURL }}">Tag</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}<article data-pagefind-body>
{{ .Content }}
{{ with .GetTerms "tags" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
"""

HOME = """\
{{ define "main" }}<article data-pagefind-body>
{{ .Content }}
</article>{{ end }}
"""

CARDS = """\
{{ $pager := .Paginate .Pages }}
<ul class="cards">{{ range $pager.Pages }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ with .Params.facts }}<p>{{ . }}</p>{{ end }}{{ with .Description }}<p>{{ . }}</p>{{ end }}
{{ with .GetTerms "tags" }}<p>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</li>{{ end }}
</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Sebelumnya</a>{{ end }}
Halaman {{ $pager.PageNumber }} dari {{ $pager.TotalPages }}
{{ with $pager.Next }}<a href="{{ .URL }}">Berikutnya</a>{{ end }}</nav>
"""

LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ partial "cards.html" . }}{{ end }}
"""

TAXONOMY = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
"""

LAYOUTS = {
    "baseof.html": BASEOF,
    "single.html": SINGLE,
    "home.html": HOME,
    "list.html": LIST,
    "term.html": LIST,
    "taxonomy.html": TAXONOMY,
    "_partials/cards.html": CARDS,
}


@dataclass
class HugoSite:
    root: Path
    content_files: int


def front_matter(values: dict[str, Any]) -> str:
    """YAML front matter with every value a JSON scalar or list (YAML reads JSON as it is)."""
    return "---\n" + "\n".join(f"{key}: {json.dumps(value)}" for key, value in values.items()) + "\n---\n"


def content_file(meta: dict[str, Any], html: str) -> str:
    return front_matter(meta) + html.replace(TAG_INDEX_ELEMENT, "") + "\n"


def entry_meta(page: PageSource, entry: Any, weight: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": page.title, "description": page.description, "weight": weight}
    if page.facts:
        meta["facts"] = page.facts
    for taxonomy, field in TAXONOMIES.items():
        value = getattr(entry, field, None)
        if isinstance(value, str) and value:
            meta[taxonomy] = [value]
    if page.tags:
        meta["tags"] = list(page.tags)
    return meta


def sections(plain: PlainSite) -> dict[str, str]:
    """Kind -> the folder its pages are published in (``course`` -> ``kursus``)."""
    found: dict[str, str] = {}
    for page in plain.parts.pages.values():
        if page.kind in ENTRY_KINDS and "/" in page.src:
            found.setdefault(page.kind, page.src.split("/", 1)[0])
    return found


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_entries(plain: PlainSite, content: Path, folders: dict[str, str]) -> int:
    catalog = plain.checked.catalog.without_drafts()
    written = 0
    for kind, folder in folders.items():
        pages = {page.src: page for page in plain.parts.pages.values() if page.kind == kind}
        for weight, entry in enumerate(catalog.sorted(kind), start=1):
            page = pages.get(f"{folder}/{entry.slug}.md")
            if page is None:
                continue
            text = content_file(entry_meta(page, entry, weight), page.html)
            write_text(content / folder / f"{entry.slug}.html", text)
            written += 1
    return written


def write_other_pages(plain: PlainSite, content: Path, folders: dict[str, str]) -> int:
    """Hand-written pages and the credit/tool pages at their published place; the section listings
    (``kursus/index.md``, ``kursus/halaman-2.md``...) become Hugo's own section pages."""
    urls, written = Urls(True), 0
    listing_titles = {page.src.split("/", 1)[0]: page.title for page in plain.parts.pages.values()
                      if page.kind == "index" and page.src in {f"{f}/index.md" for f in folders.values()}}
    for folder, title in listing_titles.items():
        write_text(content / folder / "_index.html", front_matter({"title": title}))
        written += 1
    for page in plain.parts.pages.values():
        if page.kind in ENTRY_KINDS or page.src.split("/", 1)[0] in listing_titles:
            continue
        meta = {"title": page.title, "description": page.description}
        if page.src == "index.md":
            write_text(content / "_index.html", content_file(meta, page.html))
        else:
            published = urls.dest(page.src).removesuffix("index.html").strip("/")
            write_text(content / f"{published}.html", content_file({**meta, "url": f"/{published}/"}, page.html))
        written += 1
    return written


def export_hugo(plain: PlainSite, target: Path, base_url: str) -> HugoSite:
    """Write the Hugo site (config, layouts, content) into ``target``, which must not exist."""
    target.mkdir(parents=True)
    site_name = plain.settings.get("site_name")
    title = json.dumps(site_name if isinstance(site_name, str) else "Portal Pembelajaran ASN")
    write_text(target / "hugo.toml", CONFIG.format(base_url=base_url, title=title, page_size=PAGE_SIZE))
    for name, text in LAYOUTS.items():
        write_text(target / "layouts" / name, text)
    folders = sections(plain)
    content = target / "content"
    files = write_entries(plain, content, folders) + write_other_pages(plain, content, folders)
    return HugoSite(target, files)
