"""The one place that decides what a link or path written in content may point at.

Every target from content comes here: YAML material fields, Markdown links and images (inline,
reference-style wherever the definition stands, autolinks), raw HTML ``href``/``src`` and links in
hand-written pages. ``check`` and the publisher call the same ``resolve``; only a material it
returned is ever copied into the site.

Accepted: a regular file inside the materials folder (exact letter case, no symbolic link on the
way), an entry link ``kursus:slug#anchor``, a link between hand-written pages, an in-page
``#anchor``, an http(s) URL, ``mailto:``. Anything else is a ``Refusal`` with what to write instead.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from asn_portal.model.hints import closest, suggest, suggest_material
from asn_portal.model.project import Project
from asn_portal.model.registry import KINDS, LINK_PREFIXES, PUBLISHED_MATERIALS, SLUG, by_nav_order
from asn_portal.trust.paths import FileLookup, file_type_problem, windows_problem

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WEB_SCHEMES = ("http", "https")
# Forms a site's hand-written page may take as a link target, by what is written.
_PAGE_FORMS = ("{0}", "{0}.md", "{0}/index.md", "{0}index.md")


@dataclass(frozen=True)
class Link:
    """An accepted target. ``kind``: web, mail, anchor, entry, material, page."""

    kind: str
    value: str  # the URL; the anchor; the entry slug; "materials/x.pdf"; the page's source "a/b.md"
    anchor: str = ""  # "#bagian" or ""
    entry_kind: str = ""  # for entries: the kind's name in KINDS
    published: str = ""  # for materials: "materi/x.pdf"
    size: int = 0  # for materials: bytes


@dataclass(frozen=True)
class Refusal:
    message: str  # Indonesian, says what to write instead


Decision = Link | Refusal
# ("link" or "material", what was written, the hand-written page it stands in, the answer)
Asked = tuple[str, str, str | None, Decision]


def web_url_problem(text: str) -> str | None:
    """Why ``text`` is not a usable http(s) URL, or None."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return f"URL '{text}' tidak valid. Periksa penulisannya (misalnya tanda kurung siku atau nomor port)."
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.hostname:
        return f"URL '{text}' tidak lengkap. Tulis alamat lengkap, misalnya https://contoh.go.id/halaman."
    if "\\" in text:  # browsers read "\" as "/" here: https://a.go.id\@b/ is another host than it seems
        return f"URL '{text}' memuat garis miring terbalik '\\'. Tulis '/' sebagai gantinya."
    if "@" in parts.netloc:
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        return (f"URL '{text}' memuat nama pengguna sebelum '@', sehingga pembaca dibawa ke {parts.hostname}, bukan "
                f"ke alamat yang tampak. Tulis alamatnya tanpa bagian sebelum '@': "
                f"{parts.scheme}://{host}{parts.path or '/'}.")
    if re.search(r"\s", text) or _CONTROL.search(text):
        return f"URL '{text}' memuat spasi. Ganti spasi dengan %20 atau salin ulang alamatnya dari peramban."
    return None


