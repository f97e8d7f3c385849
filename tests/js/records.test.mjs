// The plan as files (assets/src/records.mjs): CSV cells, the HR and SIASN records, JSON import.
import { test } from "node:test";
import assert from "node:assert/strict";

import { readActivity } from "../../asn_portal/assets/src/activity.mjs";
import { cleanPlan, formatNip, nipDigits } from "../../asn_portal/assets/src/core.mjs";
import { totals } from "../../asn_portal/assets/src/plandata.mjs";
import {
  GONE, OUTSIDE, csv, csvCell, fileName, parseImport, recordSheets, siasnRows, toHrCsv, toJson, toSiasnCsv
} from "../../asn_portal/assets/src/records.mjs";

function course(slug, extra) {
  return Object.assign({ slug: slug, title: "Kursus " + slug, jp: 10, competency: "Teknis", mode: "luring",
                         mode_label: "Luring", organizer: "BPSDM", certificate: true, status: "selesai",
                         start: "2026-03-01", end: "2026-03-05", certificate_number: "NO-1",
                         added: "2026-01-01T00:00:00.000Z" }, extra);
}

function plan(...courses) {
  const state = { version: 3, courses: {}, modules: {}, profile: { nama: "Ani", nip: "199001012020012001" },
                  activities: {} };
  courses.forEach(function (c) { if (c.activity) state.activities[c.id] = c; else state.courses[c.slug] = c; });
  return state;
}

function activity(id, extra) {
  return Object.assign({ id: id, activity: true, title: "Webinar " + id, form: "seminar", organizer: "BPKP",
                         jp: 2.5, hours: null, status: "selesai", start: "2026-04-01", end: "2026-04-01",
                         certificate_number: "W-1", competency: "", mode: "", mode_label: "",
                         added: "2026-04-01T00:00:00.000Z" }, extra);
}

const DATA = { redirects: { lama: "baru" }, courses: {}, site: null, pages: {} };

test("every text cell is quoted with its quotes doubled; numbers stay numbers", () => {
  assert.equal(csvCell("Pelatihan \"Dasar\""), "\"Pelatihan \"\"Dasar\"\"\"");
  assert.equal(csvCell(""), "\"\"");
  assert.equal(csvCell(null), "\"\"");
  assert.equal(csvCell(12), "12");
  assert.equal(csvCell("12"), "\"12\"");
});

test("a formula start is neutralised at the start of a cell", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    assert.equal(csvCell(start + "SUM(A1)"), "\"'" + start + "SUM(A1)\"", JSON.stringify(start));
  }
});

test("a formula start is neutralised after every comma, semicolon and line break", () => {
  assert.equal(csvCell("a,=1;+2\n@3"), "\"a,'=1;'+2\n'@3\"");
  assert.equal(csvCell("x; \"=HYPERLINK()"), "\"x; \"\"'=HYPERLINK()\"");
  assert.equal(csvCell("a-b=c"), "\"a-b=c\"", "only at a start: inside a word it stays");
  // a tool that splits on CR or reads tab-separated values meets no formula either
  assert.equal(csvCell("Kursus\r=HYPERLINK(1)"), "\"Kursus\r'=HYPERLINK(1)\"");
  assert.equal(csvCell("Kursus\t+1"), "\"Kursus\t'+1\"");
});

test("rows are joined with ';' and CRLF", () => {
  assert.equal(csv([["a", 1], ["b", 2]]), "\"a\";1\r\n\"b\";2\r\n");
});

test("the HR record: identity and the courses of the year, labelled status, dates as dd-mm-yyyy", () => {
  const text = toHrCsv(plan(course("a"), course("b", { status: "direncanakan", start: "", end: "" }),
                            course("c", { end: "2025-12-31" })), 2026, null);
  const lines = text.trim().split("\r\n");
  assert.equal(lines.length, 3, text);
  assert.ok(lines[0].startsWith("\"Nama\";\"NIP\";"));
  assert.ok(lines[1].includes("\"Ani\";\"199001012020012001\""));
  assert.ok(lines[1].includes("\"01-03-2026\";\"05-03-2026\";10;\"Selesai\";\"Ya\";\"NO-1\""), lines[1]);
  assert.ok(lines[2].includes("\"Direncanakan\""));
});

test("the HR record adds each course's address when the site is known", () => {
  const data = { site: "https://contoh.go.id/portal/", pages: { a: "kursus/a/" } };
  const lines = toHrCsv(plan(course("a")), 2026, data).trim().split("\r\n");
  assert.ok(lines[0].endsWith("\"Alamat Kursus\""));
  assert.ok(lines[1].endsWith("\"https://contoh.go.id/portal/kursus/a/\""));
});

