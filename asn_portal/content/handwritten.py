"""Hand-written pages (MkDocs' ``docs_dir``, ``content/pages/``) are contributions too, and the core owns them.

A page is read once, here, for ``check`` and for the build alike: front matter through the declared
schema (``frontmatter``), the body with the site's Markdown extensions, every link checked by the
resolver. ``publish`` then makes the finished page from this reading (sanitised HTML, table of
contents, a title and meta the core set); the engine never reads the source itself, so nothing in a
page can choose a template or feed the theme a value.

Other files in the folder only of the material types; nothing may take an address the theme or the
portal writes.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions.toc import slugify as toc_slugify

from asn_portal.content.frontmatter import PageMeta, split_page
from asn_portal.model.fieldtypes import HIDDEN, hidden_name
from asn_portal.model.problems import ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import KINDS, PUBLISHED_MATERIALS
from asn_portal.trust.linkcheck import Inspection, Locator, inspect_html
from asn_portal.trust.markup import PERMALINK_TITLE, TocEntry
from asn_portal.trust.paths import file_type_problem, is_link, name_key, windows_problem
from asn_portal.trust.resolver import Resolver
from asn_portal.trust.sanitize import safe_id
from asn_portal.trust.urls import HOME, PAGE_SUFFIXES, PORTAL_PAGES, is_page

# Site paths the theme or the portal itself writes: a contributed file there would replace them.
THEME_FOLDERS = frozenset({"assets", "search"})
# the theme's files, and what render/readers.py writes for machines (its GENERATED_FILES)
RESERVED_FILES = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "catalog.json", "feed.xml",
                            "schemas/catalog.schema.json", "tags.json"})
# A folder with a page file's suffix: offline, a page beside it is published under that very name.
_PAGE_FILE_SUFFIXES = (".html", ".htm")
# MkDocs' own extensions, always on; the site's come after them.
BASE_EXTENSIONS = ("toc", "tables", "fenced_code")
HOME_TITLE = "Beranda"
# Extensions that put another file's text into a page (``--8<-- "x"``, ``{!x!}``): a contributed page would
# publish any file of the checkout. The core reads pages without them; check says so where a page asks.
INCLUDING_EXTENSIONS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include",
                                  "pymdownx.include"})
_INCLUDE = re.compile(r"--8<--|\{!.*!\}")
# Where the theme lists every tag (Material's tags plugin); the portal passes the marker on, not its options.
_TAG_INDEX = re.compile(r"^<!--\s*material/tags\b(.*?)-->[ \t]*$", re.M | re.S)
_TAG_TOKEN = f"asntags{secrets.token_hex(8)}n"  # unguessable: a page cannot write one


def page_suffix_problem(rel: str) -> str | None:
    """``tentang.MD``: MkDocs reads only lower-case suffixes as pages, so it would publish the text as a file."""
    if not is_page(rel) and rel.lower().endswith(PAGE_SUFFIXES):
        stem, _, suffix = rel.rpartition(".")
        return f"akhiran '.{suffix}' harus huruf kecil agar terbaca sebagai halaman. Ganti nama menjadi {stem}.md."
    return None


def page_files(project: Project) -> list[str]:
    """Files MkDocs would read from the pages folder, as posix paths inside it (links left out:
    they are reported as errors and never read)."""
    base = project.pages_dir
    if not base.is_dir() or is_link(base):
        return []
    found = []
    for top, dirs, files in os.walk(base, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_link(Path(top, d)))
        for name in sorted(files):
            path = Path(top, name)
            rel = path.relative_to(base).as_posix()
            if name.startswith(".") or rel.startswith("templates/") or is_link(path):
                continue  # MkDocs leaves out dot files and templates/ by default
            found.append(rel)
    return found


def generated_pages(slugs: dict[str, set[str]]) -> set[str]:
    """Source paths of the pages the portal writes, for links from hand-written pages."""
    found = {HOME, *(page.src for page in PORTAL_PAGES)}
    for spec in KINDS.values():
        found.add(f"{spec.url_dir}/index.md")
        found |= {f"{spec.url_dir}/{slug}.md" for slug in slugs.get(spec.name, ())}
    return found


def generated_addresses() -> tuple[set[str], set[str]]:
    """(top-level folders, files) the theme or the portal writes at the site root, as ``name_key``s."""
    folders = {*(k.url_dir for k in KINDS.values()), *(page.src.split("/")[0] for page in PORTAL_PAGES),
               PUBLISHED_MATERIALS, *THEME_FOLDERS}
    return {name_key(f) for f in folders}, {name_key(f) for f in RESERVED_FILES}


def reserved_problem(rel: str) -> str | None:
    """A pages-folder file whose published address is one the theme or the portal writes, or that
    sits in a folder named like a file the site holds (``feed.xml/``, ``tentang.html/``)."""
    folders, files = generated_addresses()
    key = name_key(rel)
    top = key.split("/")[0]
    # "kursus.md" is published at kursus/index.html (directory URLs) or beside the kursus/ folder.
    stem = top.rsplit(".", 1)[0] if "/" not in key and key.endswith(PAGE_SUFFIXES) else None
    # 404.md: online at 404/, offline at 404.html, where the theme's 404 page is
    if key in files or (top in folders and "/" in key) or stem in folders or stem == "404":
        return (f"path '{rel}' dipakai tema atau halaman yang dibuat portal, sehingga berkas ini akan menggantikannya "
                "atau hilang. Pindahkan ke folder lain atau ganti namanya; penggantian tema hanya lewat folder "
                "overrides/ yang dikelola peninjau.")
    # a page is published in a folder of its name too (tentang.md -> tentang/index.html): compared as one
    index = is_page(rel) and rel.rsplit("/", 1)[-1].rsplit(".", 1)[0] == "index"
    published = rel.rsplit(".", 1)[0] + "/index.html" if is_page(rel) and not index else rel
    return _folder_problem(published, files)


def _folder_problem(rel: str, files: set[str]) -> str | None:
    parts = rel.split("/")[:-1]
    for depth, part in enumerate(parts, 1):
        folder = "/".join(parts[:depth])
        if name_key(folder) in files or name_key(part).endswith(_PAGE_FILE_SUFFIXES):
            return (f"folder '{folder}/' bernama seperti berkas yang diterbitkan situs, sehingga situs atau "
                    f"bundel tidak dapat dibuat. Ganti nama folder itu, misalnya menjadi "
                    f"'{folder.rsplit('.', 1)[0]}-berkas/'.")
    return None


def check_pages(project: Project, resolver: Resolver, files: Iterable[str],
                problems: ProblemList) -> tuple[dict[str, str], dict[str, ReadPage]]:
    """Report problems in every file of the pages folder; return the materials pages link and the pages
    as read (the build publishes exactly these)."""
    materials: dict[str, str] = {}
    read: dict[str, ReadPage] = {}
    reader = PageReader(project)
    for rel in files:
        shown = project.rel(project.pages_dir / rel)
        problem = reserved_problem(rel) or windows_problem(rel) or page_suffix_problem(rel)
        if problem is None and not is_page(rel):
            problem = file_type_problem(rel, project.allow_active_materials)
        if problem:
            problems.error(shown, 1, None, problem)
            continue
        if is_page(rel):
            page = reader.read(rel, resolver, problems)
            if page is not None:
                read[rel] = page
                materials.update(page.inspection.materials)
    return materials, read


@dataclass
class ReadPage:
    """A hand-written page as read: meta, its HTML before sanitising, its headings."""

    rel: str  # path inside the pages folder ("tentang.md"), the page's source path for the engine
    source: str  # path from the project root, for messages and edit links
    meta: PageMeta
    html: str
    toc: list[TocEntry]
    inspection: Inspection = field(default_factory=Inspection)
    tag_indexes: int = 0  # tag index markers (``<!-- material/tags -->``), placeholders in ``html``

    @property
    def title(self) -> str:
        """Plain text: front matter's title, else the first level-1 heading, else the file's name."""
        if self.meta.title:
            return self.meta.title
        first = next((t for t in self.toc if t["level"] == 1), None)
        if first is not None and html.unescape(first["name"]).strip():
            return " ".join(html.unescape(first["name"]).split())
        if self.rel in (HOME, "README.md"):
            return HOME_TITLE
        stem = posixpath.splitext(posixpath.basename(self.rel))[0]
        if stem in ("index", "README"):
            stem = posixpath.basename(posixpath.dirname(self.rel)) or HOME_TITLE
        name = stem.replace("-", " ").replace("_", " ")
        return name.capitalize() if name.lower() == name else name


def safe_slugify(original: Callable[..., str]) -> Callable[..., str]:
    """The site's heading slugify, with reserved ids (``## __config``) given a prefix."""

    def slugify(value: str, separator: str, *args: Any, **kwargs: Any) -> str:
        return safe_id(original(value, separator, *args, **kwargs))

    return slugify