class Resolver:
    """Decides targets for one project. ``slugs``: entries that exist, per kind (None: not checked);
    ``pages``: source paths of hand-written and generated pages and of other files in the pages folder."""

    def __init__(self, project: Project, slugs: Mapping[str, Collection[str]] | None = None,
                 pages: Collection[str] = ()) -> None:
        self.project = project
        self.slugs = slugs
        self.pages = set(pages)
        self.prefix = project.materials_prefix  # "materials"
        self.lookup = FileLookup(project.materials_dir)
        self._cache: dict[str, Decision] = {}
        # When set, every question and its answer (`serve` keeps them with a file's check, and reuses
        # that check while the same questions get the same answers).
        self.asked: list[Asked] | None = None

    # -- entry points ------------------------------------------------------------------------
    def resolve(self, raw: str, from_page: str | None = None) -> Decision:
        """Any link target. ``from_page``: the hand-written page it stands in (None: a YAML field)."""
        key = f"{from_page}\0{raw}"
        if key not in self._cache:
            self._cache[key] = self._resolve(raw.strip(), from_page)
        if self.asked is not None:
            self.asked.append(("link", raw, from_page, self._cache[key]))
        return self._cache[key]

    def material(self, raw: str) -> Decision:
        """A YAML material written as a path (an URL is handled by the caller)."""
        decision = self._resolve(raw.strip(), None, material=True)
        if isinstance(decision, Link) and decision.kind != "material":
            decision = Refusal(f"'{raw}' bukan berkas materi. Tulis path berkas yang diawali {self.prefix}/, "
                               "atau URL https://...")
        if self.asked is not None:
            self.asked.append(("material", raw, None, decision))
        return decision

    def answer(self, question: Asked) -> Decision:
        """The answer this resolver gives today to a question asked of another one."""
        how, raw, from_page, _ = question
        return self.material(raw) if how == "material" else self.resolve(raw, from_page)

    # -- the rules ---------------------------------------------------------------------------
    def _resolve(self, text: str, from_page: str | None, material: bool = False) -> Decision:
        if not text:
            return Refusal("tautan kosong. Tulis tujuan tautannya.")
        compact = re.sub(r"[\t\n\r]", "", text)  # as browsers read a URL: java\tscript: is javascript:
        scheme = _scheme(compact)
        if scheme and compact != text:
            return self._with_scheme(compact, scheme)  # decided on what a browser would read
        if _CONTROL.search(text):
            return Refusal("tautan memuat karakter kontrol. Ketik ulang tautannya.")
        # From here compact == text whenever there is a scheme: ``scheme`` is that of ``text``.
        if "\\" in text and (text.startswith("#") or scheme):
            fixed = text.replace("\\", "/")
            return Refusal(f"tautan '{text}' memuat garis miring terbalik '\\' (peramban membacanya sebagai '/'). "
                           f"Tulis '/', misalnya {fixed}.")
        if text.startswith("#"):
            return Link("anchor", text)
        if scheme:
            return self._with_scheme(text, scheme)
        return self._local(text, from_page, material)

    def _local(self, text: str, from_page: str | None, material: bool) -> Decision:
        """A target without a scheme: a material, a hand-written page (from one), or nothing known."""
        if text.startswith("//"):
            return Refusal(f"alamat '{text}' tidak lengkap. Tulis URL lengkap yang diawali https://.")
        path, _, anchor = text.partition("#")
        path = unquote(path)  # what a person means by %20; a second encoding stays literal
        anchor = f"#{anchor}" if anchor else ""
        refused = self._path_form_refused(text, path)
        if refused is not None:
            return refused
        if path.split("/")[0] == self.prefix:
            return self._material(path)
        if f"{self.prefix}/" in path or material:
            return Refusal(f"path materi '{text}' tidak diawali '{self.prefix}/'. Simpan berkas di folder "
                           f"{self.prefix}/ dan tulis misalnya {suggest_material(path, self.prefix)}.")
        if from_page is not None:
            return self._page(path, anchor, from_page)
        return Refusal(f"tautan '{text}' tidak dikenal. Tulis {_listed([f'{k.url_dir}:slug' for k in by_nav_order()])} "
                       f"untuk entri, {self.prefix}/... untuk berkas materi, atau URL lengkap https://...")

    def _path_form_refused(self, text: str, path: str) -> Refusal | None:
        """A path refused for how it is written, before any file is looked at: a backslash, a Windows
        network or absolute path, a query. ``path``: ``text`` without its anchor, percent-decoded."""
        if "\\" in text and not path.startswith(("/", "\\")) and not re.match(r"^[A-Za-z]:", path):
            norm = posixpath.normpath(path.replace("\\", "/"))
            fixed = norm if norm.startswith(f"{self.prefix}/") else suggest_material(path, self.prefix)
            return Refusal(f"path '{text}' memakai garis miring terbalik '\\'. Pakai '/', tulis: {fixed}")
        if path.startswith(("\\\\", "\\/", "/\\")):
            return Refusal(f"path '{text}' adalah alamat jaringan Windows (\\\\server\\...); peramban dan Windows "
                           f"membukanya di komputer lain. Simpan berkasnya di {self.prefix}/ dan tulis misalnya "
                           f"{suggest_material(path, self.prefix)}.")
        if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
            return Refusal(f"path materi '{text}' absolut. Tulis path dari folder proyek, diawali '{self.prefix}/', "
                           f"misalnya {suggest_material(path, self.prefix)}.")
        if "?" in path:
            return Refusal(f"path '{text}' memuat '?'. Hapus bagian sesudah '?'.")
        return None

    def _with_scheme(self, text: str, scheme: str) -> Decision:
        name = scheme.lower()
        if name in _WEB_SCHEMES:
            problem = web_url_problem(text)
            return Refusal(problem) if problem else Link("web", text)
        if name == "mailto":
            return Link("mail", text) if "@" in text and not re.search(r"\s", text) else Refusal(
                f"alamat surel '{text}' tidak valid. Tulis mailto:nama@instansi.go.id.")
        if scheme in LINK_PREFIXES:
            return self._entry(text, scheme)
        english = {spec.name: spec.url_dir for spec in KINDS.values()}  # a kind's own name: its prefix
        better = english.get(name) or (name if name in LINK_PREFIXES else closest(name, list(LINK_PREFIXES)))
        rest = text.split(":", 1)[1]
        if better:
            return Refusal(f"awalan tautan '{scheme}:' tidak dikenal. Tulis {better}:{rest}.")
        schemes = ["https://", "http://", "mailto:", *(f"{k.url_dir}:" for k in by_nav_order())]
        return Refusal(f"'{text}' bukan alamat yang didukung (hanya {_listed(schemes, ', ', ' dan ')}). Pakai URL "
                       f"https://... atau path {self.prefix}/...")

    def _entry(self, text: str, prefix: str) -> Decision:
        kind = LINK_PREFIXES[prefix]
        slug, _, anchor = text.split(":", 1)[1].partition("#")
        if not SLUG.match(slug):
            return Refusal(f"tautan '{text}': '{slug}' bukan slug (huruf kecil, angka dan '-'). Tulis nama "
                           f"berkasnya tanpa .yml.")
        if anchor and not re.match(r"^[\w.-]+$", anchor):
            return Refusal(f"tautan '{text}': bagian sesudah '#' hanya boleh huruf, angka, '-', '_' dan '.'.")
        options = self.slugs.get(kind, ()) if self.slugs is not None else None
        if options is not None and slug not in options:
            hint = closest(slug, sorted(options))
            fix = f" Tulis {prefix}:{hint}." if hint else f" Slug yang ada: {', '.join(sorted(options)) or '-'}."
            return Refusal(f"tautan '{text}' menunjuk ke {KINDS[kind].label.lower()} yang tidak ada.{fix}")
        return Link("entry", slug, f"#{anchor}" if anchor else "", kind)

    def _material(self, path: str) -> Decision:
        norm = posixpath.normpath(path)
        inner = norm.split("/", 1)[1] if norm.startswith(self.prefix + "/") else ""
        if not inner or inner.startswith("../") or inner == "..":
            name = posixpath.basename(norm) or "nama-berkas.pdf"
            return Refusal(f"path materi '{path}' keluar dari folder {self.prefix}/. Simpan berkas di folder "
                           f"{self.prefix}/ dan tulis misalnya {self.prefix}/{name}.")
        parts = inner.split("/")
        found, st, detail = self.lookup.find(parts)
        if found == "link":
            shown = f"{self.prefix}/{detail}" if detail else self.prefix
            return Refusal(f"'{shown}' adalah tautan simbolik (symlink); tautan simbolik tidak diikuti. Ganti dengan "
                           "berkas aslinya.")
        if found == "case":
            fixed = "/".join([self.prefix, *parts[:-1], detail]) if detail else norm
            return Refusal(f"berkas materi '{norm}' tidak ditemukan: huruf besar/kecil berbeda. Mungkin maksudnya "
                           f"'{detail}'? Tulis {fixed}.")
        if found == "folder":
            return Refusal(f"path materi '{norm}' adalah folder, bukan berkas. Tulis path berkasnya, misalnya "
                           f"{norm}/nama-berkas.pdf.")
        if found != "file" or st is None:
            hint = suggest(parts[-1], self.lookup.names_near(parts))
            return Refusal(f"berkas materi '{norm}' tidak ditemukan.{hint} Simpan berkasnya di path itu atau perbaiki "
                           "path-nya (huruf besar/kecil berpengaruh).")
        published = f"{PUBLISHED_MATERIALS}/{inner}"
        problem = file_type_problem(parts[-1], self.project.allow_active_materials) or windows_problem(published)
        if problem:
            return Refusal(f"materi '{norm}': {problem}")
        return Link("material", norm, published=published, size=st.st_size)

    def _page(self, path: str, anchor: str, from_page: str) -> Decision:
        here = posixpath.dirname(from_page)
        joined = posixpath.normpath(posixpath.join(here, path)) if path else from_page
        if joined.startswith("../") or joined == "..":
            return Refusal(f"tautan '{path}' keluar dari folder halaman. Tulis tautan ke halaman lain di folder itu, "
                           "misalnya tentang.md.")
        for form in _PAGE_FORMS:
            candidate = form.format(joined.rstrip("/") if form != "{0}" else joined)
            if candidate in self.pages:
                return Link("page", candidate, anchor)
        if joined.endswith(".html"):
            stem = joined[: -len(".html")]
            for candidate in (f"{stem}.md", f"{stem}/index.md"):
                if candidate in self.pages:
                    return Link("page", candidate, anchor)
        options = sorted(p for p in self.pages if p.endswith(".md"))
        return Refusal(f"halaman '{path}' tidak ditemukan.{suggest(joined, options)} Tulis path halaman .md yang ada, "
                       "relatif terhadap halaman ini.")


def _scheme(text: str) -> str:
    """The scheme ``text`` starts with (``https``, ``kursus``...), or ''. A single letter is no scheme
    but a Windows drive (``C:``), refused as an absolute path."""
    scheme = _SCHEME.match(text)
    return scheme.group(1) if scheme and len(scheme.group(1)) > 1 else ""


def _listed(items: list[str], comma: str = ", ", last: str = " atau ") -> str:
    """``a, b atau c``: the kinds' prefixes as a sentence names them."""
    return comma.join(items[:-1]) + last + items[-1] if len(items) > 1 else "".join(items)
