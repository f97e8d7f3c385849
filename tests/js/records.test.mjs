// The plan as files (assets/src/records.mjs): CSV cells, the HR and SIASN records, JSON import.
import { test } from "node:test";
import assert from "node:assert/strict";

import { csv, csvCell, parseImport, siasnRows, toHrCsv, toJson, toSiasnCsv }
  from "../../asn_portal/assets/src/records.mjs";

function course(slug, extra) {
  return Object.assign({ slug: slug, title: "Kursus " + slug, jp: 10, competency: "Teknis", mode: "luring",
                         mode_label: "Luring", organizer: "BPSDM", certificate: true, status: "selesai",
                         start: "2026-03-01", end: "2026-03-05", certificate_number: "NO-1",
                         added: "2026-01-01T00:00:00.000Z" }, extra);
}

function plan(...courses) {
  const state = { version: 2, courses: {}, modules: {}, profile: { nama: "Ani", nip: "199001012020012001" } };
  courses.forEach(function (c) { state.courses[c.slug] = c; });
  return state;
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

test("SIASN rows: finished courses of the year only, with BKN's columns", () => {
  const rows = siasnRows(plan(course("a"), course("b", { status: "berjalan" }), course("c", { end: "" }),
                              course("d", { start: "", competency: "" })), 2026);
  assert.deepEqual(rows, [
    ["Kursus a", "BPSDM", 10, "01-03-2026", "05-03-2026", 2026, "NO-1", "Kursus Teknis"],
    ["Kursus d", "BPSDM", 10, "05-03-2026", "05-03-2026", 2026, "NO-1", "Kursus"]
  ]);
  assert.ok(toSiasnCsv(plan(), 2026).startsWith("\"namaKursus\";"));
});

test("the JSON export names its format and version", () => {
  const out = toJson(plan(course("a")), 20);
  assert.equal(out.format, "asn-portal-rencana");
  assert.equal(out.version, 2);
  assert.equal(out.target_jp, 20);
  assert.equal(out.courses[0].form, "klasikal");
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
