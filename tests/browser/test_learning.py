"""learning*.js / learning.css on the built learning sample (tests/support/learning.py) in a real Chromium,
from file:// (the offline bundle) everyday and over http in CI's slow step: quiz, learning plan, module
progress, CSV/JSON export and import, stored plans that redirect or are corrupt, print.

What only the served site checks (Material's instant navigation, refused storage, axe) is in
tests/browser/test_learning_http.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from asn_portal.trust.urls import HOME, PLAN, index_src
from tests.support.hostile import FORMULA_CELL, FORMULA_STARTS, FORMULA_TITLE
from tests.support.learning import Tab, entry, rows, totals
from tests.support.learning import file_site as file_site
from tests.support.learning import http_site as http_site
from tests.support.learning import sample as sample
from tests.support.learning import tab as tab
from tests.support.learning import where as where

YEAR = dt.date.today().year
HR_HEADER = ["Nama", "NIP", "Jabatan", "Unit Kerja", "Instansi", "Tahun", "Nama Kursus/Kegiatan", "Penyelenggara",
             "Bentuk Pengembangan", "Mode", "Kompetensi", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status",
             "Kursus bersertifikat", "Nomor Sertifikat", "Keterangan"]
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


# -------------------------------------------------------------------------------------------------

@pytest.mark.engine_smoke  # run again on each engine by .ci/run
def test_quiz_marks_answers_and_scores(tab: Tab) -> None:
    course = tab.where.sample.quiz
    page = tab.go(tab.where.course(course))
    qid = f"{course.slug}-kuis"
    quiz = page.locator(f"form.asn-quiz[data-asn-quiz='{qid}']")
    questions = course.quiz
    assert not quiz.locator(".asn-quiz__result").is_visible()
    quiz.locator(f"input[name='{qid}-q1'][value='{questions[0].answer}']").check()
    wrong = next(i for i in range(1, len(questions[1].choices) + 1) if i != questions[1].answer)
    quiz.locator(f"input[name='{qid}-q2'][value='{wrong}']").check()  # the rest stay unanswered
    url = page.url
    quiz.get_by_role("button", name="Periksa jawaban").click()
    quiz.locator(".asn-quiz__result").wait_for(state="visible")
    assert page.url == url
    assert quiz.locator("[data-asn-quiz-score]").inner_text() == f"1/{len(questions)}"
    verdicts = quiz.locator(".asn-quiz__verdict").all_inner_texts()
    assert verdicts[0] == "Benar"
    assert verdicts[1].startswith(f"Salah, jawaban: {questions[1].answer}")
    assert all(v.startswith("Belum dijawab") for v in verdicts[2:])  # without the answer: not tried yet
    assert quiz.locator(".asn-quiz__q--wrong").count() == 1
    assert quiz.locator(".asn-quiz__q--unanswered").count() == len(questions) - 2
    assert quiz.locator("[data-asn-quiz-correct]").count() == 2  # only the answered questions show theirs
    with_explanation = sum(1 for q in questions[:2] if q.explanation)
    assert quiz.locator(".asn-quiz__explanation:visible").count() == with_explanation
    assert page.evaluate("document.activeElement.classList.contains('asn-quiz__result')")

    # Keyboard only: Space picks a radio, Enter in the form checks again; all right now.
    for n, question in enumerate(questions, 1):
        quiz.locator(f"input[name='{qid}-q{n}'][value='{question.answer}']").focus()
        page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_function("s => document.querySelector(s).textContent === '" + f"{len(questions)}/{len(questions)}'",
                           arg=f"form[data-asn-quiz='{qid}'] [data-asn-quiz-score]")
    assert quiz.locator(".asn-quiz__verdict").all_inner_texts() == ["Benar"] * len(questions)


def test_plan_totals_reload_progress_badges_and_edits(tab: Tab) -> None:
    w = tab.where
    quiz_course, formula, other = w.sample.quiz, w.sample.formula, w.sample.other
    page = tab.go(w.course(quiz_course))
    add = page.locator(f".asn-plan-bar [data-asn-plan-add='{quiz_course.slug}']")
    add.click()
    assert "rencana belajar" in page.inner_text(f"[data-asn-plan-status='{quiz_course.slug}']")
    assert add.inner_text() == "Hapus dari rencana belajar"

    page = tab.go(w.url(index_src("course")))
    assert page.inner_text(f"[data-asn-plan-badge='{quiz_course.slug}']") == "dalam rencana"
    assert page.inner_text(f"[data-asn-plan-badge='{formula.slug}']") == ""
    page.locator(f"[data-asn-plan-add='{formula.slug}']").click()
    assert page.inner_text(f"[data-asn-plan-badge='{formula.slug}']") == "dalam rencana"

    planned = quiz_course.jp + formula.jp
    page = tab.go(w.url(PLAN))
    assert totals(page) == (str(planned), "0")
    assert sorted(rows(page)) == sorted([quiz_course.slug, formula.slug])
    assert page.inner_text(f"[data-asn-plan-row='{formula.slug}'] th > :first-child") == FORMULA_TITLE  # text
    link = page.locator(f"[data-asn-plan-row='{quiz_course.slug}'] th a")
    assert link.evaluate("a => a.href") == w.course(quiz_course)
    name = "e => e.labels && e.labels.length ? e.labels[0].textContent : e.getAttribute('aria-label')"
    for control in page.locator("[data-asn-plan-rows] :is(select, input, button)").all():  # all named
        assert control.evaluate(name)
    page.reload()
    assert totals(page) == (str(planned), "0")

    # Every module ticked (progress by key): the course is done, on the card and on the home page.
    page = tab.go(w.course(quiz_course))
    keys = [m.progress_key for m in quiz_course.modules]
    progress = page.locator(f"[data-asn-progress='{quiz_course.slug}']")
    assert progress.inner_text() == f"0 dari {len(keys)} modul selesai"
    for n, key in enumerate(reversed(keys), 1):
        page.locator(f"[data-asn-module-done='{key}']").check()
        assert progress.inner_text() == f"{n} dari {len(keys)} modul selesai"
    assert tab.stored()["courses"][quiz_course.slug]["status"] == "selesai"
    page = tab.go(w.url(index_src("course")))
    assert page.inner_text(f"[data-asn-plan-badge='{quiz_course.slug}']") == "selesai"
    page = tab.go(w.url(HOME))
    assert page.locator(f"[data-asn-plan-badge='{quiz_course.slug}']").first.inner_text() == "selesai"

    # The plan page: finished by its modules but undated, the course counts once its end date is given.
    page = tab.go(w.url(PLAN))
    quiz_row = page.locator(f"[data-asn-plan-row='{quiz_course.slug}']")
    assert totals(page) == (str(formula.jp), "0")
    assert quiz_row.locator(".asn-plan__ask").is_visible()
    assert quiz_row.locator("select").first.input_value() == "selesai"
    quiz_row.get_by_label("Tanggal selesai").fill(f"{YEAR}-02-03")
    assert totals(page) == (str(planned), str(quiz_course.jp))
    assert quiz_row.locator(".asn-plan__ask").count() == 0
    # A course dated last year leaves this year's totals; status edits count; find and add.
    row = page.locator(f"[data-asn-plan-row='{formula.slug}']")
    row.get_by_label("Tanggal mulai").fill(f"{YEAR - 1}-03-01")
    assert totals(page) == (str(quiz_course.jp), str(quiz_course.jp))
    row.get_by_label("Tanggal selesai").fill(f"{YEAR}-01-15")
    row.get_by_label("Status").select_option("selesai")
    assert totals(page) == (str(planned), str(planned))
    page.locator("form[data-asn-plan-find] select").select_option(other.slug)
    page.locator("form[data-asn-plan-find] button").click()
    assert other.slug in rows(page) and totals(page) == (str(planned + other.jp), str(planned))
    page.reload()
    assert totals(page) == (str(planned + other.jp), str(planned))
    page.locator(f"[data-asn-plan-row='{other.slug}']").get_by_role("button", name="Hapus").click()
    assert other.slug not in rows(page)

    page.locator("[data-asn-plan-clear]").click()  # confirm() accepted
    assert rows(page) == [] and totals(page) == ("0", "0")
    assert page.locator("[data-asn-plan-empty]").is_visible()


def test_export_csv_json_and_import(browser: Any, tab: Tab, tmp_path: Path) -> None:
    w = tab.where
    quiz_course, formula, other = w.sample.quiz, w.sample.formula, w.sample.other
    key = quiz_course.modules[0].progress_key
    page = tab.go(w.url(PLAN))
    tab.store({"version": 1, "modules": {quiz_course.slug: [key]}, "courses": {
        quiz_course.slug: entry(quiz_course, 0, status="selesai", start=f"{YEAR}-02-01", end=f"{YEAR}-02-03"),
        formula.slug: entry(formula, 1, status="berjalan"), other.slug: entry(other, 2)}})
    page.reload()
    assert totals(page) == (str(quiz_course.jp + formula.jp + other.jp), str(quiz_course.jp))

    profile = {"nama": "Siti Rahmawati, S.E.", "nip": "198501012010012001", "jabatan": "Analis SDM Aparatur",
               "unit_kerja": "Bidang Pengembangan", "instansi": "BKPSDM Kabupaten Contoh",
               "atasan_nama": "Budi Santoso", "atasan_nip": "197001011995031001"}
    for name, value in profile.items():
        page.locator(f"form[data-asn-profile] [name='{name}']").fill(value)
    assert tab.stored()["profile"] == profile

    with page.expect_download() as info:
        page.locator("[data-asn-plan-export='csv']").click()
    assert info.value.suggested_filename == f"rekap-pengembangan-kompetensi-{profile['nip']}-{YEAR}.csv"
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0][:len(HR_HEADER)] == HR_HEADER and "Slug" not in ";".join(table[0])
    for line in text.split("\r\n"):  # RFC 4180: every text cell quoted
        assert line == "" or line.startswith(('"', *"0123456789")), line
        for separator in ",;":  # a spreadsheet that splits on either, ignoring quotes, meets no formula
            for piece in line.split(separator):
                assert not piece.lstrip(' "').startswith(FORMULA_STARTS), (separator, piece)
    by_title = {r[6]: dict(zip(table[0], r, strict=True)) for r in table[1:]}
    assert len(by_title) == 3
    forms = {"luring": "klasikal", "daring": "nonklasikal", "mandiri": "nonklasikal",
             "campuran": "klasikal dan nonklasikal"}
    first = by_title[quiz_course.title]
    assert (first["Nama"], first["NIP"], first["Tahun"]) == (profile["nama"], profile["nip"], str(YEAR))
    assert first["Nama Kursus/Kegiatan"] == quiz_course.title and first["JP"] == str(quiz_course.jp)
    assert first["Keterangan"] == "", "a course the catalog has needs no remark"
    assert first["Bentuk Pengembangan"] == forms[quiz_course.mode] and first["Status"] == "Selesai"
    assert (first["Tanggal Mulai"], first["Tanggal Selesai"]) == (f"01-02-{YEAR}", f"03-02-{YEAR}")
    assert first["Kursus bersertifikat"] == {True: "Ya", False: "Tidak", None: ""}[quiz_course.certificate]
    formula_row = by_title[FORMULA_CELL]  # neutralised
    assert f'"{FORMULA_CELL.replace(chr(34), chr(34) * 2)}"' in text  # and quoted, quotes doubled
    assert formula_row["Penyelenggara"] == "Pusat; Diklat" and formula_row["Status"] == "Sedang berjalan"
    assert formula_row["Bentuk Pengembangan"] == "klasikal" and formula_row["Mode"] == "Luring"

    with page.expect_download() as info:
        page.locator("[data-asn-plan-export='json']").click()
    assert info.value.suggested_filename == f"rencana-belajar-{profile['nip']}-{YEAR}.json"
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert (exported["format"], exported["version"], exported["target_jp"]) == ("asn-portal-rencana", 3, 20)
    assert exported["exported"] == dt.date.today().isoformat() and exported["profile"] == profile
    assert exported["modules"] == {quiz_course.slug: [key]}
    assert exported["courses"][0] == {
        "slug": quiz_course.slug, "title": quiz_course.title, "form": forms[quiz_course.mode],
        "organizer": quiz_course.organizer, "mode": quiz_course.mode, "competency": quiz_course.competency.title(),
        "start": f"{YEAR}-02-01", "end": f"{YEAR}-02-03",
        "jp": quiz_course.jp, "certificate": quiz_course.certificate, "certificate_number": "", "status": "selesai"}
    saved = tmp_path / "rencana.json"
    saved.write_text(json.dumps(exported), encoding="utf-8")

    # Another laptop: a fresh browser imports the file and sees the same plan.
    fresh = Tab(browser, w)
    try:
        p2 = fresh.go(w.url(PLAN))
        assert rows(p2) == []
        importer = p2.locator("[data-asn-plan-import]")
        importer.set_input_files(str(saved))
        p2.wait_for_function("document.querySelectorAll('[data-asn-plan-rows] tr').length === 3")
        assert totals(p2) == totals(page)
        assert "3 kursus diimpor" in p2.inner_text("[data-asn-plan-message]")
        assert fresh.stored()["modules"] == {quiz_course.slug: [key]}
        assert fresh.stored()["profile"] == profile  # the identity moves with the plan
        assert p2.locator("form[data-asn-profile] [name='nip']").input_value() == "19850101 201001 2 001"

        # Refused as a whole, with a message: not JSON, another format, courses not a list.
        for n, content in enumerate(("{bukan json", json.dumps({"format": "lain", "version": 1}),
                                     json.dumps({"format": "asn-portal-rencana", "version": 1, "courses": {}}))):
            bad = tmp_path / f"rusak-{n}.json"
            bad.write_text(content, encoding="utf-8")
            p2.evaluate("document.querySelector('[data-asn-plan-message]').textContent = ''")
            importer.set_input_files(str(bad))
            p2.wait_for_function("document.querySelector('[data-asn-plan-message]').textContent"
                                 ".indexOf('tidak diimpor') >= 0")
        assert len(rows(p2)) == 3

        # Single bad entries are skipped and counted; an old slug follows its redirect; later status wins.
        mixed = {"format": "asn-portal-rencana", "version": 1, "courses": [
            {"slug": formula.slug, "title": "x", "jp": 12, "status": "selesai", "start": f"{YEAR}-05-01", "end": ""},
            {"slug": quiz_course.redirect_from[0], "title": "Judul lama", "jp": 3, "status": "direncanakan",
             "start": "", "end": ""},
            {"slug": "Bukan Slug", "title": "x", "jp": 1, "status": "selesai"},
            {"slug": "jp-nol", "title": "x", "jp": 0, "status": "selesai"},
            {"slug": "status-lain", "title": "x", "jp": 2, "status": "lulus"},
            {"slug": "tanggal-salah", "title": "x", "jp": 2, "status": "selesai", "start": "2025-13-01"},
            "bukan objek"]}
        mixed_file = tmp_path / "campur.json"
        mixed_file.write_text(json.dumps(mixed), encoding="utf-8")
        importer.set_input_files(str(mixed_file))
        p2.wait_for_function("document.querySelector('[data-asn-plan-message]').textContent.indexOf('dilewati') >= 0")
        message = p2.inner_text("[data-asn-plan-message]")
        assert "2 kursus diimpor" in message and "5 entri dilewati" in message
        stored = fresh.stored()["courses"]
        assert sorted(stored) == sorted([quiz_course.slug, formula.slug, other.slug])
        assert stored[formula.slug]["status"] == "selesai" and stored[formula.slug]["start"] == f"{YEAR}-05-01"
        assert stored[formula.slug]["title"] == FORMULA_TITLE  # the catalog's title, not the file's
        assert stored[quiz_course.slug]["status"] == "selesai"
    finally:
        fresh.close()


def test_redirects_corrupt_storage_and_stale_module_keys(tab: Tab) -> None:
    w = tab.where
    course = w.sample.quiz
    old = course.redirect_from[0]
    page = tab.go(w.url(PLAN))
    tab.store("{rusak")
    page.reload()
    assert rows(page) == [] and totals(page) == ("0", "0")

    keys = [m.progress_key for m in course.modules]
    tab.store({"version": 1, "modules": {old: [keys[0], "modul-yang-dihapus"]}, "courses": {
        old: entry(course, 0, slug=old, title="Judul lama", jp=3, status="berjalan"),
        "kursus-hilang": entry(course, 1, slug="kursus-hilang", title="Kursus yang dihapus", jp=3),
        "<script>": {"slug": "<script>", "title": "x", "jp": 1}}})
    page.reload()
    assert rows(page) == [course.slug, "kursus-hilang"]
    assert page.inner_text(f"[data-asn-plan-row='{course.slug}'] th > :first-child") == course.title  # catalog
    assert totals(page) == (str(course.jp + 3), "0")
    assert "tidak ada lagi di katalog" in page.inner_text("[data-asn-plan-row='kursus-hilang'] th")
    stored = tab.stored()
    assert sorted(stored["courses"]) == sorted([course.slug, "kursus-hilang"])
    assert stored["modules"] == {course.slug: [keys[0], "modul-yang-dihapus"]}

    page = tab.go(w.course(course))
    assert page.inner_text(f"[data-asn-progress='{course.slug}']") == f"1 dari {len(keys)} modul selesai"
    assert page.locator(f"[data-asn-module-done='{keys[0]}']").is_checked()


def test_print_course_handout_and_plan_record(tab: Tab) -> None:
    w = tab.where
    course = w.sample.quiz
    page = tab.go(w.course(course))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-search", ".md-sidebar--primary", ".md-footer", ".asn-plan-bar",
                     ".asn-module-done", "form.asn-quiz button[type=submit]"):
        assert not page.locator(selector).first.is_visible(), selector
    after = "a => getComputedStyle(a, '::after').content"
    external = page.locator(f"article a[href='{course.registration}']").first
    assert external.evaluate(after) == f'" ({course.registration})"'
    internal = page.locator("article .asn-links a").first  # absolute after Material's instant navigation
    assert internal.evaluate(after) == "none"
    key = page.locator(f"form[data-asn-quiz='{course.slug}-kuis'] + details.asn-quiz__key")
    assert not key.is_visible() and not key.evaluate("d => d.open")  # a handout: keys only on request (test_quiz_page)
    assert page.locator("h1").is_visible() and page.locator(".asn-materials").first.is_visible()
    page.emulate_media(media="screen")

    # The plan page prints the record (tests/browser/test_plan.py): none of its controls.
    tab.store({"version": 1, "courses": {course.slug: entry(course, 0, status="selesai", end=f"{YEAR}-03-01")},
               "modules": {}})
    page = tab.go(w.url(PLAN))
    page.emulate_media(media="print")
    assert page.locator("[data-asn-record]").is_visible()
    assert course.title in page.inner_text("[data-asn-record-rows]")
    for selector in ("[data-asn-plan-rows] select", "[data-asn-plan-rows] input", "[data-asn-plan-rows] button",
                     "form[data-asn-plan-find]", "form[data-asn-profile]", "[data-asn-plan-export='csv']",
                     "[data-asn-plan-clear]", "[data-asn-plan-print]", ".md-tabs", ".md-header"):
        assert not page.locator(selector).first.is_visible(), selector
    today = dt.date.today()
    printed = page.locator("[data-asn-record-date]").first.inner_text()
    assert printed == f"{today.day} {MONTHS[today.month - 1]} {today.year}"
