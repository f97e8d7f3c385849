"""`asn-portal scorm --course SLUG`: a SCORM 1.2 package of one course (kit/scorm.py) whose page reports to
the LMS (assets/src/scorm.mjs). The manifest is read with ElementTree; in a real Chromium the package is
served beside a wrapper page whose `window.API` records every call (as an LMS's frame would), and the
course's final quiz is answered inside the wrapper's iframe. Opened without a wrapper, the same page
makes no call and shows no error."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.kit.scorm import MASTERY, scorm_kinds
from devtools import ROOT
from devtools.loopback import serve
from tests.support.pageerrors import record_errors
from tests.support.sites import copy_sample

pytestmark = pytest.mark.slow  # run by .ci/run's slow step (pyproject markers)

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
SPEC = scorm_kinds()[0]

WRAPPER = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script>
window.calls = [];
const values = {"cmi.core.lesson_status": "not attempted"};
function record(name, result) {
  return function () {
    window.calls.push([name].concat(Array.prototype.slice.call(arguments)));
    return result(arguments);
  };
}
window.API = {
  LMSInitialize: record("LMSInitialize", () => "true"),
  LMSFinish: record("LMSFinish", () => "true"),
  LMSGetValue: record("LMSGetValue", (a) => values[a[0]] || ""),
  LMSSetValue: record("LMSSetValue", (a) => { values[a[0]] = a[1]; return "true"; }),
  LMSCommit: record("LMSCommit", () => "true"),
  LMSGetLastError: record("LMSGetLastError", () => "0"),
  LMSGetErrorString: record("LMSGetErrorString", () => ""),
  LMSGetDiagnostic: record("LMSGetDiagnostic", () => "")
};
</script></head>
<body><iframe id="sco" src="paket/@LAUNCH@" style="width:1000px;height:700px"></iframe></body></html>
"""


def quiz_course() -> tuple[str, int]:
    """The sample's first course with a final quiz: its slug and number of questions."""
    catalog, _ = load_catalog(Project.at(ROOT))
    found = [(slug, len(quiz)) for slug, e in sorted(catalog.of_kind(SPEC.name).items())
             if (quiz := getattr(e, "quiz", None))]
    assert found, "the sample has no course with a quiz"
    return found[0]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """The sample course's SCORM zip: (zip, slug, questions)."""
    sample = copy_sample(tmp_path_factory.mktemp("scorm") / "sample")
    slug, questions = quiz_course()
    out = sample.parent / "dist" / f"scorm-{slug}.zip"
    assert main(["-f", str(sample / "mkdocs.yml"), "scorm", f"--{SPEC.name}", slug, "-o", str(out)]) == 0
    return out, slug, questions


def read_manifest(zip_path: Path) -> tuple[ET.Element, list[str]]:
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        return ET.fromstring(zf.read("imsmanifest.xml")), names


def test_the_manifest_is_scorm_1_2_with_one_sco_and_every_file(package: tuple[Path, str, int]) -> None:
    zip_path, slug, _ = package
    root, names = read_manifest(zip_path)
    assert "imsmanifest.xml" in names  # at the zip's root
    assert root.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert root.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = root.findall(f"{CP}organizations/{CP}organization")
    assert len(organizations) == 1
    items = organizations[0].findall(f"{CP}item")
    assert len(items) == 1 and items[0].findtext(f"{ADLCP}masteryscore") == str(MASTERY)
    resources = root.findall(f"{CP}resources/{CP}resource")
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get(f"{ADLCP}scormtype") == "sco" and items[0].get("identifierref") == sco.get("identifier")
    launch = unquote(sco.get("href", ""))
    assert launch == f"{SPEC.url_dir}/{slug}.html" and launch in names
    listed = [unquote(f.get("href", "")) for f in sco.findall(f"{CP}file")]
    files = {n for n in names if not n.endswith("/")}
    assert set(listed) <= files, set(listed) - files
    assert set(listed) == files - {"imsmanifest.xml"}, "every file of the package is listed"
    assert launch in listed and "assets/asn-portal/asn-portal.js" in listed
    assert not any(n.endswith("sitemap.xml") for n in files), "404.html stays: the kit's Indonesian page with search"


