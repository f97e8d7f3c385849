"""The built self-check quiz course (three questions and a module quiz): rendered as a form with stable
hooks and readable without JavaScript, with ids that would shadow a form's methods prefixed; in a real
Chromium, over http and from the unzipped offline bundle, on a phone and a laptop: answers shown only for
answered questions, "Coba lagi", scores kept in the browser (asnLearning.quizScores()), print without keys
unless the key sheet is asked for, touch targets, axe. The quiz as content: tests/browser/test_quiz.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from asn_portal.trust.urls import HOME, entry_src
from devtools.loopback import serve
from tests.support.htmlview import load
from tests.support.project import ProjectBuilder
from tests.support.quiz import (
    COURSE_QUIZ,
    QUIZ,
    SCORES_KEY,
    TODAY,
    Tab,
    Where,
    answer,
    check,
    question,
    scores,
    visible,
)
from tests.support.sites import unpacked_bundle

# -- rendered: stable hooks, and readable without JavaScript ----------------------------------------------

THIRD = """\
  - question: Di mana skor kuis ini disimpan?
    choices: [Di server kantor, Di peramban ini]
    answer: 2
    explanation: 'Hanya di peramban ini. <span id="querySelector">a</span> <b id="getAttribute">b</b>
      <i id="addEventListener">c</i> <em id="dispatchEvent">d</em> <u id="setAttribute">e</u>'
"""
# ids in the third explanation name what a form answers for itself (a form's named children shadow its
# methods): prefixed by the sanitiser, and the quiz scripts call no method read off the form anyway.
SHADOWING_IDS = ("querySelector", "getAttribute", "addEventListener", "dispatchEvent", "setAttribute")
MODULE = ("modules:\n  - title: Modul Satu\n    quiz:\n"
          "      - question: Benar?\n        choices: [Ya, Tidak]\n        answer: 2\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ProjectBuilder, str, Path]]:
    """The quiz course (three questions, a module quiz), built once with ``site_url`` and served, so that
    Material's instant navigation takes over links; (project, its address, the site folder)."""
    p = ProjectBuilder(tmp_path_factory.mktemp("kuis") / "portal").minimal()
    p.course("kuis", extra=QUIZ + THIRD + MODULE)
    site = p.root / "site"
    with serve(site, build=lambda url: p.build(site_url=url)) as url:
        yield p, url, site


@pytest.fixture(scope="module")
def page(built: tuple[ProjectBuilder, str, Path]) -> Path:
    return built[2] / "kursus" / "kuis" / "index.html"


def test_quiz_is_a_form_of_radio_groups_with_a_score_hook(page: Path) -> None:
    doc = load(page)
    forms = [f for f in doc.find_all("form") if f.has("data-asn-quiz")]
    assert len(forms) == 2  # the course's and the module's
    course_quiz = forms[-1] if "modul" in (forms[0].get("data-asn-quiz") or "") else forms[0]
    groups = course_quiz.find_all("fieldset")
    assert [g.get("data-answer") for g in groups] == ["2", "1", "2"]
    radios = [i for i in groups[0].find_all("input") if i.get("type") == "radio"]
    assert [r.get("value") for r in radios] == ["1", "2", "3"] and len({r.get("name") for r in radios}) == 1
    assert [b for b in course_quiz.find_all("button") if b.get("type") == "submit"]
    assert [el for el in course_quiz.find_all() if el.has("data-asn-quiz-score")]


def test_without_javascript_questions_and_a_closed_key_read_well(page: Path) -> None:
    doc = load(page)
    keys = doc.find_all("details", cls="asn-quiz__key")
    assert len(keys) == 2 and not any(k.has("open") for k in keys)
    text = " ".join(k.text for k in keys)
    assert "Jawaban: 2. 20 JP" in text and "Jawaban: 1. Atasan langsung" in text and "Jawaban: 2. Tidak" in text
    legends = [lg.text for lg in doc.find_all("legend")]
    assert "1. Berapa JP pengembangan kompetensi yang diharapkan setahun?" in legends
    # the explanation's link to a factor is resolved like every Markdown field
    assert any(a.get("href") == "../../faktor/alpha/" for k in keys for a in k.find_all("a"))


def test_ids_that_would_shadow_a_forms_methods_are_prefixed(page: Path) -> None:
    ids = {el.get("id") for el in load(page).find_all() if el.get("id")}
    assert {f"isi-{name}" for name in SHADOWING_IDS} <= ids and not ids & set(SHADOWING_IDS)


