"""Indonesian search: the stemmer agrees with Snowball, the site selects it, and readers find
pages by another word form, with a typo, online and from the offline bundle."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from idwords import word_list
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from asn_portal.cli import main

LUNR_ID = "assets/javascripts/lunr/min/lunr.id.min.js"
SCRIPT = resources.files("asn_portal").joinpath("assets", "lunr.id.js")
# A stand-in for lunr with just what lunr.id needs to register itself and expose its stemmer.
NODE_RUNNER = """
const lunr = {Pipeline: {registerFunction() {}}, generateStopWordFilter: () => () => {}};
require(process.argv[1])(lunr);
const words = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);
process.stdout.write(JSON.stringify(words.map(w => lunr.id.stem(w))));
"""
BROWSER_RUNNER = """([script, words]) => {
  const lunr = {Pipeline: {registerFunction() {}}, generateStopWordFilter: () => () => {}};
  const module = {exports: null};
  new Function('module', 'exports', script)(module, {});
  module.exports(lunr);
  return words.map(w => lunr.id.stem(w));
}"""


def js_stems(words: list[str], browser_factory: Any) -> list[str]:
    node = shutil.which("node")
    if node:
        out = subprocess.run([node, "-e", NODE_RUNNER, str(SCRIPT)], input="\n".join(words), text=True,
                             capture_output=True, check=True).stdout
        return list(json.loads(out))
    page = browser_factory().new_page()
    return list(page.evaluate(BROWSER_RUNNER, [SCRIPT.read_text(encoding="utf-8"), words]))


def test_javascript_stemmer_agrees_with_snowball(request: pytest.FixtureRequest) -> None:
    snowballstemmer = pytest.importorskip("snowballstemmer")
    words = word_list(ROOT / "content")
    assert len(words) >= 5000, len(words)
    reference = snowballstemmer.stemmer("indonesian")
    expected = [reference.stemWord(w) for w in words]
    got = js_stems(words, lambda: request.getfixturevalue("browser"))
    mismatches = [f"{w}: js={g} snowball={e}" for w, g, e in zip(words, got, expected, strict=True) if g != e]
    agreement = 1 - len(mismatches) / len(words)
    print(f"\n{len(words)} kata, kesesuaian {agreement:.4%}, {len(mismatches)} beda")
    assert agreement >= 0.995, "\n".join(mismatches[:200])
    assert not mismatches, "beda dengan snowballstemmer:\n" + "\n".join(mismatches[:200])


def test_site_in_indonesian_uses_our_search(project: Any) -> None:
    project.minimal()
    site = project.build()
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["id"]
    assert config["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
    assert (site / LUNR_ID).read_text(encoding="utf-8") == SCRIPT.read_text(encoding="utf-8")


def test_indonesian_search_can_be_switched_off(project: Any) -> None:
    project.minimal()
    yml = project.root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - asn-portal\n",
                                                           "  - asn-portal:\n      indonesian_search: false\n"))
    site = project.build()
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] != ["id"]
    assert not (site / LUNR_ID).exists()


def test_search_labels_say_what_each_page_is(project: Any) -> None:
    project.minimal()
    project.course("anggaran-dasar", title="Penyusunan Anggaran Pelatihan", level="menengah", jp=12)
    site = project.build()
    script = (site / "assets" / "asn-portal" / "search-facts.js").read_text(encoding="utf-8")
    facts = json.loads(script.removeprefix("window.asnSearchFacts = ").rstrip().rstrip(";"))
    assert facts["kursus/anggaran-dasar/"] == "Kursus · Menengah · 12 JP"
    assert facts["artikel/artikel-satu/"] == "Artikel · Penulis Uji"
    assert facts["faktor/alpha/"] == "Faktor"
    # The page itself says it too, first thing under its title.
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    page = next(d for d in docs if d["location"] == "kursus/anggaran-dasar/")
    assert page["text"].startswith("<p>Kursus · Menengah · 12 JP</p>")


def test_entry_page_is_one_search_document(project: Any) -> None:
    """Words from two sections of one course must meet in one document (see searchindex.py)."""
    project.minimal()
    project.course("anggaran-dasar", extra="objectives: [Menyusun rencana anggaran]\n"
                                           "prerequisites: [Memahami DIPA]\n")
    site = project.build()
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    mine = [d for d in docs if d["location"].startswith("kursus/anggaran-dasar/")]
    assert [d["location"] for d in mine] == ["kursus/anggaran-dasar/"]
    assert "Menyusun rencana anggaran" in mine[0]["text"] and "Memahami DIPA" in mine[0]["text"]


# -- in a browser -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import ProjectBuilder

    project = ProjectBuilder(tmp_path_factory.mktemp("cari") / "portal")
    project.minimal()
    project.course("anggaran-dasar", title="Penyusunan Anggaran Pelatihan", level="menengah", jp=12,
                   extra="description: Peserta dilatih merencanakan anggaran pengembangan kompetensi.\n")
    project.article("catatan-mentor", title="Catatan dari Ruang Mentoring",
                    extra="factors: [beta]\n")
    project.article("cerita-rene", title="Cerita René tentang Perencanaan Kinerja")
    project.build()
    return project.root


@pytest.fixture
def served_site(search_project: Path) -> Iterator[str]:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks" / "search"))
    from run import serve

    with serve(search_project / "site") as base:
        yield base


# The first result links to the expected page and portal.js has labelled it ("Kursus · ...").
FIRST_RESULT_LABELLED = """expected => {
  const link = document.querySelector('.md-search-result__item > a');
  return !!link && link.getAttribute('href').includes(expected) && !!link.querySelector('.asn-result-kind');
}"""


def results(page: Any, query: str, expected: str) -> list[str]:
    """Result links (href and text) once the expected page is listed first and labelled, or after 10 s."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below shows what was found instead
        page.wait_for_function(FIRST_RESULT_LABELLED, arg=expected, timeout=10_000)
    return [str(t) for t in page.eval_on_selector_all(
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href') + ' ' + e.textContent)")]


@pytest.mark.parametrize(("query", "expected"), [
    ("melatih", "kursus/anggaran-dasar"),  # page says "Pelatihan" and "dilatih"
    ("perencanaan anggaran", "kursus/anggaran-dasar"),  # page says "merencanakan"
    ("anggran", "kursus/anggaran-dasar"),  # one-letter slip
    ("mentorng", "artikel/catatan-mentor"),
    ("rene", "artikel/cerita-rene"),  # accents fold: René
    ("rencana kinerja", "artikel/cerita-rene"),  # page says "Perencanaan" (Snowball: encana)
])
def test_reader_finds_page_by_other_form_or_typo(browser: Any, served_site: str, query: str, expected: str) -> None:
    page = browser.new_page()
    page.goto(served_site)
    found = results(page, query, expected)
    assert found and expected in found[0], found
    if expected.startswith("kursus"):
        assert "Kursus · Menengah · 12 JP" in found[0]
    page.close()


def test_offline_bundle_search_stems_too(browser: Any, search_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "kit.zip"
    assert main(["-f", str(search_project / "mkdocs.yml"), "bundle", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path)
    context = browser.new_context()
    blocked: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                  else (blocked.append(r.request.url), r.abort()))
    page = context.new_page()
    page.goto((tmp_path / "kit" / "situs" / "index.html").as_uri())
    found = results(page, "dilatih", "kursus/anggaran-dasar.html")
    assert found and "kursus/anggaran-dasar.html" in found[0], found
    assert blocked == []
    context.close()