test("SIASN rows: nip and nama first, then finished courses of the year with BKN's columns", () => {
  const rows = siasnRows(plan(course("a"), course("b", { status: "berjalan" }), course("c", { end: "" }),
                              course("d", { start: "", competency: "" })), 2026);
  assert.deepEqual(rows, [
    ["199001012020012001", "Ani", "Kursus a", "BPSDM", 10, "01-03-2026", "05-03-2026", 2026, "NO-1", "Kursus Teknis"],
    ["199001012020012001", "Ani", "Kursus d", "BPSDM", 10, "05-03-2026", "05-03-2026", 2026, "NO-1", "Kursus"]
  ]);
  assert.ok(toSiasnCsv(plan(), 2026).startsWith("\"nip\";\"nama\";\"namaKursus\";"));
});

test("an activity outside the catalog counts, and exports with its form as SIASN's jenisKursus", () => {
  const state = plan(course("a"), activity("k-1"), activity("k-2", { end: "2025-12-01", start: "2025-12-01" }));
  assert.deepEqual(totals(state, 2026), { planned: 12.5, done: 12.5, year: 2026 });
  const rows = siasnRows(state, 2026);
  assert.deepEqual(rows[1], ["199001012020012001", "Ani", "Webinar k-1", "BPKP", 2.5, "01-04-2026", "01-04-2026", 2026,
                             "W-1", "Seminar/Webinar"], "JP as recorded: SIASN's total is the record's");
  assert.equal(rows.length, 2, "last year's activity is last year's");
  const hr = toHrCsv(state, 2026, null).trim().split("\r\n");
  assert.ok(hr[2].includes("\"Webinar k-1\";\"BPKP\";\"Seminar/webinar\";\"\";\"\";\"01-04-2026\""), hr[2]);
  assert.ok(hr[2].endsWith("\"" + OUTSIDE + "\""), hr[2]);
});

test("a finished course the catalog no longer has stays in every record, marked", () => {
  const data = { order: ["b"], courses: { b: {} }, target: 20, redirects: {} };
  const state = plan(course("a"));
  assert.ok(toHrCsv(state, 2026, data).trim().split("\r\n")[1].endsWith("\"" + GONE + "\""));
  assert.equal(siasnRows(state, 2026).length, 1);
  assert.equal(toJson(state, 20, data).courses[0].in_catalog, false);
  const back = parseImport(JSON.stringify(toJson(state, 20, data)), DATA);
  assert.equal(back.entries[0].in_catalog, false, "the recap still knows");
  const sheet = recordSheets(state, 2026, data, totals(state, 2026))[0].rows;
  assert.ok(sheet.some((row) => row[1] === "Kursus a" && row[9] === GONE));
});

test("the workbook: identifiers are text, dates are dates, JP are numbers; totals once at the end", () => {
  const state = plan(course("a"), activity("k-1"));
  const [record, siasn] = recordSheets(state, 2026, { target: 20, order: [], courses: {} }, totals(state, 2026));
  assert.equal(record.name, "Rekap 2026");
  const nip = record.rows.find((row) => row[0] && row[0].text === "NIP");
  assert.equal(nip[1], "199001012020012001", "a string: the writer makes it a text cell");
  const a = record.rows.find((row) => row[1] === "Kursus a");
  assert.deepEqual([a[0], a[4], a[5], a[6], a[8]], [1, { date: "2026-03-01" }, { date: "2026-03-05" }, 10, "NO-1"]);
  const done = record.rows.filter((row) => row[0] && row[0].text === "Jumlah JP selesai");
  assert.equal(done.length, 1);
  assert.equal(done[0][6], 12.5);
  assert.equal(record.rows.indexOf(done[0]), record.rows.length - 2);
  assert.deepEqual(siasn.rows[0].map((c) => c.text).slice(0, 3), ["nip", "nama", "namaKursus"]);
  assert.equal(siasn.rows.length, 3);
});

test("every file name carries the NIP, else the name, and the year", () => {
  assert.equal(fileName("siasn-riwayat-kursus", { nip: "198503122010012005" }, 2026, "csv"),
               "siasn-riwayat-kursus-198503122010012005-2026.csv");
  assert.equal(fileName("rencana-belajar", { nama: "Dra. Siti Rahmawati, M.Si." }, 2026, "json"),
               "rencana-belajar-dra-siti-rahmawati-m-si-2026.json");
  assert.equal(fileName("rencana-belajar", { nama: "Ñoño  Ésa" }, 2026, "json"), "rencana-belajar-nono-esa-2026.json");
  assert.equal(fileName("rencana-belajar", {}, 2026, "json"), "rencana-belajar-2026.json");
  assert.equal(fileName("x", { nip: "1985", nama: "///" }, 2026, "csv"), "x-2026.csv");
});

test("a NIP is kept as its 18 digits however it is typed, and printed in its usual form", () => {
  for (const typed of ["19850312 201001 2 005", "19850312.201001.2.005", " 19850312-201001-2-005 "]) {
    assert.equal(nipDigits(typed), "198503122010012005", typed);
  }
  assert.equal(nipDigits("NIP 1985"), "NIP 1985", "not a NIP: kept as typed");
  assert.equal(formatNip("198503122010012005"), "19850312 201001 2 005");
  assert.equal(cleanPlan({ version: 2, courses: {}, profile: { nip: "19850312 201001 2 005" } }).profile.nip,
               "198503122010012005");
});