def test_plan_hooks_on_the_course_page(page: Path) -> None:
    doc = load(page)
    bar = doc.find_all("div", cls="asn-plan-bar")[0]
    data = json.loads(bar.get("data-asn-course") or "{}")
    assert data["slug"] == "kuis" and data["jp"] == 8 and data["url"] == "kursus/kuis/"
    assert data["modules"] == [{"key": "modul-satu", "title": "Modul Satu", "jp": None}]
    assert [b for b in doc.find_all("button") if b.get("data-asn-plan-add") == "kuis"]
    assert [el for el in doc.find_all("input") if el.get("data-asn-module-done") == "modul-satu"]


def test_quiz_hooks_for_marking_scores_and_the_key_sheet(page: Path) -> None:
    doc = load(page)
    forms: dict[Any, Any] = {f.get("data-asn-quiz"): f for f in doc.find_all("form") if f.has("data-asn-quiz")}
    assert sorted(forms) == ["kuis-kuis", "kuis-modul-modul-satu"]  # a module called "Kuis" cannot meet the course's
    assert [(f.get("data-asn-quiz-course"), f.get("data-asn-quiz-title")) for f in forms.values()] == [
        ("kuis", "Modul Satu"), ("kuis", "Kuis akhir")]
    course = forms["kuis-kuis"]
    assert len([q for q in course.find_all("fieldset") if q.has("data-asn-quiz-question")]) == 3
    buttons = {b.text: b for b in course.find_all("button")}
    assert buttons["Coba lagi"].has("data-asn-quiz-retry") and buttons["Coba lagi"].has("hidden")
    assert buttons["Cetak kunci jawaban"].has("data-asn-quiz-keysheet") and buttons["Cetak kunci jawaban"].has("hidden")
    # Without JavaScript no dead button shows, and no choice is marked as the answer in the form itself.
    assert [p for p in course.find_all("p", cls="asn-quiz__actions") if p.has("hidden")]
    assert [p for p in course.find_all("p") if p.has("data-asn-quiz-best") and p.has("hidden")]
    assert not [el for el in doc.find_all() if el.has("data-asn-quiz-correct")]


# -- in the browser: http (instant navigation) and the offline bundle, phone and laptop ---------------


@pytest.fixture(scope="module")
def http_site(built: tuple[ProjectBuilder, str, Path]) -> Where:
    return Where(built[1], True)


@pytest.fixture(scope="module")
def file_site(built: tuple[ProjectBuilder, str, Path]) -> Where:
    project = built[0]
    return Where(unpacked_bundle(project.root, project.root.parent).as_uri() + "/", False)


