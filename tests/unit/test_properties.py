"""Property-based tests over the loader and the resolver (the security issue's "any input" promise).

Strategies are built from the shapes of real attacks (reference definitions in quotes and lists,
``..``, brackets and parentheses, letter case, encoded dots, script schemes) as well as random bytes
and text. Whatever comes in ends in a valid model or the project's own located error, never another
exception, and never a path outside the materials folder.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import stat
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from asn_portal.content.validate import load_catalog
from asn_portal.model import loader
from asn_portal.model.loader import parse, read_file
from asn_portal.model.problems import Problem, ProblemList
from asn_portal.model.project import Project
from asn_portal.model.registry import KINDS, PUBLISHED_MATERIALS
from asn_portal.trust.linkcheck import Locator, inspect_html
from asn_portal.trust.markup import convert
from asn_portal.trust.resolver import Link, Refusal, Resolver
from asn_portal.trust.sanitize import clean
from tests.support.project import ProjectBuilder

BASE = settings(deadline=None, derandomize=True, database=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])
REL = "content/courses/x.yml"
SECRET = "rahasia"
# What PyYAML (or Python) says in English; a message must say it in Indonesian instead.
ENGLISH = ("while scanning", "while parsing", "while constructing", "expected", "found character", "could not find",
           "did not find", "mapping values are not allowed", "cannot start any token", "unacceptable character",
           "Traceback", "Error")


# -- project on disk ----------------------------------------------------------------------------

@dataclass(frozen=True)
class World:
    project: Project
    secret: Path
    symlinks: bool


PAGES = frozenset({"index.md", "tentang.md", "panduan/index.md", "panduan/langkah.md"})
SLUGS = {"course": {"kursus-satu"}, "factor": {"alpha", "beta"}, "article": {"artikel-satu"}}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    base = tmp_path_factory.mktemp("dunia")
    secret = base / f"{SECRET}.txt"
    secret.write_text("kata sandi\n", encoding="utf-8")
    root = base / "portal"
    for rel, data in (("mkdocs.yml", "site_name: Uji\n"), (".git/config", "[core]\n"),
                      ("content/pages/index.md", "#\n"),
                      ("materials/a.pdf", "%PDF-1.4\n"), ("materials/sub/B.png", "png"),
                      ("materials/sub/c d.csv", "a,b\n"), ("materials/skrip.html", "<script></script>")):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
    symlinks = True
    try:
        os.symlink(secret, root / "materials" / "link.pdf")
        os.symlink(os.path.join("..", "..", f"{SECRET}.txt"), root / "materials" / "sub" / "rel.pdf")
        os.symlink("..", root / "materials" / "dir", target_is_directory=True)
        os.symlink(base, root / "materials" / "luar", target_is_directory=True)
    except (OSError, NotImplementedError):
        symlinks = False
    return World(Project.at(root), secret, symlinks)


def resolver_for(world: World) -> Resolver:
    return Resolver(world.project, SLUGS, PAGES)


def assert_inside_materials(project: Project, link: Link, raw: str = "") -> None:
    """A material link names a regular file strictly inside the materials folder, as spelt on disk."""
    assert link.kind == "material"
    parts = link.value.split("/")
    assert parts[0] == project.materials_prefix and len(parts) >= 2, link
    assert not any(p in ("", ".", "..") for p in parts), link
    current = project.root
    for part in parts:
        assert part in os.listdir(current), f"{link.value!r}: '{part}' is not spelt as on disk (from {raw!r})"
        current = current / part
        mode = os.lstat(current).st_mode
        assert not stat.S_ISLNK(mode), f"{link.value!r} goes through a symbolic link (from {raw!r})"
    assert stat.S_ISREG(os.lstat(current).st_mode), link
    materials = os.path.realpath(project.materials_dir)
    assert os.path.realpath(current).startswith(materials + os.sep), link
    published = link.published.split("/")
    assert published[0] == PUBLISHED_MATERIALS and len(published) >= 2, link
    assert ".." not in published and "." not in published and "" not in published, link
    assert published[1:] == parts[1:], link
    assert SECRET not in link.value.lower(), link


def assert_decision(world: World, raw: str, decision: Link | Refusal) -> None:
    assert isinstance(decision, (Link, Refusal)), decision
    if isinstance(decision, Refusal):
        assert decision.message.strip(), raw
        return
    if decision.kind == "material":
        assert_inside_materials(world.project, decision, raw)
    elif decision.kind == "web":
        assert re.match(r"(?i)https?://", decision.value), decision
        assert not re.search(r"[\s\x00-\x1f\x7f]", decision.value), decision
    elif decision.kind == "mail":
        assert decision.value.lower().startswith("mailto:") and "@" in decision.value, decision
    elif decision.kind == "anchor":
        assert decision.value.startswith("#"), decision
    elif decision.kind == "entry":
        assert decision.value in SLUGS.get(decision.entry_kind, set()), decision
    elif decision.kind == "page":
        assert decision.value in PAGES, decision
    else:
        pytest.fail(f"unknown link kind {decision.kind!r} for {raw!r}")
    if decision.kind in ("material", "page"):
        assert SECRET not in decision.value.lower(), (raw, decision)
        # "x/rahasia.txt/../a.pdf" is normalised like a URL (no file is opened on the way); otherwise
        # a path naming the secret is never accepted
        path = unquote(raw.partition("#")[0]).lower()
        assert SECRET not in path or ".." in path, (raw, decision)


# -- target strategies ---------------------------------------------------------------------------

SEGMENTS = ("materials", "Materials", "MATERIALS", "..", ".", "...", "%2e%2e", "%2E%2E", "%2e", "%2E", ".%2e",
            "%252e%252e", "%252e", "a.pdf", "A.PDF", "a.PDF", "a.pdf.", "a.pdf%00", "sub", "SUB", "Sub", "B.png",
            "b.png", "c d.csv", "c%20d.csv", "c+d.csv", "link.pdf", "rel.pdf", "dir", "luar", "skrip.html", ".git",
            "config", "mkdocs.yml", "content", "pages", "index.md", "tentang.md", "panduan", "langkah.md",
            "langkah.html", f"{SECRET}.txt", f"{SECRET.upper()}.TXT", "", "%2f", "%2F", "%5c", "..%2f", "%2e%2e%2f",
            "materials%2fa.pdf", "sub%2fB.png", "[a]", "(a)", "<a>", "a b", "kursus-satu", "alpha")
KNOWN = ("materials/a.pdf", "materials/sub/B.png", "materials/sub/c d.csv", "materials/sub/c%20d.csv",
         "materials/link.pdf", "materials/dir/mkdocs.yml", "materials/dir/.git/config", "materials/luar/rahasia.txt",
         "materials/sub/rel.pdf", "materials/../../rahasia.txt", "materials/sub/../a.pdf", "tentang.md",
         "panduan/", "../rahasia.txt")
SEPARATORS = ("/", "/", "/", "\\", "//", "%2f", "%2F", "%5c", "/./", "/../")
LEADS = ("", "", "", "/", "./", "../", "C:", "C:/", "c:\\", "\\\\", "\\", " ", "\t", "<", "(")
SCHEMES = ("", "", "", "", "javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:", " javascript:",
           "\x01javascript:", "&#106;avascript:", "javascript&colon;", "jav&#x09;ascript:", "data:",
           "data:text/html,", "vbscript:", "file:", "file://", "file:///", "kursus:", "KURSUS:", "faktor:",
           "artikel:", "course:", "mailto:", "mailto:a@b.go.id?x=", "https://", "http://", "HTTPS://", "hTtP://",
           "//", "https:", "https:\\\\", "https:/", "https://a.go.id/", "https://[::1", "https://a.go.id:x/",
           "x:", "C|")
SUFFIXES = ("", "", "", "#frag", "#", "#../x", "?q", "?q=1#x", "%23x", "%3Fq", " \"judul\"", ")", "]", ">", " ",
            "%00", "%0a", "\\")


def _join(pieces: list[tuple[str, str]]) -> str:
    return "".join(sep + seg for sep, seg in pieces)


composed = st.builds(
    lambda lead, scheme, first, rest, suffix: lead + scheme + first + _join(rest) + suffix,
    st.sampled_from(LEADS), st.sampled_from(SCHEMES), st.sampled_from(SEGMENTS + KNOWN),
    st.lists(st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(SEGMENTS)), max_size=5),
    st.sampled_from(SUFFIXES),
)


def _mutate(text: str, flips: list[int]) -> str:
    """Flip letter case or percent-encode some characters (positions taken modulo the length)."""
    chars = list(text)
    for n in flips:
        if not chars:
            break
        i = n % len(chars)
        c = chars[i]
        if n % 3 == 0 and len(c) == 1 and ord(c) < 128:
            chars[i] = f"%{ord(c):02{'x' if n % 2 else 'X'}}"
        else:
            chars[i] = c.swapcase()
    return "".join(chars)


# Near misses of what is accepted, so many examples reach the file lookup and the page and entry rules.
NEAR = ("a.pdf", "a.pdf", "sub", "sub", "B.png", "c d.csv", "c%20d.csv", "..", ".", "%2e%2e", "%2E", "", "dir",
        "link.pdf", "rel.pdf", "luar", f"{SECRET}.txt", "A.PDF", "SUB", "x", "mkdocs.yml", ".git", "config")
near_materials = st.builds(
    lambda head, parts, suffix: head + "/".join(parts) + suffix,
    st.sampled_from(("materials/", "materials/", "materials/", "./materials/", "materials//", "materials/./")),
    st.lists(st.sampled_from(NEAR), min_size=1, max_size=4), st.sampled_from(("", "", "", "#x", "?q", "/")))
near_pages = st.builds(
    lambda parts, suffix: "/".join(parts) + suffix,
    st.lists(st.sampled_from(("tentang.md", "panduan", "langkah.md", "langkah.html", "index.md", "..", ".", "",
                              "Tentang.md", f"{SECRET}.txt", "%2e%2e", "materials")), min_size=1, max_size=3),
    st.sampled_from(("", "", "#bagian", "/", "?q")))
entries = st.builds(
    lambda prefix, slug, anchor: prefix + slug + anchor,
    st.sampled_from(("kursus:", "faktor:", "artikel:", "KURSUS:", "Kursus:", "course:", "kursus:/", "kursus://")),
    st.sampled_from(("kursus-satu", "alpha", "beta", "artikel-satu", "Alpha", "../alpha", "alpha/..", "",
                     f"{SECRET}", "al%70ha", "alpha ")),
    st.sampled_from(("", "", "#bagian", "#", "#a b", "#<x>", "#../x")))
GOOD = ("materials/a.pdf", "materials/sub/B.png", "materials/sub/c d.csv", "materials/sub/c%20d.csv")
DETOURS = (".", "%2e", "x/..", "sub/..", "dir/..", "luar/..", "%2e%2e", "..", "link.pdf/..", "", "%2e%2e%2f",
           f"{SECRET}.txt/..", "dir", "luar", "sub", "..%2f..", "%252e%252e", ".\\", "x/%2E%2E")


def _detour(path: str, inserts: list[tuple[int, str]]) -> str:
    parts = path.split("/")
    for at, segment in inserts:
        parts.insert(1 + at % len(parts), segment)
    return "/".join(parts)


detours = st.builds(_detour, st.sampled_from(GOOD),
                    st.lists(st.tuples(st.integers(0, 5), st.sampled_from(DETOURS)), max_size=3))
mutated = st.builds(_mutate, st.one_of(composed, near_materials, st.sampled_from(GOOD)),
                    st.lists(st.integers(0, 1000), max_size=4))
targets = st.one_of(
    composed, composed, near_materials, detours, detours, near_pages, entries, mutated, st.sampled_from(KNOWN),
    st.text(max_size=40),
    st.builds(lambda a, b: a + b, composed, st.text(max_size=10)),
    st.builds(lambda a, b: a + b, st.text(alphabet="./\\%2eE:#?[]()<> aA", max_size=12), composed),
)
from_pages = st.sampled_from((None, None, "index.md", "panduan/langkah.md", "panduan/index.md"))


# -- 1. loader -----------------------------------------------------------------------------------

KEYS = ("title", "summary", "jp", "materials", "body", "description", "modules", "factors", "path", "url",
        "<<", "? ", "- ", "-", "", "a b", "'q'", '"q"', "&a title", "!!str title")
VALUES = ("Judul", "8", "-1", "0x10", "1e9", "2026-13-45", "2026-11-27", "~", "null", "yes", "on", "''", '""',
          "'it''s'", '"\\x"', '"\\u00', "'open", '"open', "[a, b]", "[a, b", "{a: 1}", "{a: 1", "[[[[", "]]",
          "&a x", "*a", "*b", "&a [*a]", "&b {k: *b}", "!!python/object:os.system x",
          "!!python/object/apply:os.system [ls]", "!!binary aGVsbG8=", "!!set {x}", "!<tag:x> y", "!local y", "|",
          "|-", ">", "|+2", "@x", "`x`", "%x", "a: b", "a:b", "a # c", "#c", "'a' b", "materials/a.pdf",
          "materials/../../rahasia.txt", "javascript:alert(1)", "[x](materials/../x.pdf)", "- [x]: javascript:x",
          "\u00a0x", "x\u00a0", "\u2028", "\x85", "\ufeff", "\t", "\x00", "\x1b", "\ud7ff", "\ue000")
INDENTS = ("", "", "  ", "    ", "\t", " \t", "- ", "  - ", "\u00a0")
LINE_ENDS = ("\n", "\n", "\n", "\r\n", "\r", "")
SPECIAL_LINES = ("---", "...", "--- a", "%YAML 1.1", "%TAG ! tag:x,2000:", "<<: *a", "a: &a", "b: *a",
                 "? [a]", ": b", "\ufeff", "# komentar", "[" * 60 + "]" * 60, "a: " + "[" * 150, "{" * 30,
                 "a: " + "- " * 40 + "x", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]",
                 *(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]"
                   for i in range(1, 7)))

yaml_line = st.one_of(
    st.builds(lambda indent, key, sep, value: f"{indent}{key}{sep}{value}", st.sampled_from(INDENTS),
              st.sampled_from(KEYS), st.sampled_from((": ", ":", ":\t", ": ", ":\u00a0", " : ", "")),
              st.sampled_from(VALUES)),
    st.sampled_from(SPECIAL_LINES),
    st.builds(lambda indent, value: indent + value, st.sampled_from(INDENTS), st.sampled_from(VALUES)),
    st.text(max_size=20),
)
yaml_text = st.one_of(
    st.builds(lambda lines, ends: "".join(line + ends[i % len(ends)] for i, line in enumerate(lines)),
              st.lists(yaml_line, max_size=12), st.lists(st.sampled_from(LINE_ENDS), min_size=1, max_size=3)),
    st.text(max_size=60),
)


def assert_located(problems: ProblemList, rel: str, line_count: int, source: str) -> None:
    for problem in problems.items:
        assert isinstance(problem, Problem)
        assert problem.path == rel, problem
        assert 1 <= problem.line <= line_count + 1, (problem, line_count)
        assert problem.col is None or problem.col >= 1, problem
        assert problem.message.strip(), problem
        for phrase in ENGLISH:
            assert phrase not in problem.message or phrase in source, (phrase, problem.message)


def check_read(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    problems = ProblemList()
    source = read_file(path, REL, problems, ("title", "summary"), 1_000_000)
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + 1
    assert_located(problems, REL, lines, text)
    if source.tree is None:
        assert problems.errors, data
    else:
        assert isinstance(source.tree, loader.Node)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("loader") / "x.yml"


@settings(BASE, max_examples=150)
@given(st.binary(max_size=200))
def test_read_file_random_bytes(scratch: Path, data: bytes) -> None:
    check_read(scratch, data)


@settings(BASE, max_examples=300)
@given(yaml_text, st.sampled_from(("", "\ufeff")), st.sampled_from(("utf-8", "utf-8", "utf-16", "latin-1")))
def test_read_file_yamlish_text(scratch: Path, text: str, bom: str, encoding: str) -> None:
    try:
        data = (bom + text).encode(encoding)
    except UnicodeEncodeError:
        data = (bom + text).encode("utf-8", errors="surrogatepass")
    check_read(scratch, data)


@settings(BASE, max_examples=300)
@given(yaml_text)
def test_parse_yamlish_text(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # what decode hands to parse
    problems = ProblemList()
    try:
        tree = parse(text, REL, problems)
    except (loader._CyclicAliasError, loader._TooLargeError, RecursionError):
        return  # parse leaves these to read_file, which turns them into located errors (tested above)
    assert_located(problems, REL, text.count("\n") + 1, text)
    assert tree is None or isinstance(tree, loader.Node)


# -- 1b. a whole catalog file in a project -------------------------------------------------------

def _course(description: str, materials: list[str]) -> str:
    body = "\n".join("  " + line for line in description.split("\n"))
    items = "".join(f"      - {json.dumps(m)}\n" for m in materials)
    return ("title: Kursus X\nsummary: Ringkasan.\ncompetency: teknis\nlevel: dasar\nmode: daring\njp: 8\n"
            f"factors: [alpha]\ndescription: |\n{body}\nmodules:\n  - title: Modul\n    materials:\n{items}")


@pytest.fixture(scope="module")
def catalog_project(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilder:
    builder = ProjectBuilder(tmp_path_factory.mktemp("katalog") / "portal").minimal()
    builder.write("materials/a.pdf", b"%PDF-1.4\n")
    builder.write("materials/sub/B.png", b"png")
    return builder


@settings(BASE, max_examples=40)
@given(st.data())
def test_load_catalog_any_course_file(catalog_project: ProjectBuilder, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(("yaml", "bytes", "course")))
    if kind == "yaml":
        payload: bytes = data.draw(yaml_text).encode("utf-8", errors="surrogatepass")
    elif kind == "bytes":
        payload = data.draw(st.binary(max_size=200))
    else:
        doc = data.draw(markdown_docs)
        payload = _course(doc, data.draw(st.lists(targets, max_size=3))).encode("utf-8", errors="surrogatepass")
    catalog_project.write(REL, payload)
    project = Project.at(catalog_project.root)
    _, problems = load_catalog(project)
    text = payload.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    for problem in problems.items:
        assert problem.path and not Path(problem.path).is_absolute(), problem
        assert problem.line >= 1 and (problem.col is None or problem.col >= 1), problem
        assert problem.message.strip(), problem
        if problem.path == REL:
            assert problem.line <= text.count("\n") + 2, problem  # the last line, or just after it
    catalog, _ = load_catalog(project)
    for entry in catalog.entries():
        for material in getattr(entry, "materials", ()):
            if material.path is not None:
                assert material.published
                assert_inside_materials(project, Link("material", material.path, published=material.published))


# -- 2. resolver ----------------------------------------------------------------------------------

@settings(BASE, max_examples=400)
@given(targets, from_pages)
def test_resolve_any_target(world: World, raw: str, from_page: str | None) -> None:
    resolver = resolver_for(world)
    decision = resolver.resolve(raw, from_page)
    event(f"resolve: {decision.kind if isinstance(decision, Link) else 'refusal'}")
    assert_decision(world, raw, decision)
    material = resolver.material(raw)
    assert_decision(world, raw, material)
    if isinstance(material, Link):
        assert material.kind == "material"


def test_known_attacks_are_refused(world: World) -> None:
    resolver = resolver_for(world)
    for raw in ("materials/../../rahasia.txt", "materials/%2e%2e/%2e%2e/rahasia.txt", "materials/dir/mkdocs.yml",
                "materials/dir/.git/config", "materials/luar/rahasia.txt", "Materials/a.pdf", "materials/A.PDF",
                "materials/sub/b.png", "materials\\a.pdf", "/materials/a.pdf", "C:/materials/a.pdf",
                "javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "file:///etc/passwd",
                "materials/skrip.html", "materials/%252e%252e/x.pdf", "//evil.example/x"):
        assert isinstance(resolver.resolve(raw), Refusal), raw
        assert isinstance(resolver.material(raw), Refusal), raw
    if world.symlinks:
        for raw in ("materials/link.pdf", "materials/sub/rel.pdf"):
            assert isinstance(resolver.material(raw), Refusal), raw
    for raw in ("materials/a.pdf", "materials/sub/c%20d.csv", "materials/sub/../a.pdf"):
        decision = resolver.material(raw)
        assert isinstance(decision, Link), (raw, decision)
        assert_inside_materials(world.project, decision, raw)


# -- 3. Markdown through the real pipeline ---------------------------------------------------------

TEMPLATES = (
    "[x]({t})", "![x]({t})", "[x](<{t}>)", '[x]({t} "judul")', "[x]({t})[y]({t})",
    "[x][r]\n\n[r]: {t}", "[r]: {t}", '[r]: "{t}"', "[x][r]\n\n[r]: <{t}>", "- [r]: {t}", "[x][r]\n\n- [r]: {t}",
    "> [r]: {t}", "[x][r]\n\n> [r]: {t}", "> - [r]: {t}", "[r]\n\n> - [r]: {t}", "- item\n\n    [r]: {t}",
    "1. [x][r]\n2. [r]: {t}", "<{t}>", '<a href="{t}">x</a>', "<img src='{t}'>", "<a href={t}>x</a>",
    '<video src="{t}" poster="{t}"></video>', '<a href="{t}" onclick="alert(1)">x</a>', "<img src=x onerror={t}>",
    '<svg><a xlink:href="{t}">x</a></svg>', "[x]({t})<script>alert('{t}')</script>", "<div>[x]({t})</div>",
    "| a |\n|---|\n| [x]({t}) |", "```\n[x]({t})\n```", "Istilah\n: [x]({t})", "`[x]({t})`",
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "<IMG SRC=\"{t}\" ONERROR='x'>", "<a\nhref='{t}'>x</a>", "[x](\n{t}\n)", "<!-- [r]: {t} -->",
)

markdown_docs = st.lists(
    st.one_of(st.builds(lambda tpl, t: tpl.replace("{t}", t), st.sampled_from(TEMPLATES), targets),
              st.text(alphabet="[]()<>!:-> #\n*`|aq", max_size=20)),
    min_size=1, max_size=4,
).map("\n\n".join)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend((tag, name, value) for name, value in attrs)


@settings(BASE, max_examples=250)
@given(markdown_docs, from_pages)
def test_markdown_pipeline(world: World, doc: str, from_page: str | None) -> None:
    resolver = resolver_for(world)
    lines = doc.split("\n")
    reports: list[tuple[int, int | None, str, bool]] = []

    def report(line: int, col: int | None, message: str, error: bool) -> None:
        reports.append((line, col, message, error))

    converted = convert(doc)
    found = inspect_html(converted.html, resolver, Locator(lines, 1, len(lines)), report, from_page=from_page,
                         definitions=converted.definitions)
    for link in found.links:
        event(f"markdown link: {link.kind}")
        assert_decision(world, link.value, link)
    for line, col, message, _ in reports:
        assert 1 <= line <= len(lines), (line, doc)
        assert col is None or col >= 1
        assert message.strip()

    returned: set[str] = set()

    def hook(tag: str, attr: str, raw: str) -> str | None:
        decision = resolver.resolve(raw, from_page)
        if isinstance(decision, Refusal):
            return None
        returned.add(decision.value)
        return decision.value

    cleaned = clean(converted.html, hook)
    scan = _Attributes()
    scan.feed(cleaned)
    scan.close()
    for tag, name, value in scan.attrs:
        assert not name.lower().startswith("on"), (tag, name, cleaned)
        if name.lower() in ("href", "src", "poster", "xlink:href", "action", "formaction"):
            assert value is not None
            compact = re.sub(r"[\x00-\x20\x7f]", "", html_lib.unescape(value)).lower()
            assert not compact.startswith(("javascript:", "data:", "vbscript:", "file:")), (value, cleaned)
            if not compact.startswith(("http://", "https://", "mailto:", "#")):
                assert "javascript:" not in compact and "data:" not in compact, (value, cleaned)
            assert value in returned, (value, returned, cleaned)


def test_kinds_cover_link_prefixes() -> None:
    """The strategies name every entry prefix the project knows, so a new one is not left untested."""
    assert {f"{kind.url_dir}:" for kind in KINDS.values()} <= {s.lower() for s in SCHEMES}


# -- library bugs the properties above found, kept fixed ---------------------------------------------

@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_keep_line_numbers(scratch: Path, separator: str) -> None:
    """PyYAML also breaks lines at U+2028, U+2029 and U+0085; an editor does not: report the editor's line."""
    scratch.write_bytes(f'title: "a{separator}b"\ntitle: 2\n'.encode())
    problems = ProblemList()
    read_file(scratch, REL, problems)
    assert [(p.line, p.col) for p in problems.items] == [(2, 1)]  # the duplicate key stands on line 2


def test_reported_refusals_hold_no_control_characters(world: World) -> None:
    """A decoded %0a or %1b in a refused path cannot forge a `file:line:` report line or steer a terminal."""
    resolver = resolver_for(world)
    for raw in ("materials/a.pdf%0a", "materials/%1b[31mX.pdf"):
        decision = resolver.resolve(raw)
        assert isinstance(decision, Refusal)
        problems = ProblemList()
        problems.error(REL, 1, None, decision.message)
        shown = problems.items[0].format()
        assert not re.search(r"[\x00-\x1f\x7f]", shown), shown
        assert "\\x0a" in shown or "\\x1b" in shown