def test_every_page_names_the_launched_course_before_any_content(package: tuple[Path, str, int]) -> None:
    zip_path, slug, _ = package
    with zipfile.ZipFile(zip_path) as zf:
        pages = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".html")]
    mark = f'<meta name="asn-scorm-course" content="{slug}">'
    assert pages and all(p.count(mark) == 1 and p.index(mark) < p.index("<body") for p in pages)


def test_the_same_content_gives_the_same_zip(package: tuple[Path, str, int], tmp_path: Path) -> None:
    zip_path, slug, _ = package
    again = tmp_path / "lagi.zip"
    assert main(["-f", str(zip_path.parent.parent / "sample" / "mkdocs.yml"), "scorm", f"--{SPEC.name}", slug,
                 "-o", str(again)]) == 0
    assert again.read_bytes() == zip_path.read_bytes()


def test_usage_mistakes_exit_2_with_a_hint(package: tuple[Path, str, int], capsys: pytest.CaptureFixture[str]) -> None:
    zip_path, slug, _ = package
    config = str(zip_path.parent.parent / "sample" / "mkdocs.yml")
    assert main(["-f", config, "scorm", f"--{SPEC.name}", slug[:-2]]) == 2
    assert f"Mungkin maksudnya '{slug}'?" in capsys.readouterr().err
    assert main(["-f", config, "scorm"]) == 2
    assert f"--{SPEC.name} SLUG" in capsys.readouterr().err
    assert main(["-f", config, "scorm", f"--{SPEC.name}", slug, "-o", str(zip_path.parent / "paket.tar")]) == 2
    assert ".zip" in capsys.readouterr().err


@pytest.fixture(scope="module")
def served(package: tuple[Path, str, int]) -> Iterator[tuple[str, str, str, int]]:
    """The package unzipped under paket/ beside the recording wrapper: (address, launch, slug, questions)."""
    zip_path, slug, questions = package
    site = zip_path.parent / "lms"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(site / "paket")
    launch = f"{SPEC.url_dir}/{slug}.html"
    (site / "lms.html").write_text(WRAPPER.replace("@LAUNCH@", launch), encoding="utf-8")
    with serve(site) as url:
        yield url, launch, slug, questions