@pytest.mark.parametrize("width", [390, pytest.param(1280, marks=pytest.mark.slow)])  # desktop: slow suites
@pytest.mark.parametrize("where", [pytest.param("http", marks=pytest.mark.slow), "file"])
def test_quiz_teaches_keeps_scores_and_prints_keys_only_on_request(browser: Any, request: pytest.FixtureRequest,
                                                                   where: str, width: int) -> None:
    site: Where = request.getfixturevalue(f"{where}_site")
    course_url = site.url(entry_src("course", "kuis"))
    tab = Tab(browser, width)
    page = tab.page
    try:
        if site.pretty and width >= 1000:  # by instant navigation: learning.mjs sets up the swapped page
            page.goto(site.url(HOME))
            # Material takes over links only once it has read sitemap.xml: a click before that is a full load.
            page.wait_for_load_state("networkidle")
            page.evaluate("window.__samePage = true")
            page.locator(".md-tabs").get_by_role("link", name="Kursus", exact=True).click()
            page.locator("article a[href$='kursus/kuis/']").first.click()
            page.wait_for_url(course_url)
            assert page.evaluate("window.__samePage === true"), "no instant navigation"
        else:
            page.goto(course_url)
        quiz = page.locator(COURSE_QUIZ)
        quiz.get_by_role("button", name="Cetak kunci jawaban").wait_for(state="visible")

        # Before checking: nothing tells the answer; no score yet; big enough targets.
        assert visible(quiz.locator("[data-asn-quiz-correct]")) == 0
        assert visible(quiz.locator(".asn-quiz__explanation")) == 0
        assert not quiz.locator("[data-asn-quiz-best]").is_visible()
        assert not quiz.locator("[data-asn-quiz-retry]").is_visible()
        for target in quiz.locator("input[type=radio], label").all():
            box = target.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, (target.evaluate("e => e.outerHTML"), box)

        # Right, wrong, unanswered.
        answer(quiz, 1, 2)
        answer(quiz, 2, 2)
        check(quiz)
        assert quiz.locator("[data-asn-quiz-score]").inner_text() == "1/3"
        assert "benar 1 dari 3 soal, 1 belum dijawab" in quiz.locator(".asn-quiz__result").inner_text()
        assert page.evaluate("document.activeElement.classList.contains('asn-quiz__result')")
        right, wrong, unanswered = (question(quiz, n) for n in (1, 2, 3))
        for q, value, words in ((right, "2", "20 JP"), (wrong, "1", "Atasan langsung")):
            correct = q.locator("[data-asn-quiz-correct]")
            assert visible(correct) == 1 and words in correct.inner_text()
            assert correct.locator("input").get_attribute("value") == value
        assert right.locator(".asn-quiz__verdict").inner_text() == "Benar"
        assert right.locator(".asn-quiz__explanation").is_visible()  # with its link, resolved as everywhere
        assert wrong.locator(".asn-quiz__verdict").inner_text().startswith("Salah, jawaban: 1 (Atasan langsung)")
        assert "pilihan Anda" in wrong.locator(".asn-quiz__option--wrong").inner_text()
        assert unanswered.locator("[data-asn-quiz-correct]").count() == 0
        said = unanswered.locator(".asn-quiz__verdict").inner_text()
        assert said.startswith("Belum dijawab") and "peramban" not in said.lower()
        assert not unanswered.locator(".asn-quiz__explanation").is_visible()
        assert "Skor terbaik: 1/3" in quiz.locator("[data-asn-quiz-best]").inner_text()
        recorded = scores(page)
        assert recorded == {"kuis-kuis": {"course": "kuis", "title": "Kuis akhir",
                                          "last": {"right": 1, "total": 3, "date": TODAY},
                                          "best": {"right": 1, "total": 3, "date": TODAY}}}
        if site.pretty:  # (axe reads stylesheets with XHR, which file:// refuses in the console)
            from tests.support.a11y import serious_violations

            assert serious_violations(page) == []

        # Printed for participants: questions and choices, no key and no marks.
        page.emulate_media(media="print")
        key = page.locator(f"{COURSE_QUIZ} + details.asn-quiz__key")
        assert right.locator("legend").is_visible() and right.locator("label").first.is_visible()
        assert not key.is_visible() and not key.locator("li").first.is_visible()
        for hidden in (".asn-quiz__mark", ".asn-quiz__verdict", ".asn-quiz__explanation", "button",
                       "[data-asn-quiz-best]", ".asn-quiz__result"):
            assert visible(quiz.locator(hidden)) == 0, hidden
        assert right.locator("[data-asn-quiz-correct]").evaluate("e => getComputedStyle(e).borderColor") == \
            right.locator("label").nth(0).evaluate("e => getComputedStyle(e).borderColor")
        page.emulate_media(media="screen")

        # Coba lagi: answers and marks cleared; all right now, then nothing answered.
        quiz.get_by_role("button", name="Coba lagi").click()
        assert quiz.locator("input:checked").count() == 0
        assert quiz.locator("[data-asn-quiz-correct], .asn-quiz__verdict, .asn-quiz__mark").count() == 0
        assert visible(quiz.locator(".asn-quiz__explanation")) == 0
        assert not quiz.locator(".asn-quiz__result").is_visible()
        assert not quiz.locator("[data-asn-quiz-retry]").is_visible()
        assert page.evaluate("document.activeElement.type === 'radio'")
        for n, value in ((1, 2), (2, 1), (3, 2)):  # type: ignore[assignment]
            answer(quiz, n, value)  # type: ignore[arg-type]
        check(quiz)
        assert quiz.locator("[data-asn-quiz-score]").inner_text() == "3/3"
        assert visible(quiz.locator("[data-asn-quiz-correct]")) == 3
        quiz.get_by_role("button", name="Coba lagi").click()
        check(quiz)
        assert quiz.locator("[data-asn-quiz-score]").inner_text() == "0/3"
        assert quiz.locator("[data-asn-quiz-correct]").count() == 0 and quiz.locator(".asn-quiz__mark").count() == 0
        assert quiz.locator(".asn-quiz__q--unanswered").count() == 3

        # A module's quiz is kept apart, under its own id and title.
        module = page.locator("form[data-asn-quiz='kuis-modul-modul-satu']")
        answer(module, 1, 2)
        check(module)

        # Kept after a reload: the best and the last.
        page.reload()
        quiz = page.locator(COURSE_QUIZ)
        best = quiz.locator("[data-asn-quiz-best]")
        best.wait_for(state="visible")
        assert best.inner_text().startswith("Skor terbaik: 3/3") and "Skor terakhir: 0/3" in best.inner_text()
        recorded = scores(page)
        assert recorded["kuis-kuis"]["best"] == {"right": 3, "total": 3, "date": TODAY}
        assert recorded["kuis-kuis"]["last"] == {"right": 0, "total": 3, "date": TODAY}
        assert recorded["kuis-modul-modul-satu"] == {"course": "kuis", "title": "Modul Satu",
                                                     "last": {"right": 1, "total": 1, "date": TODAY},
                                                     "best": {"right": 1, "total": 1, "date": TODAY}}
        stored = json.loads(page.evaluate(f"localStorage.getItem('{SCORES_KEY}')"))
        assert stored["version"] == 1 and stored["quizzes"] == recorded

        # The key sheet: keys printed (opened too, for browsers without ::details-content), then all undone.
        page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
        quiz.get_by_role("button", name="Cetak kunci jawaban").click()
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        key = page.locator(f"{COURSE_QUIZ} + details.asn-quiz__key")
        assert key.locator("li").first.is_visible() and "Jawaban: 2. 20 JP" in key.inner_text()
        assert key.evaluate("d => d.open")
        page.emulate_media(media="screen")
        page.wait_for_function("d => !d.open && !document.documentElement.classList.contains('asn-print-key')",
                               arg=key.element_handle())
        page.emulate_media(media="print")  # an ordinary print afterwards has no key again
        assert not key.locator("li").first.is_visible()
        page.emulate_media(media="screen")
    finally:
        tab.close()