test("the activity form: JP as written, hours converted at the site's minutes, located refusals", () => {
  const base = { kegiatan: " Coaching kinerja ", bentuk: "coaching", penyelenggara: "Atasan", mulai: "",
                 selesai: "2026-05-02", jp: "2,5", satuan: "jp", nomor_sertifikat: "" };
  const a = readActivity(base, null, null).activity;
  assert.deepEqual([a.title, a.form, a.jp, a.hours, a.start, a.end, a.status],
                   ["Coaching kinerja", "coaching", 2.5, null, "2026-05-02", "2026-05-02", "selesai"]);
  assert.match(a.id, /^k-[a-z0-9]+$/);
  const hours = readActivity({ ...base, jp: "3", satuan: "jam" }, { coaching: 60 }, null).activity;
  assert.deepEqual([hours.jp, hours.hours], [3, 3]);
  assert.equal(readActivity({ ...base, jp: "2", satuan: "jam" }, {}, null).activity.jp, 2.67, "45 minutes a JP");
  assert.equal(readActivity({ ...base, kegiatan: "  " }, null, null).field, "kegiatan");
  assert.equal(readActivity({ ...base, selesai: "2026-02-30" }, null, null).field, "selesai");
  assert.equal(readActivity({ ...base, mulai: "2026-06-01" }, null, null).field, "mulai");
  for (const jp of ["0", "-1", "abc", "1001", ""]) assert.equal(readActivity({ ...base, jp }, null, null).field, "jp");
  const edited = readActivity({ ...base, kegiatan: "Baru" }, null, { ...a, status: "berjalan" }).activity;
  assert.deepEqual([edited.id, edited.status, edited.added], [a.id, "berjalan", a.added], "an edit keeps the record");
  for (const bentuk of ["", "<script>", "constructor"]) {
    assert.equal(readActivity({ ...base, bentuk }, null, null).field, "bentuk", "SIASN needs the form: chosen");
  }
  assert.equal(readActivity({ ...base, kegiatan: "Webinar\u202e gnp.exe\u0007" }, null, null).activity.title,
               "Webinar gnp.exe", "no bidi override, no control character");
});

test("a version 3 backup brings its activities back; a bad one is skipped", () => {
  const state = plan(course("a"), activity("k-1"));
  const file = JSON.parse(JSON.stringify(toJson(state, 20, null)));
  file.activities.push({ id: "../x", title: "x", jp: 1 }, { id: "k-2", title: "", jp: 1 });
  const got = parseImport(JSON.stringify(file), DATA);
  assert.deepEqual(got.activities.map((x) => [x.id, x.jp, x.form]), [["k-1", 2.5, "seminar"]]);
  assert.equal(got.skipped, 2);
});

test("an import that is not the plan's JSON is refused as a whole", () => {
  assert.match(parseImport("{not json", DATA).error, /bukan JSON/);
  assert.match(parseImport(JSON.stringify({ format: "lain", version: 2, courses: [] }), DATA).error, /format/);
  assert.match(parseImport(JSON.stringify({ format: "asn-portal-rencana", version: 9, courses: [] }), DATA).error,
               /versi berkas \(9\)/);
  assert.match(parseImport(JSON.stringify({ format: "asn-portal-rencana", version: 2 }), DATA).error, /courses/);
  assert.match(parseImport(" ".repeat(1024 * 1024 + 1), DATA).error, /1 MB/);
});

test("an import skips bad courses, follows renames and drops duplicates", () => {
  const file = "\uFEFF" + JSON.stringify({ format: "asn-portal-rencana", version: 1, courses: [
    { slug: "lama", title: "Lama", jp: 4, status: "selesai", end: "2026-01-02", mode: "daring" },
    { slug: "baru", title: "Baru", jp: 4, status: "berjalan" },
    { slug: "Salah", title: "x", jp: 4, status: "selesai" },
    { slug: "x", title: "x", jp: 4, status: "entah" },
    { slug: "y", title: "y", jp: 4, status: "selesai", end: "2026-13-01" }
  ], modules: { lama: ["m1"], "../": ["m"] }, profile: { nama: "Budi\u0007", asing: "x" } });
  const got = parseImport(file, DATA);
  assert.equal(got.error, undefined);
  assert.deepEqual(got.entries.map((e) => [e.slug, e.status, e.mode_label]), [["baru", "selesai", "Daring"]]);
  assert.equal(got.skipped, 4);
  assert.deepEqual(got.modules, { baru: ["m1"] });
  assert.deepEqual(got.profile, { nama: "Budi " });
});

test("bytes become base64 by hand, as the browser's encoder would write them", async () => {
  const { base64 } = await import("../../asn_portal/assets/src/downloads.mjs");
  for (const n of [0, 1, 2, 3, 4, 5, 255, 256]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) % 256);
    assert.equal(base64(bytes), Buffer.from(bytes).toString("base64"), String(n));
  }
});