class PageReader:
    """Reads hand-written pages with the site's own Markdown extensions (falling back to MkDocs'
    own ones when an extension cannot be loaded outside MkDocs: check and build fall back alike)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        names = [name for name, _ in project.markdown_extensions if name not in INCLUDING_EXTENSIONS]
        self.including = [name for name, _ in project.markdown_extensions if name in INCLUDING_EXTENSIONS]
        self.extensions = list(dict.fromkeys([*BASE_EXTENSIONS, *names]))
        self.configs: dict[str, Any] = {n: dict(c) for n, c in project.markdown_extensions if c}
        toc = self.configs.setdefault("toc", {})
        toc.setdefault("permalink_title", PERMALINK_TITLE)  # in Indonesian unless the site set its own
        original = toc.get("slugify")
        # Reserved ids (``## __config``) get their prefix in the heading and in the contents alike.
        toc["slugify"] = safe_slugify(original if callable(original) else toc_slugify)

    def convert(self, text: str) -> tuple[str, list[TocEntry], list[str]]:
        """(HTML, headings, targets of every reference definition): an unused definition is checked too."""
        try:
            md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
            page_html = md.convert(text)
        except Exception:  # a site extension that only loads inside MkDocs: read as MkDocs does by default
            md = markdown.Markdown(extensions=list(BASE_EXTENSIONS), extension_configs={"toc": self.configs["toc"]})
            page_html = md.convert(text)
        tokens: list[dict[str, Any]] = getattr(md, "toc_tokens", [])
        return page_html, _flat(tokens), [url for url, _ in md.references.values()]

    def read(self, rel: str, resolver: Resolver, problems: ProblemList) -> ReadPage | None:
        path = self.project.pages_dir / rel
        shown = self.project.rel(path)
        try:
            if path.lstat().st_size > self.project.max_catalog_file_size:
                problems.error(shown, 1, None, f"halaman lebih besar dari {self.project.max_catalog_file_size} byte. "
                                               "Pecah menjadi beberapa halaman.")
                return None
            text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            problems.error(shown, 1, None, "halaman bukan UTF-8. Simpan ulang dengan encoding UTF-8.")
            return None
        except OSError as exc:
            problems.error(shown, 1, None, f"halaman tidak dapat dibaca: {exc.strerror}.")
            return None
        split = split_page(text, shown, problems, resolver)
        lines = text.split("\n")
        locate = Locator(lines, split.body_line, len(lines))

        def report(line: int, col: int | None, message: str, error: bool) -> None:
            (problems.error if error else problems.warning)(shown, line, col, message)

        _hidden_lines(split.body, split.body_line, report)
        if self.including:
            _include_lines(split.body, split.body_line, self.including[0], report)
        body, markers = _tag_index_markers(split.body, shown, split.body_line, problems)
        page_html, toc, definitions = self.convert(body)
        inspection = inspect_html(page_html, resolver, locate, report, from_page=rel,
                                  sanitised=not self.project.raw_html_pages, definitions=definitions)
        return ReadPage(rel, shown, split.meta, page_html, toc, inspection, markers)


def _hidden_lines(body: str, first_line: int, report: Callable[[int, int | None, str, bool], None]) -> None:
    """Invisible characters in a page's text (its first heading is its title), each at its line."""
    for number, line in enumerate(body.split("\n"), first_line):
        for m in HIDDEN.finditer(line):
            code = ord(m.group(0))
            report(number, m.start() + 1, f"teks memuat {hidden_name(code)} U+{code:04X} yang tidak terlihat tetapi "
                                          "mengubah tampilan teks. Hapus karakter itu.", False)