def test_broken_or_refused_storage_never_breaks_the_quiz(browser: Any, http_site: Where) -> None:
    course_url = http_site.url(entry_src("course", "kuis"))
    good = {"course": "kuis", "title": "Kuis akhir", "last": {"right": 1, "total": 3, "date": "2025-02-03"},
            "best": {"right": 2, "total": 3, "date": "2025-01-02"}}
    tab = Tab(browser, 1280)
    try:
        page = tab.page
        page.goto(course_url)
        for broken in ("{rusak", "[]", json.dumps({"version": 2, "quizzes": {"kuis-kuis": good}}), "null"):
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", [SCORES_KEY, broken])
            page.reload()
            assert scores(page) == {}
            assert not page.locator(f"{COURSE_QUIZ} [data-asn-quiz-best]").is_visible()
        mixed: dict[str, Any] = {"version": 1, "quizzes": {
            "kuis-kuis": good,
            "lama-kuis": {"course": "lama", "title": 5, "last": {"right": 4, "total": 4, "date": "2024-12-31"}},
            "naik-kuis": {"course": "naik", "title": "T", "last": {"right": 3, "total": 3, "date": "2025-01-01"},
                          "best": {"right": 1, "total": 3, "date": "2024-01-01"}},
            "Bukan Id": good, "__proto__": good,
            "x-kuis": {**good, "course": "Bukan Slug"},
            "y-kuis": {**good, "last": {"right": 4, "total": 3, "date": "2025-01-01"}, "best": None},
            "z-kuis": {**good, "last": {"right": 1, "total": 3, "date": "2025-02-30"}, "best": "x"},
            "w-kuis": "bukan objek"}}
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [SCORES_KEY, json.dumps(mixed)])
        page.reload()
        assert scores(page) == {
            "kuis-kuis": good,
            "lama-kuis": {"course": "lama", "title": "Kuis", "last": mixed["quizzes"]["lama-kuis"]["last"],
                          "best": mixed["quizzes"]["lama-kuis"]["last"]},
            "naik-kuis": {**mixed["quizzes"]["naik-kuis"], "best": mixed["quizzes"]["naik-kuis"]["last"]}}
        assert page.locator(f"{COURSE_QUIZ} [data-asn-quiz-best]").inner_text().startswith(
            "Skor terbaik: 2/3 (2 Januari 2025). Skor terakhir: 1/3 (3 Februari 2025)")
        quiz = page.locator(COURSE_QUIZ)
        check(quiz)  # a lower score is the last, never the best
        assert scores(page)["kuis-kuis"]["best"] == good["best"]
        assert scores(page)["kuis-kuis"]["last"] == {"right": 0, "total": 3, "date": TODAY}
    finally:
        tab.close()

    refused = ("Object.defineProperty(window, 'localStorage', "
               "{get() { throw new DOMException('ditolak', 'SecurityError'); }});")
    tab = Tab(browser, 390, init_script=refused)
    try:
        page = tab.page
        page.goto(course_url)
        quiz = page.locator(COURSE_QUIZ)
        answer(quiz, 1, 2)
        check(quiz)
        assert quiz.locator("[data-asn-quiz-score]").inner_text() == "1/3"
        assert scores(page)["kuis-kuis"]["best"] == {"right": 1, "total": 3, "date": TODAY}  # for this visit
        assert quiz.locator("[data-asn-quiz-best]").is_visible()
    finally:
        tab.close(only_ours=True)  # Material's own scripts need localStorage too