def new_page(browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    record_errors(page, errors, stack=True)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return context, page, errors


def answer(frame: Any, slug: str, right: int) -> None:
    """Answer the course's final quiz, the first ``right`` questions correctly and the rest wrongly."""
    quiz = frame.locator(f'form[data-asn-quiz="{slug}-kuis"]')
    questions = quiz.locator("[data-asn-quiz-question]")
    for n in range(questions.count()):
        q = questions.nth(n)
        key = q.get_attribute("data-answer")
        radios = q.locator('input[type="radio"]')
        values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
        pick = key if n < right else next(v for v in values if v != key)
        q.locator(f'input[type="radio"][value="{pick}"]').check()
    quiz.locator('button[type="submit"]').click()
    quiz.locator(".asn-quiz__result").wait_for(state="visible")


def test_in_an_lms_the_page_reports_status_score_and_finish(browser: Any, served: tuple[str, str, str, int]) -> None:
    url, _, slug, questions = served
    context, page, errors = new_page(browser)
    try:
        page.goto(url + "lms.html")
        frame = page.frame_locator("#sco")
        frame.locator(f'form[data-asn-quiz="{slug}-kuis"] button[type="submit"]').wait_for(state="visible")
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSCommit')")
        start = page.evaluate("window.calls")
        assert start[0] == ["LMSInitialize", ""]
        assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in start
        assert sum(1 for c in start if c[0] == "LMSInitialize") == 1
        assert "dikirim ke LMS" in frame.locator(".asn-quiz__intro").inner_text()

        answer(frame, slug, 0)  # all wrong: failed
        page.wait_for_function("window.calls.filter(c => c[0] === 'LMSCommit').length === 2")
        calls = page.evaluate("window.calls")[len(start):]
        assert calls == [["LMSSetValue", "cmi.core.score.raw", "0"], ["LMSSetValue", "cmi.core.score.min", "0"],
                         ["LMSSetValue", "cmi.core.score.max", "100"],
                         ["LMSSetValue", "cmi.core.lesson_status", "failed"], ["LMSCommit", ""]]

        frame.locator(f'form[data-asn-quiz="{slug}-kuis"] [data-asn-quiz-retry]').click()
        answer(frame, slug, questions)  # all right: passed
        page.wait_for_function("window.calls.filter(c => c[0] === 'LMSCommit').length === 3")
        calls = page.evaluate("window.calls")
        assert ["LMSSetValue", "cmi.core.score.raw", "100"] in calls
        assert calls[-2:] == [["LMSSetValue", "cmi.core.lesson_status", "passed"], ["LMSCommit", ""]]
        assert not any(c[0] == "LMSFinish" for c in calls)

        # the final quiz of another course page the package holds (linked from this one): nothing reported
        page.frame_locator("#sco").locator("body").evaluate(
            "b => b.dispatchEvent(new CustomEvent('asn-portal:quiz', {bubbles: true, detail: "
            "{id: 'kursus-lain-kuis', course: 'kursus-lain', title: 'Lain', right: 0, total: 4}}))")
        page.wait_for_timeout(200)
        assert page.evaluate("window.calls") == calls, "another course's quiz told the LMS"

        page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the reader leaves the course
        page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
        page.wait_for_timeout(200)
        calls = page.evaluate("window.calls")
        assert [c for c in calls if c[0] == "LMSFinish"] == [["LMSFinish", ""]], "finished once"
        assert calls[-1] == ["LMSFinish", ""]
    finally:
        context.close()
    assert errors == [], f"console errors: {errors}"


def test_outside_an_lms_the_page_works_and_makes_no_call(browser: Any, served: tuple[str, str, str, int]) -> None:
    url, launch, slug, questions = served
    context, page, errors = new_page(browser)
    try:
        # an API object on a window the page is not framed by is never seen or called
        page.add_init_script("window.calls = [];")
        page.goto(url + "paket/" + launch)
        answer(page, slug, questions)
        quiz = page.locator(f'form[data-asn-quiz="{slug}-kuis"]')
        assert quiz.locator("[data-asn-quiz-score]").inner_text() == f"{questions}/{questions}"
        assert page.evaluate("window.API === undefined && window.calls.length === 0")
        assert "tidak dikirim ke mana pun" in page.locator(".asn-quiz__intro").inner_text()
        assert page.evaluate("window.asnLearning.quizScores()")[f"{slug}-kuis"]["last"]["right"] == questions
        page.goto(url + "paket/index.html")
    finally:
        context.close()
    assert errors == [], f"console errors: {errors}"


def test_a_title_with_what_xml_forbids_keeps_the_manifest_well_formed() -> None:
    """Word writes U+000B for Shift+Enter; an ill-formed imsmanifest.xml makes an LMS refuse the package."""
    from asn_portal.kit.scorm import manifest
    title = "Baris satu\x0bbaris dua\x01 & <tiga>\ufffe"
    root = ET.fromstring(manifest("course", "x", title, "kursus/x.html", ["kursus/x.html", "a\x0bb.pdf"]))
    assert [t.text for t in root.iter(f"{CP}title")] == ["Baris satubaris dua & <tiga>"] * 2
    assert [f.get("href") for f in root.iter(f"{CP}file")] == ["kursus/x.html", "a%0Bb.pdf"]
