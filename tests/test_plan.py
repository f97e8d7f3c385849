"""Rencana Belajar on phones and on paper: cards on narrow screens, every control hit where it is
drawn, the reader's identity, the year's record HR files, the SIASN export (issue 16).

One sample build with a public ``site_url``, served over http and unpacked from the bundle."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, serve, unpacked_bundle

from asn_portal.content.validate import Project, load_catalog
from asn_portal.trust.urls import PLAN, Urls

YEAR = dt.date.today().year
KEY = "asn-portal:rencana"
SITE = "https://portal.contoh.go.id/asn/"
PROFILE = {"nama": "Siti Rahmawati", "nip": "198501012010012001", "jabatan": "Analis SDM Aparatur",
           "unit_kerja": "Bidang Pengembangan Kompetensi", "instansi": "BKPSDM Kabupaten Contoh",
           "atasan_nama": "Budi Santoso, S.Sos.", "atasan_nip": "197001011995031001"}
SIASN = ["namaKursus", "institusiPenyelenggara", "jumlahJam", "tanggalKursus", "tanggalSelesaiKursus", "tahunKursus",
         "nomorSertipikat", "jenisKursus"]
WIDTHS = (320, 390, 1280)


@dataclass
class Site:
    base: str
    pretty: bool
    courses: list[Any]  # three sample courses

    def plan(self) -> str:
        return self.base + Urls(self.pretty).href("index.md", PLAN)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plan") / "sample"
    root.mkdir()
    for name in ("content", "materials"):
        shutil.copytree(ROOT / name, root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace('!ENV [SITE_URL, "http://127.0.0.1:8000/"]', SITE),
                                     encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def courses(sample: Path) -> list[Any]:
    catalog, _ = load_catalog(Project.at(sample))
    return catalog.sorted("course")[:3]


@pytest.fixture(scope="module")
def http_site(sample: Path, courses: list[Any]) -> Iterator[Site]:
    from asn_portal.engines.mkdocs.build import build_site

    site = build_site(sample / "mkdocs.yml", site_dir=str(sample.parent / "http-site"))
    with serve(site) as url:
        yield Site(url, True, courses)


@pytest.fixture(scope="module")
def file_site(sample: Path, courses: list[Any]) -> Site:
    return Site(unpacked_bundle(sample, sample.parent).as_uri() + "/", False, courses)


@pytest.fixture(params=["http", "file"])
def site(request: pytest.FixtureRequest) -> Site:
    return request.getfixturevalue(f"{request.param}_site")  # type: ignore[no-any-return]


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


@contextlib.contextmanager
def plan_page(browser: Any, site: Site, width: int, state: Any = None) -> Iterator[Any]:
    """The plan page in a fresh context (its own localStorage) holding ``state``; no console error
    may be left when the test is done."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: d.accept())
    try:
        page.goto(site.plan())
        if state is not None:
            page.evaluate(f"s => localStorage.setItem('{KEY}', s)", json.dumps(state))
            page.reload()
        page.locator("[data-asn-plan][data-asn-ready]").wait_for(state="attached")
        yield page
        assert errors == []
    finally:
        context.close()


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


def test_identity_is_checked_kept_and_printed_with_the_signatures(browser: Any, site: Site) -> None:
    a, b, _ = site.courses
    with plan_page(browser, site, 1280, plan_state(site) | {"profile": {}}) as page:
        form = page.locator("form[data-asn-profile]")
        for name, value in PROFILE.items():
            form.locator(f"[name='{name}']").fill(value)
        nip = form.locator("[name='nip']")
        nip.fill("19850101201001200")  # 17 digits
        assert nip.get_attribute("aria-invalid") == "true"
        assert "18 angka" in page.locator("[data-asn-profile-error='nip']").inner_text()
        nip.fill(PROFILE["nip"])
        assert nip.get_attribute("aria-invalid") == "false"
        assert page.locator("[data-asn-profile-error='nip']").is_hidden()
        page.reload()
        assert form.locator("[name='atasan_nama']").input_value() == PROFILE["atasan_nama"]
        assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["profile"] == PROFILE

        page.emulate_media(media="print")
        record = page.locator("[data-asn-record]")
        assert record.is_visible() and not page.locator("[data-asn-plan-rows]").is_visible()
        text = record.inner_text()
        assert f"Rencana dan Capaian Pengembangan Kompetensi Tahun {YEAR}" in text
        for value in PROFILE.values():
            assert value in text
        assert "Mengetahui," in text and "Atasan Langsung" in text and f"NIP {PROFILE['atasan_nip']}" in text
        listed = page.locator("[data-asn-record-rows] tr th").all_inner_texts()
        assert listed == [a.title, b.title], "the year's courses; the undated finished one is not yet counted"
        assert page.locator("[data-asn-record-done]").inner_text() == str(a.jp)
        assert page.locator("[data-asn-record-planned]").inner_text() == str(a.jp + b.jp)
        assert page.locator("[data-asn-record-target]").inner_text() == "20"


def test_hr_and_siasn_exports(browser: Any, site: Site) -> None:
    a, b, _ = site.courses
    with plan_page(browser, site, 390, plan_state(site)) as page:
        with page.expect_download() as info:
            page.locator("[data-asn-plan-export='siasn']").click()
        assert info.value.suggested_filename == f"siasn-riwayat-kursus-{YEAR}.csv"
        text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert table[0] == SIASN
        assert table[1:] == [[a.title, a.organizer or "", str(a.jp), f"01-02-{YEAR}", f"03-02-{YEAR}", str(YEAR),
                              "SERT/2026/0012", table[1][7]]], "completed courses with an end date only"
        assert table[1][7].startswith("Kursus")
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
        assert [r[0] for r in table[1:]] == [a.title, b.title] and table[2][6] == "B-77/2026"

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
    from test_accessibility import serious_violations

    with plan_page(browser, http_site, 390, plan_state(http_site)) as page:
        assert serious_violations(page) == []
        page.locator("form[data-asn-profile] [name='nip']").fill("123")  # the error shown
        assert serious_violations(page) == []
