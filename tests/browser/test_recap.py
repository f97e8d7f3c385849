"""Rekap Kepegawaian (rekap/, issue 23) in Chromium: HR drops many participants' files and gets one table,
one XLSX and one SIASN CSV, with nothing sent anywhere.

From the unpacked kit (file://) the files are made the real way: three people's plans exported from
the plan page with "Unduh cadangan (JSON)"; then a duplicate and a broken file join them. Over http, a
lighter check. The merge rules themselves are tested in Node.js (tests/js/recap.test.mjs)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from asn_portal.trust.urls import RECAP
from tests.support.pageerrors import record_errors
from tests.support.plan import PlanSite as Site

openpyxl = pytest.importorskip("openpyxl")

YEAR = dt.date.today().year
KEY = "asn-portal:rencana"
PEOPLE = [{"nama": "Siti Rahmawati", "nip": "198501012010012001", "instansi": "BKPSDM Kabupaten Contoh",
           "unit_kerja": "Bidang Pengembangan Kompetensi", "jabatan": "Analis SDM Aparatur"},
          {"nama": "Budi Santoso", "nip": "197001011995031001", "instansi": "Dinas Pendidikan"},
          {"nama": "Ani Lestari", "nip": "199203152019032007", "instansi": "Kecamatan Sukamaju"}]


def entry(course: Any, status: str, start: str = "", end: str = "", number: str = "") -> dict[str, Any]:
    return {"slug": course.slug, "title": course.title, "jp": course.jp, "competency": "", "mode": course.mode,
            "mode_label": "", "organizer": course.organizer, "certificate": course.certificate, "status": status,
            "start": start, "end": end, "certificate_number": number, "added": f"{YEAR}-01-01T00:00:00Z"}


def plans(site: Site) -> list[dict[str, Any]]:
    """Siti: two courses finished this year and a webinar; Budi: one finished, one running; Ani: one
    finished last year (not this year's) and one this year."""
    a, b, c = site.courses
    webinar = {"id": "k-web1", "activity": True, "title": "Webinar Etika ASN", "form": "seminar",
               "organizer": "LAN RI", "jp": 2.5, "hours": None, "status": "selesai", "start": f"{YEAR}-05-02",
               "end": f"{YEAR}-05-02", "certificate_number": "", "added": f"{YEAR}-05-02T00:00:00Z"}
    courses = [
        {a.slug: entry(a, "selesai", f"{YEAR}-02-01", f"{YEAR}-02-03", "SERT/0012"),
         b.slug: entry(b, "selesai", f"{YEAR}-03-01", f"{YEAR}-03-04")},
        {a.slug: entry(a, "selesai", f"{YEAR}-04-01", f"{YEAR}-04-02"), c.slug: entry(c, "berjalan", f"{YEAR}-06-01")},
        {a.slug: entry(a, "selesai", f"{YEAR - 1}-11-01", f"{YEAR - 1}-11-03"),
         c.slug: entry(c, "selesai", f"{YEAR}-07-01", f"{YEAR}-07-09")}]
    return [{"version": 3, "courses": held, "modules": {}, "profile": person,
             "activities": {"k-web1": webinar} if n == 0 else {}}
            for n, (person, held) in enumerate(zip(PEOPLE, courses, strict=True))]


@contextlib.contextmanager
def tab(browser: Any) -> Iterator[Any]:
    """A fresh context (its own localStorage, downloads kept); no console error may be left."""
    context = browser.new_context(viewport={"width": 320, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    record_errors(page, errors)
    try:
        yield page
        assert errors == []
    finally:
        context.close()


def downloaded(page: Any, selector: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator(selector).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def done(row: Any) -> str:
    """A person's "JP selesai" cell, without the label the card layout shows."""
    return row.locator("td.asn-plan__jp > span:last-child").first.inner_text()  # type: ignore[no-any-return]


def open_recap(page: Any, site: Site) -> Any:
    page.goto(site.page(RECAP))
    return page.locator("[data-asn-recap][data-asn-ready]").wait_for(state="attached")


def test_from_the_kit_three_exports_a_duplicate_and_a_broken_file(browser: Any, plan_file: Site,
                                                                   tmp_path: Path) -> None:
    site = plan_file
    with tab(browser) as page:
        exports = []
        for state in plans(site):  # each participant on the shared laptop, one after the other
            page.goto(site.plan())
            page.evaluate(f"s => localStorage.setItem('{KEY}', s)", json.dumps(state))
            page.reload()
            page.locator("[data-asn-plan][data-asn-ready]").wait_for(state="attached")
            exports.append(downloaded(page, "[data-asn-plan-export='json']", tmp_path))
        assert [p.name for p in exports] == [f"rencana-belajar-{p['nip']}-{YEAR}.json" for p in PEOPLE]
        copy = shutil.copy(exports[0], tmp_path / "salinan dari flashdisk.json")
        broken = tmp_path / "rusak.json"
        broken.write_text('{"format": "asn-portal-rencana", "courses": [', encoding="utf-8")

        open_recap(page, site)
        stored = page.evaluate("JSON.stringify(Object.entries(localStorage))")
        page.locator("input[data-asn-recap-input]").set_input_files([*exports, copy, broken])
        rows = page.locator("[data-asn-recap-people] tbody tr")
        rows.nth(2).wait_for()
        assert rows.count() == 3
        message = page.locator("[data-asn-recap-message]")
        assert message.get_attribute("aria-live") == "polite"
        told = message.inner_text()
        assert "rusak.json" in told and "bukan JSON yang sah" in told
        assert f"salinan dari flashdisk.json: isinya sama persis dengan {exports[0].name}" in told
        a, b, c = site.courses
        siti, ani = rows.filter(has_text="Siti Rahmawati"), rows.filter(has_text="Ani Lestari")
        assert "19850101 201001 2 001" in siti.inner_text(), "the NIP in its usual spaced form"
        assert done(siti) == f"{a.jp + b.jp + 2.5:g} JP".replace(".", ","), "two courses and a webinar"
        assert done(ani) == f"{c.jp} JP", "last year's course is not this year's"
        assert exports[2].name in ani.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.evaluate("JSON.stringify(Object.entries(localStorage))") == stored, "the recap stores nothing"

        book = openpyxl.load_workbook(downloaded(page, "[data-asn-recap-export='xlsx']", tmp_path))
        assert book.sheetnames == [f"Rekap {YEAR}", f"Ringkasan {YEAR}"]
        detail = list(book[f"Rekap {YEAR}"].iter_rows())
        head = [cell.value for cell in detail[0]]
        assert head[:2] == ["Nama", "NIP"] and head[10] == "JP"
        seen = [(row[1].value, row[5].value) for row in detail[1:]]
        assert sorted(seen) == sorted({*seen}), "each course once per person"
        assert {nip for nip, _ in seen} == {p["nip"] for p in PEOPLE}
        assert len(seen) == 3 + 1 + 1
        for row in detail[1:]:
            assert row[1].data_type == "s" and row[1].value in {p["nip"] for p in PEOPLE}
            assert row[10].data_type == "n" and row[10].value > 0
            assert row[9].is_date and row[9].value.year == YEAR
        summary = [[cell.value for cell in row] for row in book[f"Ringkasan {YEAR}"].iter_rows(min_row=2)]
        assert [row[:2] for row in summary] == [[p["nama"], p["nip"]] for p in sorted(PEOPLE, key=lambda p: p["nama"])]

        siasn = downloaded(page, "[data-asn-recap-export='siasn']", tmp_path)
        assert siasn.name == f"siasn-riwayat-kursus-rekap-{YEAR}.csv"
        table = list(csv.reader(io.StringIO(siasn.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
        assert table[0][:3] == ["nip", "nama", "namaKursus"]
        assert len(table) == 1 + 5 and {row[0] for row in table[1:]} == {p["nip"] for p in PEOPLE}

        page.locator("[data-asn-recap-clear]").click()
        assert rows.count() == 0 and page.locator("[data-asn-recap-people]").is_hidden()


def test_over_http_the_page_reads_files_and_its_controls_are_large_enough(browser: Any, plan_http: Site) -> None:
    a = plan_http.courses[0]
    backup = {"format": "asn-portal-rencana", "version": 3, "profile": PEOPLE[1],
              "courses": [{"slug": a.slug, "title": a.title, "jp": a.jp, "status": "selesai",
                           "start": f"{YEAR}-02-01", "end": f"{YEAR}-02-02"}]}
    with tab(browser) as page:
        open_recap(page, plan_http)
        picker = page.locator("input[type=file][multiple][data-asn-recap-input]")
        box = picker.bounding_box()
        assert box is not None and box["width"] <= 1 and box["height"] <= 1, "the English 'Choose Files' is hidden"
        assert picker.get_attribute("tabindex") == "-1" and picker.get_attribute("aria-hidden") == "true"
        pick = page.get_by_role("button", name="Pilih berkas peserta")
        assert pick.get_attribute("data-asn-recap-pick") is not None
        assert pick.get_attribute("aria-describedby") == "asn-recap-what asn-recap-privacy"
        assert "CSV SIASN" in page.locator("#asn-recap-what").inner_text()
        for control in page.locator("[data-asn-recap] :is(input:not([type=file]), select, button)").all():
            box = control.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, control.evaluate("e => e.outerHTML.slice(0, 80)")
        # A native button: Enter and Space press it, as a click does (a key press under load raced the chooser).
        assert pick.evaluate("b => b.tagName === 'BUTTON' && b.tabIndex === 0 && b.type === 'button'")
        with page.expect_file_chooser(timeout=30_000) as chooser:  # the button opens the hidden input's chooser
            pick.click()
        assert chooser.value.is_multiple()
        chooser.value.set_files([{"name": "budi.json", "mimeType": "application/json",
                                  "buffer": json.dumps(backup).encode()}])
        row = page.locator("[data-asn-recap-people] tbody tr")
        row.wait_for()
        assert "Budi Santoso" in row.inner_text() and "Kurang" in row.inner_text()
        page.locator("[data-asn-recap-year]").select_option(str(YEAR - 1))
        assert "0 JP" in row.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # A file dropped on the box is read like a picked one; a NIP a spreadsheet broke is not shown as one.
        mangled = ('"nip";"nama";"namaKursus";"institusiPenyelenggara";"jumlahJam";"tanggalKursus";'
                   '"tanggalSelesaiKursus";"tahunKursus";"nomorSertipikat";"jenisKursus"\r\n'
                   f'1,99203E+17;"Ani Lestari";"Kursus X";"LAN";2;"01-02-{YEAR}";"02-02-{YEAR}";{YEAR};"";"Kursus"\r\n')
        page.locator("[data-asn-recap-drop]").evaluate("""(box, text) => {
            const files = new DataTransfer();
            files.items.add(new File([text], "siasn-ani.csv", {type: "text/csv"}));
            box.dispatchEvent(new DragEvent("drop", {dataTransfer: files, bubbles: true, cancelable: true}));
        }""", mangled)
        ani = page.locator("[data-asn-recap-people] tbody tr", has_text="Ani Lestari")
        ani.wait_for()
        assert "NIP rusak di berkas sumber" in ani.inner_text() and "E+17" not in ani.inner_text()
        assert "siasn-ani.csv: NIP 1,99203E+17 sudah diubah spreadsheet" in page.locator(
            "[data-asn-recap-message]").inner_text()
