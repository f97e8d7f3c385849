"""The learning record survives its trip (issue 23), in Chromium from the unpacked kit: learning outside
the catalog counted, printed and exported; nothing lost to one tap; an XLSX whose NIP is a text cell;
a course the catalog no longer has kept in every record; storage that is nearly full offers the backup."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import PLAN_KEY, PlanSite, plan_page, unpacked_bundle

YEAR = dt.date.today().year
NIP = "198503122010012005"
PROFILE = {"nama": "Rina Kartika", "nip": NIP, "instansi": "BKPSDM Kabupaten Sukamaju"}


def course_entry(course: Any, **extra: Any) -> dict[str, Any]:
    data = {"slug": course.slug, "title": course.title, "jp": course.jp, "competency": "", "mode": course.mode,
            "mode_label": "", "organizer": course.organizer, "certificate": course.certificate,
            "status": "direncanakan", "start": "", "end": "", "certificate_number": "", "added": "2025-01-01T00:00:00Z"}
    return {**data, **extra}


def finished(course: Any) -> dict[str, Any]:
    return course_entry(course, status="selesai", start=f"{YEAR}-02-01", end=f"{YEAR}-02-03",
                        certificate_number="SERT/2026/0012")


def state_with(*entries: dict[str, Any], modules: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"version": 3, "profile": PROFILE, "activities": {}, "modules": modules or {},
            "courses": {e["slug"]: e for e in entries}}


def stored(page: Any) -> dict[str, Any]:
    return json.loads(page.evaluate(f"localStorage.getItem('{PLAN_KEY}')"))  # type: ignore[no-any-return]


def download(page: Any, hook: str, where: Path) -> Path:
    with page.expect_download() as info:
        page.locator(f"[data-asn-plan-export='{hook}']").click()
    path = where / info.value.suggested_filename
    info.value.save_as(path)
    return path


def record_activity(page: Any, **values: str) -> None:
    form = page.locator("form[data-asn-plan-activity]")
    for name, value in values.items():
        control = form.locator(f"[name='{name}']")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.locator("button[type=submit]").click()


def test_an_activity_outside_the_catalog_counts_prints_and_exports(browser: Any, plan_file: PlanSite,
                                                                  tmp_path: Path) -> None:
    a = plan_file.courses[0]
    with plan_page(browser, plan_file, 390, state_with(finished(a))) as page:
        done = page.locator("[data-asn-plan-done]")
        assert done.inner_text() == str(a.jp)
        # A mistake is named at its field, and nothing is saved.
        record_activity(page, kegiatan="Webinar Manajemen Risiko", jp="dua")
        message = page.locator("[data-asn-activity-message]")
        assert "Pilih bentuk" in message.inner_text(), "SIASN's jenisKursus comes from it: never a silent default"
        record_activity(page, bentuk="seminar")
        assert "Isi tanggal selesai" in message.inner_text()
        assert page.locator("form[data-asn-plan-activity] [name='selesai']").get_attribute("aria-invalid") == "true"
        record_activity(page, selesai=f"{YEAR}-03-09")
        assert "angka" in message.inner_text() and stored(page)["activities"] == {}
        # Two hours of a webinar, converted at 45 minutes a JP.
        record_activity(page, penyelenggara="BPKP Perwakilan", jp="2", satuan="jam",
                        nomor_sertifikat="WEB-09/2026")
        assert "2 jam = 2,67 JP" in message.inner_text()
        assert done.inner_text() == f"{a.jp + 2.67:.2f}".replace(".", ",").rstrip("0").rstrip(",")
        row = page.locator("[data-asn-plan-activity-row]")
        assert row.count() == 1 and "Webinar Manajemen Risiko" in row.inner_text()
        assert "Seminar/webinar" in row.inner_text() and "2,67 JP" in row.inner_text()
        activity = next(iter(stored(page)["activities"].values()))
        assert (activity["jp"], activity["hours"], activity["status"], activity["start"]) == \
            (2.67, 2, "selesai", f"{YEAR}-03-09")

        # Edited with the same form; the row keeps its place.
        row.locator("[data-asn-plan-edit]").click()
        form = page.locator("form[data-asn-plan-activity]")
        assert form.locator("[name='kegiatan']").input_value() == "Webinar Manajemen Risiko"
        assert form.locator("[name='jp']").input_value() == "2"
        assert form.locator("[name='satuan']").input_value() == "jam", "hours stay hours when edited"
        record_activity(page, kegiatan="Webinar Manajemen Risiko Pembangunan", jp="3", satuan="jp")
        assert len(stored(page)["activities"]) == 1
        assert done.inner_text() == str(a.jp + 3)

        # Printed with the courses.
        page.emulate_media(media="print")
        printed = page.locator("[data-asn-record-rows]").inner_text()
        assert "Webinar Manajemen Risiko Pembangunan" in printed and "WEB-09/2026" in printed
        page.emulate_media(media="screen")

        xlsx = download(page, "xlsx", tmp_path)
        assert xlsx.name == f"rekap-pengembangan-kompetensi-{NIP}-{YEAR}.xlsx"
        book = openpyxl.load_workbook(xlsx)
        sheet = book[f"Rekap {YEAR}"]
        nip = next(r[1] for r in sheet.iter_rows() if r[0].value == "NIP")
        assert (nip.data_type, nip.value) == ("s", NIP), "a text cell keeps all 18 digits"
        rows = {r[1].value: r for r in sheet.iter_rows() if isinstance(r[0].value, int)}
        webinar = rows["Webinar Manajemen Risiko Pembangunan"]
        assert webinar[2].value == "Seminar/webinar" and webinar[3].value == "BPKP Perwakilan"
        assert webinar[5].is_date and webinar[5].value == dt.datetime(YEAR, 3, 9)
        assert (webinar[6].data_type, webinar[6].value) == ("n", 3)
        assert (webinar[8].data_type, webinar[8].value) == ("s", "WEB-09/2026")
        assert rows[a.title][6].value == a.jp and rows[a.title][4].is_date
        totals = [r for r in sheet.iter_rows() if r[0].value == "Jumlah JP selesai"]
        assert len(totals) == 1 and totals[0][6].value == a.jp + 3
        siasn_sheet = book[f"SIASN {YEAR}"]
        assert [c.value for c in next(siasn_sheet.iter_rows())][:3] == ["nip", "nama", "namaKursus"]

        siasn = download(page, "siasn", tmp_path)
        assert siasn.name == f"siasn-riwayat-kursus-{NIP}-{YEAR}.csv"
        table = list(csv.reader(io.StringIO(siasn.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
        assert table[0][:2] == ["nip", "nama"]
        assert [NIP, PROFILE["nama"], "Webinar Manajemen Risiko Pembangunan", "BPKP Perwakilan", "3",
                f"09-03-{YEAR}", f"09-03-{YEAR}", str(YEAR), "WEB-09/2026", "Seminar/Webinar"] in table

        backup = download(page, "json", tmp_path)
        assert backup.name == f"rencana-belajar-{NIP}-{YEAR}.json"
        assert json.loads(backup.read_text(encoding="utf-8"))["activities"][0]["title"] == \
            "Webinar Manajemen Risiko Pembangunan"


def test_nothing_is_lost_to_one_tap_and_a_removal_is_undone_exactly(browser: Any, plan_file: PlanSite) -> None:
    a, b, _ = plan_file.courses
    state = state_with(finished(a), course_entry(b, added="2025-01-02T00:00:00Z"), modules={a.slug: ["m-1", "m-2"]})
    asked: list[str] = []
    answers = [False, True]  # "no" first, then "yes"

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    with plan_page(browser, plan_file, 390, state, dialog=answer) as page:
        before = stored(page)
        remove = page.locator(f"[data-asn-plan-row='{a.slug}'] [data-asn-plan-remove]")
        remove.click()
        assert asked and "sudah selesai" in asked[0], "a finished course asks first"
        assert stored(page) == before, "and stays when the reader says no"

        remove.click()
        assert len(asked) == 2
        assert page.locator(f"[data-asn-plan-row='{a.slug}']").count() == 0
        undo = page.locator("[data-asn-plan-undo]")
        assert undo.is_visible() and undo.evaluate("e => e === document.activeElement")
        assert a.slug not in stored(page)["courses"]
        undo.click()
        assert stored(page) == before, "status, dates, certificate number and module ticks come back as they were"
        assert undo.is_hidden()
        assert page.locator(f"[data-asn-plan-row='{a.slug}'] select").first.input_value() == "selesai"

        # A planned course goes with one tap, and comes back the same way.
        page.locator(f"[data-asn-plan-row='{b.slug}'] [data-asn-plan-remove]").click()
        assert b.slug not in stored(page)["courses"] and len(asked) == 2, "no question for a planned course"
        undo.click()
        assert stored(page) == before


def test_storage_nearly_full_offers_the_backup_where_the_plan_is(browser: Any, plan_http: PlanSite,
                                                                tmp_path: Path) -> None:
    a = plan_http.courses[0]
    with plan_page(browser, plan_http, 390, state_with(finished(a))) as page:
        box = page.locator("[data-asn-plan-storage]")
        assert box.is_hidden()
        page.evaluate("localStorage.setItem('lain', 'x'.repeat(4200000))")  # another app on this origin
        page.reload()
        page.locator("[data-asn-plan][data-asn-ready]").wait_for(state="attached")
        assert box.is_visible() and "hampir penuh" in box.inner_text()
        with page.expect_download() as info:
            box.locator("[data-asn-plan-backup]").click()
        assert info.value.suggested_filename == f"rencana-belajar-{NIP}-{YEAR}.json"


@pytest.fixture(scope="module")
def retired(plan_sample: Path, plan_courses: list[Any], tmp_path_factory: pytest.TempPathFactory) -> PlanSite:
    """The sample's kit rebuilt after its first course left the published catalog, unpacked. The
    course is made a draft (never published) rather than deleted, so that the entries linking it
    need no edit."""
    root = tmp_path_factory.mktemp("retired") / "sample"
    shutil.copytree(plan_sample, root, ignore=shutil.ignore_patterns("http-site", "zip", "x"))
    with (root / "content" / "courses" / f"{plan_courses[0].slug}.yml").open("a", encoding="utf-8") as course:
        course.write("\ndraft: true\n")
    site = unpacked_bundle(root, root.parent)
    assert not (site / "kursus" / f"{plan_courses[0].slug}.html").exists()
    return PlanSite(site.as_uri() + "/", False, plan_courses, root)


def test_a_finished_course_that_left_the_catalog_stays_in_every_record(browser: Any, retired: PlanSite,
                                                                      tmp_path: Path) -> None:
    gone = retired.courses[0]
    with plan_page(browser, retired, 1280, state_with(finished(gone))) as page:
        row = page.locator(f"[data-asn-plan-row='{gone.slug}']")
        assert "tidak ada lagi di katalog" in row.inner_text()
        page.emulate_media(media="print")
        assert gone.title in page.locator("[data-asn-record-rows]").inner_text()
        assert page.locator("[data-asn-record-done]").inner_text() == str(gone.jp)
        page.emulate_media(media="screen")
        hr = download(page, "csv", tmp_path)
        table = list(csv.reader(io.StringIO(hr.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
        line = dict(zip(table[0], table[1], strict=True))
        assert line["Nama Kursus/Kegiatan"] == gone.title and line["Keterangan"] == "tidak ada lagi di katalog"
        siasn = download(page, "siasn", tmp_path).read_text(encoding="utf-8-sig")
        assert gone.title in siasn
        book = openpyxl.load_workbook(download(page, "xlsx", tmp_path))
        assert any(r[1].value == gone.title and r[9].value == "tidak ada lagi di katalog"
                   for r in book[f"Rekap {YEAR}"].iter_rows())
        backup = json.loads(download(page, "json", tmp_path).read_text(encoding="utf-8"))
        assert backup["courses"][0]["in_catalog"] is False, "the HR recap marks it too"


def test_an_activity_removed_while_edited_stays_removed_and_a_shared_laptop_is_left_empty(
        browser: Any, plan_file: PlanSite) -> None:
    webinar = {"id": "k-web1", "activity": True, "title": "Webinar Literasi Data", "form": "seminar",
               "organizer": "BPS", "jp": 2, "hours": None, "status": "selesai", "start": f"{YEAR}-05-02",
               "end": f"{YEAR}-05-02", "certificate_number": "", "added": "2025-01-03T00:00:00Z"}
    state = state_with(finished(plan_file.courses[0])) | {"activities": {"k-web1": webinar}}
    with plan_page(browser, plan_file, 390, state) as page:
        row = page.locator("[data-asn-plan-row='k-web1']")
        row.locator("[data-asn-plan-edit]").click()
        form = page.locator("form[data-asn-plan-activity]")
        assert form.locator("[name='kegiatan']").input_value() == webinar["title"]
        row.locator("[data-asn-plan-remove]").click()  # confirmed: it is finished
        assert form.locator("[name='kegiatan']").input_value() == "", "the edit ended with the removal"
        assert form.locator("[data-asn-activity-cancel]").is_hidden()
        record_activity(page, kegiatan="Tetap baru", bentuk="coaching", selesai=f"{YEAR}-06-01", jp="1")
        assert sorted(a["title"] for a in stored(page)["activities"].values()) == ["Tetap baru"]

        page.locator("[data-asn-plan-clear]").click()  # confirmed
        after = stored(page)
        assert after["activities"] == {} and after["courses"] == {} and after["profile"] == {}
        assert page.locator("[data-asn-plan-rows] > tr").count() == 0
        assert page.locator("[data-asn-plan-undo]").is_hidden(), "nothing of the last reader comes back"
