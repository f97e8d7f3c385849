"""What the property tests (tests/unit/test_properties_*.py) share: the Hypothesis settings ``BASE``, the
catalog file path ``REL`` and the ``SECRET`` file name, the strategies of link targets (``targets``, built
from the shapes of real attacks) and of Markdown documents holding them (``markdown_docs``), and the check
that a material link stays inside the materials folder (``assert_inside_materials``).
"""

from __future__ import annotations

import os
import stat

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from asn_portal.model.project import Project
from asn_portal.model.registry import PUBLISHED_MATERIALS
from asn_portal.trust.resolver import Link

BASE = settings(deadline=None, derandomize=True, database=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])
REL = "content/courses/x.yml"
SECRET = "rahasia"


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


# -- Markdown documents holding those targets ----------------------------------------------------

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
