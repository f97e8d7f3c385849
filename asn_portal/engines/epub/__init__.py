"""``asn-portal epub``: the portal, or a subset of it, as one EPUB 3 book for e-readers and phones.

An output without an engine, beside engines/zensical: it takes the site as the core assembles it
(site/plain.py, ``directory_urls=False`` so that every link names its file) and writes each page the
book keeps (book.py) as an XHTML document: the HTML reduced to what a book can use (clean.py), quizzes
as text with their keys in a back-matter page (quiz.py), links pointed at the book's files (links.py),
then the package document, the navigation document and the zip (package.py). Nothing in the book is
loaded from the network and nothing runs a script; epubcheck passes it (tests/test_epub.py).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from asn_portal.engines.epub import book as bk
from asn_portal.engines.epub.clean import clean
from asn_portal.engines.epub.links import BookFiles, href_to, resolve
from asn_portal.engines.epub.package import (
    NAV_FILE,
    OPF_FILE,
    STYLE,
    STYLE_FILE,
    Metadata,
    nav_document,
    package_document,
    write_epub,
)
from asn_portal.engines.epub.quiz import KEY_FILE, QuizKey, extract_quizzes, key_sections
from asn_portal.engines.epub.xhtml import Element, Node, document, parse, serialize, walk
from asn_portal.model.project import Project
from asn_portal.render.source import PageSource
from asn_portal.site.plain import PlainSite, PlainSiteError, plain_site

__all__ = ["EpubError", "EpubReport", "make_epub"]
DEFAULT_NAME = "Portal Pembelajaran ASN"
KEY_INTRO = "Jawaban setiap kuis di dalam buku ini, urut seperti kuisnya. Cocokkan setelah Anda menjawab sendiri."


class EpubError(Exception):
    """The book cannot be made; the message (Indonesian) is for the person running the command."""


@dataclass
class EpubReport:
    path: Path
    pages: int  # the portal's pages in the book (the key page and the contents not counted)
    images: int
    size: int  # bytes
    title: str


def make_epub(project: Project, config_file: Path, output: Path,
              chosen: tuple[tuple[str, str], ...] = ()) -> EpubReport:
    """Write the book of the whole portal (``chosen`` empty; drafts never) or of the chosen entries and
    what they link, to ``output`` (atomically; the same content gives the same bytes)."""
    try:
        plain = plain_site(project, config_file, directory_urls=False, chosen=chosen, public=False)
    except PlainSiteError as error:
        raise EpubError(str(error)) from None
    pages = bk.reading_order(plain.parts)
    if not pages:
        raise EpubError("Tidak ada halaman yang dapat dimasukkan ke buku.")
    catalog = plain.checked.catalog.without_drafts()
    if chosen:
        catalog = catalog.subset(chosen)
    site_name = _site_name(plain)
    author = plain.settings.get("site_author")
    meta = Metadata(bk.identifier(site_name, chosen), bk.title(site_name, catalog, chosen), bk.modified(catalog),
                    author if isinstance(author, str) and author.strip() else None)
    content = _content(plain, pages)
    key = KEY_FILE if KEY_FILE in content.texts else None
    spine = [bk.page_file(page.src) for page in pages] + ([key] if key else [])
    files = {path: text.encode("utf-8") for path, text in content.texts.items()}
    files.update(content.images)
    files[NAV_FILE] = nav_document(bk.table_of_contents(plain.parts, pages, key), spine[0], key).encode("utf-8")
    files[STYLE_FILE] = STYLE.encode("utf-8")
    files[OPF_FILE] = package_document(meta, sorted(files), spine).encode("utf-8")
    size = write_epub(output, files)
    return EpubReport(output, len(pages), len(content.images), size, meta.title)


def _site_name(plain: PlainSite) -> str:
    name = plain.settings.get("site_name")
    return name.strip() if isinstance(name, str) and name.strip() else DEFAULT_NAME


@dataclass
class _Content:
    texts: dict[str, str]  # XHTML file -> document
    images: dict[str, bytes]  # the pictures the documents show


def _content(plain: PlainSite, pages: list[PageSource]) -> _Content:
    """Every page as an XHTML document, the key page when there are quizzes, and the pictures shown."""
    packable = bk.images(plain.parts.copies)
    book = BookFiles({bk.URLS.dest(page.src): bk.page_file(page.src) for page in pages},
                     {published: file for published, (file, _) in packable.items()}, set(plain.parts.copies))
    trees: dict[str, list[Node]] = {}
    keys: list[QuizKey] = []
    key_ids: set[str] = set()
    for page in pages:  # first every page's ids, which links to anchors on other pages need
        file = bk.page_file(page.src)
        nodes = parse(bk.with_tag_index(page, pages))
        keys += extract_quizzes(nodes, bk.URLS.dest(page.src), file, page.title, key_ids)
        ids: set[str] = set()
        trees[page.src] = clean(nodes, ids)
        book.ids[file] = ids
    texts: dict[str, str] = {}
    shown: set[str] = set()
    for page in pages:
        file = bk.page_file(page.src)
        nodes = resolve(trees[page.src], bk.URLS.dest(page.src), file, book)
        shown |= _pictures(nodes, file)
        texts[file] = document(page.title, serialize(nodes), href_to(STYLE_FILE, file))
    if keys:
        nodes = _key_page(keys, book)
        shown |= _pictures(nodes, KEY_FILE)
        texts[KEY_FILE] = document("Kunci jawaban", serialize(nodes), STYLE_FILE, epub_type="backmatter")
    return _Content(texts, {file: data for file, data in packable.values() if file in shown})


def _key_page(keys: list[QuizKey], book: BookFiles) -> list[Node]:
    """The back matter: every quiz's answers, each section's links resolved from the quiz's own page."""
    nodes: list[Node] = [Element("h1", {}, ["Kunci jawaban"]), "\n", Element("p", {}, [KEY_INTRO]), "\n"]
    ids: set[str] = set()
    for base, section in key_sections(keys):
        nodes += resolve(clean([section], ids), base, KEY_FILE, book)
        nodes.append("\n")
    return nodes


def _pictures(nodes: list[Node], file: str) -> set[str]:
    """The book files of the pictures ``nodes`` show (their src are relative to ``file``)."""
    folder = posixpath.dirname(file)
    return {posixpath.normpath(posixpath.join(folder, unquote(element.attrs["src"])))
            for element in walk(nodes) if element.tag == "img" and "src" in element.attrs}
