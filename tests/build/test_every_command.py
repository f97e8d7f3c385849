"""One rule: what `check` accepts, every command builds and packs; what it refuses, every command refuses
at the same `file:line`. Never a traceback, never a half-written output.

A hypothesis property over projects made of hostile names (files and folders named like generated files,
case and Unicode variants, Windows device names with superscript digits, names as long as a file name may
be) and hostile text (words longer than a file name, control and bidi characters, words that look like shard
names, remote media). Each project goes through check, build, bundle (and --verify), zim, kolibri and scorm
in-process. The corpus of tests/hostile.py (ACCEPTED_FILES) is the first example; a fixed, small draw follows
in the everyday suite (one drawn example), ASN_PORTAL_FUZZ_EXAMPLES=100 explores further (random).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from asn_portal.cli import main
from asn_portal.content.validate import load_catalog
from asn_portal.model.project import load_project
from tests.support.hostile import ACCEPTED_FILES
from tests.support.project import ProjectBuilder

NAMES = ("feed.xml", "Catalog.JSON", "tags.json", "404.html", "bab.HTML", "sitemap.xml.gz", "kursus", "Search",
         "assets", "con", "COM\u00b9", "lpt\u00b3", "aux", "kafe-\u00e9", "kafe-e\u0301", "Arsip", "arsip", "feed",
         "schemas", "x\u202ey", "q" * 120, "bab-1", "materi", "Laporan.pdf", "laporan.PDF", "index")
WORDS = ("qz" * 3000, "xc3a9 x41 con aux nul com1 lpt9", "baris\x0bbaru", "arah\u202ebalik", "kode\x1b[31m",
         "kafe-\u00e9 kafe-e\u0301", "\u00e9\u00e9\u00e9\u00e9", "pelatihan anggaran", "",
         "<b id=\"getAttribute\">x</b>",
         "![foto](https://pelacak.example/x.png)", "--8<-- \"mkdocs.yml\"")
PATHS = st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)
PAGE = st.tuples(PATHS, st.sampled_from((".md", ".png", "")), st.sampled_from(WORDS))
MATERIAL = st.tuples(PATHS, st.sampled_from((".pdf", ".txt", "")))
PROJECTS = st.fixed_dictionaries({
    "pages": st.lists(PAGE, max_size=3),
    "materials": st.lists(MATERIAL, max_size=3),
    "title": st.sampled_from(WORDS).map(lambda w: w or "Judul"),
    "text": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
})
FUZZ_EXAMPLES = int(os.environ.get("ASN_PORTAL_FUZZ_EXAMPLES", "1"))
LOCATED = re.compile(r"^\s*(?:content|materials)/[^\n]*?:\d+:", re.M)


def write(p: ProjectBuilder, drawn: dict[str, object]) -> None:
    for parts, suffix, words in drawn["pages"]:  # type: ignore[attr-defined]
        rel = "content/pages/" + "/".join(parts) + suffix
        if not (p.root / rel).parent.is_file() and not (p.root / rel).is_dir():
            with contextlib.suppress(OSError):
                p.write(rel, f"# Halaman\n\n{words}\n" if suffix == ".md" else b"\x89PNG\r\n")
    links = []
    for parts, suffix in drawn["materials"]:  # type: ignore[attr-defined]
        rel = "materials/" + "/".join(parts) + suffix
        if not (p.root / rel).is_dir():
            with contextlib.suppress(OSError):
                p.write(rel, b"%PDF-1.4\n")
                links.append(rel)
    title, text = json.dumps(drawn["title"]), json.dumps(drawn["text"])
    p.course("uji", extra=f"description: {text}\nquiz:\n  - question: {title}\n    choices: [Ya, Tidak]\n"
                          "    answer: 1\n", title=title)
    p.article("uji-materi", extra=f"materials: {json.dumps(links)}\n")
    for rel, content in ACCEPTED_FILES.items():
        if drawn.get("corpus"):
            p.write(rel, content)


def run(root: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-f", str(root / "mkdocs.yml"), *args])  # an exception here is a traceback: the test fails
    return code, out.getvalue() + err.getvalue()


def commands(base: Path) -> list[tuple[str, ...]]:
    return [("build",), ("bundle", "-o", str(base / "kit.zip")), ("zim", "-o", str(base / "kit.zim")),
            ("kolibri", "-o", str(base / "app.zip")), ("scorm", "--course", "uji", "-o", str(base / "scorm.zip"))]


def packages_are_whole(base: Path) -> None:
    if (base / "kit.zip").exists():
        assert main(["bundle", "--verify", str(base / "kit.zip")]) == 0
    if (base / "scorm.zip").exists():
        with zipfile.ZipFile(base / "scorm.zip") as zf:
            ET.fromstring(zf.read("imsmanifest.xml"))  # well-formed, whatever the title holds
    assert not [p.name for p in base.iterdir() if p.name.startswith(".")], "a temporary file stayed"


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
          derandomize="ASN_PORTAL_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(drawn={"pages": [], "materials": [], "title": "Judul\x0bdari Word \u202e", "text": WORDS[0], "corpus": True})
@given(drawn=PROJECTS)
def test_what_check_accepts_every_command_builds_and_packs(drawn: dict[str, object]) -> None:
    pytest.importorskip("libzim")
    base = Path(tempfile.mkdtemp(prefix="asn-semua-"))
    try:
        p = ProjectBuilder(base / "portal").minimal()
        write(p, drawn)
        _, problems = load_catalog(load_project(p.root)[0])
        located = {f"{e.path}:{e.line}:" for e in problems.errors}
        for args in commands(base):
            code, said = run(p.root, *args)
            assert "Traceback" not in said, said
            if located:  # refused: by every command, at the same places, before writing anything
                assert code == 1 and all(where in said for where in located), (args, located, said)
            elif args[0] == "build":
                assert code == 0, said
            else:  # packed, or refused at the source's line (a remote image: offline means offline)
                assert code == 0 or (code == 1 and LOCATED.search(said)), (args, said)
        packages_are_whole(base)
        if located:
            assert not (p.root / "site").exists()
            assert sorted(x.name for x in base.iterdir()) == ["portal"]
    finally:
        shutil.rmtree(base, ignore_errors=True)
