"""Rencana Belajar on phones and on paper: cards on narrow screens, every control hit where it is
drawn, the reader's identity, the year's record HR files, the SIASN export (issue 16).

One sample build with a public ``site_url``, served over http and unpacked from the bundle."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from asn_portal.render.text import MONTHS
from tests.support.plan import PLAN_SITE as SITE
from tests.support.plan import PlanSite as Site
from tests.support.plan import plan_page

YEAR = dt.date.today().year
KEY = "asn-portal:rencana"
PROFILE = {"nama": "Siti Rahmawati", "nip": "198501012010012001", "jabatan": "Analis SDM Aparatur",
           "unit_kerja": "Bidang Pengembangan Kompetensi", "instansi": "BKPSDM Kabupaten Contoh",
           "atasan_nama": "Budi Santoso, S.Sos.", "atasan_nip": "197001011995031001"}
SIASN = ["namaKursus", "institusiPenyelenggara", "jumlahJam", "tanggalKursus", "tanggalSelesaiKursus", "tahunKursus",
         "nomorSertipikat", "jenisKursus"]
# phones in the everyday run; the desktop width with the slow suites (`.ci/run` runs both)
WIDTHS = (320, 390, pytest.param(1280, marks=pytest.mark.slow))


@pytest.fixture
def http_site(plan_http: Site) -> Site:
    return plan_http


@pytest.fixture
def file_site(plan_file: Site) -> Site:
    return plan_file


# file:// everyday, http in CI's slow step
@pytest.fixture(params=[pytest.param("http", marks=pytest.mark.slow), "file"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(f"plan_{request.param}")  # type: ignore[no-any-return]


def stored(course: Any, n: int, **extra: Any) -> dict[str, Any]:
    data = {"slug": course.slug, "title": course.title, "jp": course.jp, "competency": "", "mode": course.mode,
            "mode_label": "", "organizer": course.organizer, "certificate": course.certificate,
            "status": "direncanakan", "start": "", "end": "", "added": f"2025-01-0{n + 1}T00:00:00Z"}
    return {**data, **extra}


def plan_state(site: Site) -> dict[str, Any]:
    """Finished with a date, running, finished without an end date (it must ask for one)."""
    a, b, c = site.courses
    return {"version": 2, "modules": {}, "profile": PROFILE, "courses": {
        a.slug: stored(a, 0, status="selesai", start=f"{YEAR}-02-01", end=f"{YEAR}-02-03",
                       certificate_number="SERT/2026/0012"),
        b.slug: stored(b, 1, status="berjalan", start=f"{YEAR}-03-01"),
        c.slug: stored(c, 2, status="selesai")}}


# Whether the control's centre is the control itself (nothing drawn over it, not clipped away).
HIT = """el => {
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect(), s = el.getClientRects()[0];  // a wrapped link: its first line
  const at = document.elementFromPoint(s.left + s.width / 2, s.top + s.height / 2);
  return {w: r.width, h: r.height, hit: at === el || el.contains(at) || [...(el.labels || [])].includes(at)};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_plan_fits_the_screen_and_every_control_is_hit_where_drawn(browser: Any, site: Site, width: int) -> None:
    with plan_page(browser, site, width, plan_state(site)) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        rows = page.locator("[data-asn-plan-rows] > tr")
        assert rows.count() == 3
        shown = rows.first.evaluate("tr => getComputedStyle(tr).display")
        assert shown == ("table-row" if width >= 960 else "block"), "one card per course on narrow screens"
        controls = page.locator("[data-asn-plan-rows] :is(select, input, button, a), [data-asn-plan] > "
                                ".asn-plan__toolbar button, form[data-asn-profile] input, [data-asn-plan-year-select]")
        assert controls.count() > 20
        for control in controls.all():
            box = control.evaluate(HIT)
            assert box["hit"], control.evaluate("e => e.outerHTML.slice(0, 120)")
            if control.evaluate("e => e.tagName") != "A":  # links inside text are exempt (WCAG 2.5.8 inline)
                assert box["w"] >= 24 and box["h"] >= 24, (box, control.evaluate("e => e.outerHTML.slice(0, 80)"))


def test_hooks_totals_and_the_end_date_a_record_needs(browser: Any, site: Site) -> None:
    a, b, c = site.courses
    with plan_page(browser, site, 390, plan_state(site)) as page:
        row = page.locator(f"[data-asn-plan-row='{c.slug}']")
        status = row.locator("select").first
        assert status.evaluate("s => [...s.options].map(o => o.value)") == ["direncanakan", "berjalan", "selesai"]
        assert status.input_value() == "selesai"
        dates = row.locator("input[type=date]")
        assert dates.count() == 2 and dates.nth(1).get_attribute("aria-invalid") == "true"
        assert "Isi tanggal selesai" in row.inner_text()
        # Finished without an end date: selesai, but not counted; the running one counts as planned.
        done = page.locator("[data-asn-plan-done]")
        assert done.inner_text() == str(a.jp) and page.locator("[data-asn-plan-total]").inner_text() == str(a.jp + b.jp)
        dates.nth(1).fill(f"{YEAR}-04-30")
        assert done.inner_text() == str(a.jp + c.jp)
        assert page.locator("[data-asn-plan-total]").inner_text() == str(a.jp + b.jp + c.jp)
        totals = page.locator(".asn-plan__totals")
        assert totals.get_attribute("aria-live") == "polite", "a screen reader hears the totals change"
        # Another year: the course finished then counts there, this year's totals leave it.
        row.locator("input[type=date]").nth(1).fill(f"{YEAR - 1}-12-20")
        page.locator("[data-asn-plan-year-select]").select_option(str(YEAR - 1))
        assert done.inner_text() == str(c.jp)
        assert page.locator("[data-asn-plan-year]").first.inner_text() == str(YEAR - 1)
        assert page.locator("[data-asn-record-year]").inner_text() == str(YEAR - 1)
        # The quiz scores kept on the course page (quiz.mjs) are shown with the course.
        scores = {"version": 1, "quizzes": {f"{a.slug}-kuis": {"course": a.slug, "title": "Kuis akhir",
                  "last": {"right": 2, "total": 3, "date": f"{YEAR}-02-03"},
                  "best": {"right": 3, "total": 3, "date": f"{YEAR}-02-02"}}}}
        page.evaluate("s => localStorage.setItem('asn-portal:kuis', s)", json.dumps(scores))
        page.reload()
        assert "Kuis akhir: terakhir 2/3, terbaik 3/3" in page.inner_text(f"[data-asn-plan-row='{a.slug}']")
        # Every action is a button (Space works); none is a link to "#".
        assert page.locator("[data-asn-plan] a[href='#']").count() == 0
        for hook in ("csv", "siasn", "json"):
            assert page.locator(f"[data-asn-plan-export='{hook}']").evaluate("e => e.tagName") == "BUTTON"


# The identity as people write it: the NIP spaced as on an ID card, the supervisor's position, the
# place on the record's date line.
IDENTITY = PROFILE | {"atasan_jabatan": "Kepala Bidang Pengembangan Kompetensi", "tempat": "Sukamaju"}
NIP_TYPED = "19850312 201001 2 005"
HEADINGS = ["No.", "Kursus atau kegiatan", "Penyelenggara", "Bentuk", "Tanggal", "JP", "Status", "Nomor sertifikat"]


def test_identity_is_checked_kept_and_printed_with_the_signatures(browser: Any, site: Site) -> None:
    a, b, _ = site.courses
    with plan_page(browser, site, 1280, plan_state(site) | {"profile": {}}) as page:
        form = page.locator("form[data-asn-profile]")
        for name, value in IDENTITY.items():
            form.locator(f"[name='{name}']").fill(value)
        nip, error = form.locator("[name='nip']"), page.locator("[data-asn-profile-error='nip']")
        nip.fill(NIP_TYPED[:-1])  # 17 digits: said, counted, not refused
        assert nip.get_attribute("aria-invalid") == "true" and nip.input_value() == NIP_TYPED[:-1]
        assert error.inner_text() == "NIP terdiri atas 18 angka; yang tertulis 17 angka."
        nip.fill(NIP_TYPED)  # pasted from the ID card: not cut, not refused
        assert nip.input_value() == NIP_TYPED and nip.get_attribute("aria-invalid") == "false"
        assert error.is_hidden()
        page.reload()
        assert form.locator("[name='atasan_nama']").input_value() == PROFILE["atasan_nama"]
        assert nip.input_value() == NIP_TYPED, "shown in its usual form"
        assert form.locator("[name='atasan_nip']").input_value() == "19700101 199503 1 001"
        profile = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["profile"]
        assert profile == IDENTITY | {"nip": "198503122010012005"}, "kept as its 18 digits"

        page.emulate_media(media="print")
        record = page.locator("[data-asn-record]")
        assert record.is_visible() and not page.locator("[data-asn-plan-rows]").is_visible()
        text = record.inner_text()
        assert f"Rencana dan Capaian Pengembangan Kompetensi Tahun {YEAR}" in text
        for name in ("nama", "jabatan", "unit_kerja", "instansi", "atasan_nama", "atasan_jabatan"):
            assert IDENTITY[name] in text, name
        assert "198503122010012005" not in text and "197001011995031001" not in text
        assert page.inner_text("[data-asn-record-nip]") == f"NIP {NIP_TYPED}"
        # The supervisor's block as Indonesian letters have it; the reader's under the place and date.
        boss, reader = (td.inner_text().splitlines() for td in
                        page.locator(".asn-record__signatures tr").first.locator("td").all())
        assert boss == ["Mengetahui,", "Atasan Langsung", IDENTITY["atasan_jabatan"]]
        today = dt.date.today()
        assert reader == [f"Sukamaju, {today.day} {MONTHS[today.month - 1]} {today.year}", "ASN yang bersangkutan"]
        assert page.inner_text("[data-asn-record-boss-nip]") == "NIP 19700101 199503 1 001"
        assert page.locator(".asn-record__courses thead th").all_inner_texts() == HEADINGS
        listed = page.locator("[data-asn-record-entry] th").all_inner_texts()
        assert listed == [a.title, b.title], "the year's courses; the undated finished one is not yet counted"
        first = page.locator("[data-asn-record-entry]").first.inner_text()
        assert "SERT/2026/0012" in first and f"01-02-{YEAR} s.d. 03-02-{YEAR}" in first
        assert page.locator("[data-asn-record-done]").inner_text() == str(a.jp)
        assert page.locator("[data-asn-record-planned]").inner_text() == str(a.jp + b.jp)
        assert page.locator("[data-asn-record-target]").inner_text() == "20"

        # No place given: a line to write it on, then the date.
        page.emulate_media(media="screen")
        form.locator("[name='tempat']").fill("")
        assert page.locator("[data-asn-record-place]").text_content().startswith("……")


def printed_pages(page: Any) -> list[str]:
    """The plan page printed on A4, the text of each page."""
    from pypdf import PdfReader

    page.emulate_media(media="print")
    return [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]


def activity(n: int) -> dict[str, Any]:
    """A finished webinar outside the catalog; the first one's JP has decimals (hours converted)."""
    day = f"{YEAR}-05-{n % 28 + 1:02d}"
    return {"id": f"k-abc{n}", "activity": True, "title": f"Webinar seri {n}", "form": "seminar",
            "organizer": "Kominfo", "jp": 2.67 if n == 1 else 2, "status": "selesai", "start": day, "end": day,
            "certificate_number": f"W-{n}", "added": f"{YEAR}-05-01T00:{n:02d}:00Z"}


def test_the_printed_record_numbers_its_pages_and_prints_its_totals_once(browser: Any, http_site: Site) -> None:
    a = http_site.courses[0]
    with plan_page(browser, http_site, 1280, plan_state(http_site) | {"profile": IDENTITY}) as page:
        pages = printed_pages(page)
        assert len(pages) == 1 and "Halaman 1 dari 1" in pages[0], "a few rows: one A4 page"

        # Forty rows: a course, one the catalog no longer has, and 38 webinars.
        gone = stored(a, 1, slug="kursus-yang-sudah-pensiun", title="Kursus Lama", status="selesai",
                      end=f"{YEAR}-04-01", certificate_number="L-1")
        courses = plan_state(http_site)["courses"]
        state = {"version": 3, "modules": {}, "profile": IDENTITY,
                 "courses": {a.slug: courses[a.slug], gone["slug"]: gone},
                 "activities": {f"k-abc{n}": activity(n) for n in range(1, 39)}}
        page.evaluate(f"s => localStorage.setItem('{KEY}', s)", json.dumps(state))
        page.reload()
        page.locator("[data-asn-plan][data-asn-ready]").wait_for(state="attached")
        pages = printed_pages(page)
        assert len(pages) == 2
        assert "Halaman 1 dari 2" in pages[0] and "Halaman 2 dari 2" in pages[1]
        assert all("Kursus atau kegiatan" in text for text in pages), "the column headings repeat"
        assert [text.count("Jumlah JP selesai") for text in pages] == [0, 1], "the totals once, after the last row"
        assert "Mengetahui," in pages[1] and "Webinar seri 38" in pages[1], "signed under the last rows"

        rows = page.locator("[data-asn-record-entry]")
        assert rows.count() == 40
        assert "Kursus Lama (tidak ada lagi di katalog)" in rows.nth(1).inner_text()
        webinar = rows.nth(2).inner_text()
        assert "Seminar/webinar" in webinar and "2,67" in webinar and "W-1" in webinar
        done = round(a.jp * 2 + 2.67 + 2 * 37, 2)
        assert page.inner_text("[data-asn-record-done]") == f"{done:g}".replace(".", ",")


def test_hr_and_siasn_exports(browser: Any, site: Site) -> None:
    a, b, _ = site.courses
    with plan_page(browser, site, 390, plan_state(site)) as page:
        with page.expect_download() as info:
            page.locator("[data-asn-plan-export='siasn']").click()
        # Forty participants' files on one flashdisk: each name carries the NIP and the year.
        assert info.value.suggested_filename == f"siasn-riwayat-kursus-{PROFILE['nip']}-{YEAR}.csv"
        text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert table[0] == ["nip", "nama", *SIASN], "whose record it is comes first"
        assert table[1:] == [[PROFILE["nip"], PROFILE["nama"], a.title, a.organizer or "", str(a.jp), f"01-02-{YEAR}",
                              f"03-02-{YEAR}", str(YEAR), "SERT/2026/0012", table[1][9]]], \
            "completed courses with an end date only"
        assert table[1][9].startswith("Kursus")
        assert "belum diberi tanggal selesai" in page.inner_text("[data-asn-plan-message]")

        # The certificate number is the reader's to enter, per course.
        number = page.locator(f"[data-asn-plan-row='{b.slug}'] input[type=text]")
        number.fill("B-77/2026")
        number.press("Tab")
        page.locator(f"[data-asn-plan-row='{b.slug}'] select").first.select_option("selesai")
        page.locator(f"[data-asn-plan-row='{b.slug}'] input[type=date]").nth(1).fill(f"{YEAR}-03-09")
        with page.expect_download() as info:
            page.locator("[data-asn-plan-export='siasn']").click()
        table = list(csv.reader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"), newline=""),
                                delimiter=";"))
        assert [r[2] for r in table[1:]] == [a.title, b.title] and table[2][8] == "B-77/2026"

        with page.expect_download() as info:
            page.locator("[data-asn-plan-export='csv']").click()
        table = list(csv.reader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"), newline=""),
                                delimiter=";"))
        head = table[0]
        assert head[-1] == "Alamat Kursus" and "Kursus bersertifikat" in head and "Sertifikat" not in head
        first = dict(zip(head, table[1], strict=True))
        assert first["Alamat Kursus"] == f"{SITE}kursus/{a.slug}/", "the published address, from the zip too"
        assert first["Nomor Sertifikat"] == "SERT/2026/0012" and first["Nama"] == PROFILE["nama"]


def test_plan_with_identity_passes_axe_on_a_phone(browser: Any, http_site: Site) -> None:
    from tests.support.a11y import serious_violations

    with plan_page(browser, http_site, 390, plan_state(http_site)) as page:
        assert serious_violations(page) == []
        page.locator("form[data-asn-profile] [name='nip']").fill("123")  # the error shown
        assert serious_violations(page) == []