def _include_lines(body: str, first_line: int, extension: str, report: Callable[[int, int | None, str, bool],
                                                                                   None]) -> None:
    for number, line in enumerate(body.split("\n"), first_line):
        m = _INCLUDE.search(line)
        if m:
            report(number, m.start() + 1, f"'{m.group(0)[:5]}' tidak menyisipkan berkas: halaman kontributor dibaca "
                                          f"tanpa {extension}, agar tidak bisa menerbitkan berkas lain dari "
                                          "repositori. Salin teksnya ke halaman ini.", False)


def _tag_index_markers(body: str, shown: str, first_line: int, problems: ProblemList) -> tuple[str, int]:
    """Tag index markers replaced by placeholders the sanitiser keeps (a comment it would drop); the
    engine fills in the index of every tag where each stood. Options in a marker are not passed on."""
    count = 0

    def one(m: re.Match[str]) -> str:
        nonlocal count
        if m.group(1).strip():
            line = first_line + body.count("\n", 0, m.start())
            problems.warning(shown, line, None, "pengaturan di dalam penanda daftar tag tidak dipakai. Tulis "
                                                "<!-- material/tags --> saja.")
        count += 1
        return f"\n{marker(count - 1)}\n"

    return _TAG_INDEX.sub(one, body), count


def marker(n: int) -> str:
    """The placeholder of tag index marker ``n`` in a page's HTML (render.publish replaces it)."""
    return f"{_TAG_TOKEN}{n}x"


def _flat(tokens: Iterable[dict[str, Any]]) -> list[TocEntry]:
    """The toc extension's headings, with the ids the sanitised body gives them (``safe_id``). An id
    is kept as written (attr_list and md_in_html let content write any); the engine adapter escapes
    what the theme prints raw."""
    flat: list[TocEntry] = []
    for token in tokens:
        flat.append({"level": int(token["level"]), "id": safe_id(str(token["id"])), "name": str(token["name"])})
        flat += _flat(token.get("children", []))
    return flat
