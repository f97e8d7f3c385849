// The HR recap (assets/src/recap.mjs, recapfiles.mjs): many participants' files merged into one table,
// duplicates counted once, bad files named while the others load, the year's JP against the target,
// the portal's own CSVs read back, and the workbook's cells (text NIP, dates, numbers).
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  addFile, describe, newRecap, peopleOfYear, recapData, recapFileName, recapSheets, recapSiasn, recapYears
} from "../../asn_portal/assets/src/recap.mjs";
import { parseCsv } from "../../asn_portal/assets/src/recapfiles.mjs";
import { GONE, OUTSIDE, SIASN_HEADERS, toHrCsv, toJson, toSiasnCsv } from "../../asn_portal/assets/src/records.mjs";
import { workbook } from "../../asn_portal/assets/src/xlsx.mjs";
import { ANI, BUDI, DATA, activity, backup, course, load, state, titles } from "./recapfixtures.mjs";

test("the same file twice counts once; the same person in two files is one person, each course once", () => {
  const ani1 = backup(ANI, [course("a", { certificate_number: "" }), course("b", { status: "berjalan", end: "" })]);
  const ani2 = backup(ANI, [course("a", { certificate_number: "SERT-7" }), course("b", { end: "2026-05-01" })],
                      [activity("k-1")]);
  const budi = backup(BUDI, [course("a")]);
  const { recap, results } = load([["rencana-belajar-198503122010012005-2026.json", ani1], ["ani-laptop.json", ani2],
                                   ["budi.json", budi], ["salinan.json", "\uFEFF" + budi]]);
  assert.deepEqual(results[3], { name: "salinan.json", same: "budi.json" });
  assert.equal(recap.people.length, 2);
  const rows = peopleOfYear(recap, 2026, 20);
  assert.deepEqual(rows.map(function (r) { return r.person.profile.nama; }), ["Ani Lestari", "Budi Santoso"]);
  const ani = rows[0].person;
  assert.deepEqual(titles(ani), ["Kursus a", "Kursus b", "Webinar k-1"]);
  assert.deepEqual(ani.files, ["rencana-belajar-198503122010012005-2026.json", "ani-laptop.json"]);
  const b = ani.items.find(function (e) { return e.slug === "b"; });
  assert.equal(b.status, "selesai", "the later status wins");
  assert.equal(b.end, "2026-05-01", "a missing date is taken from the other file");
  assert.equal(ani.items.find(function (e) { return e.slug === "a"; }).certificate_number, "SERT-7");
  assert.equal(rows[0].done, 8 + 8 + 2.5);
  assert.equal(rows[0].remark, "Kurang 1,5 JP");
  assert.equal(rows[1].remark, "Kurang 12 JP");
  const told = describe(results);
  assert.match(told.summary, /^3 berkas dibaca, 1 berkas kembar dihitung sekali\.$/);
  assert.ok(told.notes.some(function (n) { return n.indexOf("salinan.json") === 0 && n.indexOf("budi.json") > 0; }));
});

test("a person is the same by NIP digits, else by name; without both a file is its own person", () => {
  const spaced = backup(Object.assign({}, ANI, { nip: "19850312 201001 2 005", nama: "ANI  lestari" }), [course("a")]);
  const byName = backup({ nama: "Ani Lestari" }, [course("c")]);
  const nobody1 = backup({}, [course("a")]);
  const nobody2 = backup({}, [course("b")]);
  const other = backup(Object.assign({}, ANI, { nip: "199001012020012001" }), [course("a")]);
  const { recap, results } = load([["1.json", backup(ANI, [course("a")])], ["2.json", spaced], ["3.json", byName],
                                   ["4.json", nobody1], ["5.json", nobody2], ["6.json", other]]);
  assert.equal(recap.people.length, 4, "Ani (three files), two anonymous files, Ani with another NIP");
  const ani = recap.people[0];
  assert.deepEqual(titles(ani), ["Kursus a", "Kursus c"]);
  assert.equal(results[3].anonymous, true);
  assert.match(describe(results).notes.join("\n"), /4\.json: tanpa nama dan NIP/);
  const rows = peopleOfYear(recap, 2026, 20);
  assert.equal(rows[rows.length - 1].person.profile.nama, undefined, "people without a name come last");
});

test("a record in two files is taken whole from the newer file, its empty fields filled from the other", () => {
  const planned = activity("k-1", { jp: 2, status: "direncanakan", start: "", end: "2026-12-01" });
  const march = backup(ANI, [course("a", { certificate_number: "S-1" })], [planned], "2026-03-10");
  const december = backup(ANI, [course("a", { title: "Kursus A (edisi baru)" })],
                          [activity("k-1", { jp: 4, end: "2026-06-01", certificate_number: "" })], "2026-12-05");
  for (const files of [[["maret.json", march], ["desember.json", december]],
                       [["desember.json", december], ["maret.json", march]]]) {
    const ani = load(files).recap.people[0];
    const k = ani.items.find(function (e) { return e.id === "k-1"; });
    assert.deepEqual([k.status, k.jp, k.end, k.start], ["selesai", 4, "2026-06-01", "2026-04-01"], files[0][0]);
    assert.equal(k.certificate_number, "W-1", "the newer file's empty field is filled from the older one");
    const a = ani.items.find(function (e) { return e.slug === "a"; });
    assert.deepEqual([a.title, a.certificate_number], ["Kursus A (edisi baru)", "S-1"]);
    assert.equal(ani.items.length, 2);
  }
  // Without export dates: the later status, then the file given later.
  const running = backup(ANI, [], [activity("k-1", { jp: 2, status: "berjalan", end: "" })], null);
  const done = backup(ANI, [], [activity("k-1", { jp: 4, end: "2026-06-01" })], null);
  const later = backup(ANI, [], [activity("k-1", { jp: 5, end: "2026-06-02" })], null);
  assert.equal(load([["b.json", done], ["a.json", running]]).recap.people[0].items[0].jp, 4);
  assert.equal(load([["a.json", running], ["b.json", done], ["c.json", later]]).recap.people[0].items[0].jp, 5);
});

test("a file without a NIP joins a same-name person only when exactly one person has that name", () => {
  const budiA = backup({ nama: "Budi", nip: "197001011995031001" }, [course("a")]);
  const budiB = backup({ nama: "Budi", nip: "198001012005011002" }, [course("b")]);
  const noNip = backup({ nama: " BUDI " }, [course("c")]);
  const one = load([["a.json", budiA], ["c.json", noNip]]).recap;
  assert.equal(one.people.length, 1, "one Budi: the file joins him");
  assert.deepEqual(titles(one.people[0]), ["Kursus a", "Kursus c"]);
  const { recap, results } = load([["a.json", budiA], ["b.json", budiB], ["c.json", noNip]]);
  assert.equal(recap.people.length, 3, "two Budis: the file is a row of its own");
  assert.deepEqual(recap.people.map(titles), [["Kursus a"], ["Kursus b"], ["Kursus c"]]);
  assert.deepEqual(results[2].apart, ["BUDI"]);
  assert.ok(describe(results).notes.indexOf("c.json: BUDI tanpa NIP dan namanya sama dengan lebih dari satu " +
                                            "peserta; dicatat terpisah.") >= 0, describe(results).notes);
});

test("a year counts what finished in it: last year's course is not this year's", () => {
  const ani = backup(ANI, [course("lalu", { start: "2025-11-01", end: "2025-12-20", jp: 12 }), course("kini"),
                           course("rencana", { status: "direncanakan", start: "", end: "" }),
                           course("tanpa-tanggal", { end: "" })]);
  const { recap } = load([["ani.json", ani]]);
  assert.equal(peopleOfYear(recap, 2026, 20)[0].done, 8);
  assert.deepEqual(peopleOfYear(recap, 2026, 20)[0].items.map(function (e) { return e.slug; }), ["kini"]);
  assert.equal(peopleOfYear(recap, 2025, 20)[0].done, 12);
  assert.equal(peopleOfYear(recap, 2025, 12)[0].remark, "Tercapai");
  assert.ok(recapYears(recap).indexOf(2025) >= 0 && recapYears(recap).indexOf(2026) >= 0);
  const siasn = recapSiasn(recap, 2025, 20);
  assert.equal(siasn.split("\r\n").length - 2, 1, "SIASN: the header and last year's one course");
});

test("broken, foreign, empty and huge files are named with why, and the others still load", () => {
  const good = backup(ANI, [course("a")]);
  const { recap, results } = load([
    ["rusak.json", "{\"format\": \"asn-portal-rencana\", "], ["asing.json", JSON.stringify({ nama: "x" })],
    ["kosong.json", ""], ["besar.json", "{\"x\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}"],
    ["raksasa.csv", "a;b\n" + "x".repeat(6 * 1024 * 1024)], ["versi.json", JSON.stringify({ format: "asn-portal-rencana",
      version: 9, courses: [] })], ["lain.csv", "\"Judul\";\"Harga\"\r\n\"Buku\";10\r\n"],
    ["lama.csv", "\uFEFF" + toSiasnCsv(state(ANI, [course("a")]), 2026).replace(/"nip";"nama";/g, "")
      .replace(/\r\n"198503122010012005";"Ani Lestari";/, "\r\n")],
    ["rekap.xlsx", "PK\u0003\u0004..."], ["ani.json", good]]);
  assert.equal(recap.people.length, 1);
  const reasons = {};
  results.forEach(function (r) { if (r.error) reasons[r.name] = r.error; });
  assert.match(reasons["rusak.json"], /bukan JSON yang sah/);
  assert.match(reasons["asing.json"], /bukan berkas rencana belajar asn-portal/);
  assert.match(reasons["kosong.json"], /berkas kosong/);
  assert.match(reasons["besar.json"], /lebih dari 1 MB/);
  assert.match(reasons["raksasa.csv"], /terlalu besar/);
  assert.match(reasons["versi.json"], /versi berkas \(9\)/);
  assert.match(reasons["lain.csv"], /kolomnya tidak dikenali/);
  assert.match(reasons["lama.csv"], /tidak memuat kolom nip dan nama/);
  assert.match(reasons["rekap.xlsx"], /Excel/);
  const told = describe(results);
  assert.equal(told.summary, "1 berkas dibaca, 9 berkas tidak dapat dibaca.");
  assert.equal(told.problems.length, 9);
  assert.ok(told.problems.every(function (p) { return /^[a-z]+\.(json|csv|xlsx): /.test(p); }), told.problems);
  const twiceEmpty = load([["a.json", ""], ["b.json", ""]]).results;
  assert.ok(twiceEmpty[1].error, "empty files are not 'the same file'");
});

test("the plan page's HR and SIASN CSVs read back, formula marks undone, merged with the JSON", () => {
  const tricky = course("rumus", { title: "=Kursus, -diskon; @semua", organizer: "+Pusat", certificate_number: "-7",
                                   start: "2026-06-01", end: "2026-06-02", jp: 3 });
  const gone = course("pensiun", { in_catalog: false, end: "2026-02-02", mode: "luring", mode_label: "Luring" });
  const s = state(ANI, [course("a"), tricky, gone], [activity("k-1", { hours: 2 })]);
  const hr = "\uFEFF" + toHrCsv(s, 2026, DATA);
  const siasn = "\uFEFF" + toSiasnCsv(s, 2026);
  for (const [name, text] of [["rekap-pengembangan-kompetensi-198503122010012005-2026.csv", hr],
                              ["siasn-riwayat-kursus-198503122010012005-2026.csv", siasn]]) {
    const { recap, results } = load([[name, text]]);
    assert.ok(!results[0].error, results[0].error);
    assert.equal(recap.people.length, 1);
    const p = recap.people[0];
    assert.equal(p.profile.nip, ANI.nip);
    assert.equal(p.profile.nama, ANI.nama);
    const r = p.items.find(function (e) { return e.title.indexOf("Kursus,") > 0; });
    assert.equal(r.title, tricky.title, name);
    assert.equal(r.organizer, "+Pusat");
    assert.equal(r.certificate_number, "-7");
    const web = p.items.find(function (e) { return e.activity; });
    assert.equal(web.form, "seminar");
    assert.equal(web.jp, 2.5, "SIASN keeps the JP as recorded");
    assert.equal(peopleOfYear(recap, 2026, 20)[0].items.length, 4);
  }
  assert.equal(load([["hr.csv", hr]]).recap.people[0].items.find(function (e) { return e.title === gone.title; })
    .in_catalog, false);
  // The CSVs and the JSON of the same person: one person, each record once.
  const { recap } = load([["a.csv", hr], ["b.csv", siasn], ["c.json", toJsonText(s)]]);
  assert.equal(recap.people.length, 1);
  assert.equal(recap.people[0].items.length, 4, recap.people[0].items.map(function (e) { return e.title; }));
  // The recap's own SIASN file holds many people: read back, it gives them all.
  const both = load([["a.json", toJsonText(s)], ["b.json", backup(BUDI, [course("z")])]]).recap;
  const again = load([["rekap.csv", recapSiasn(both, 2026, 20)]]).recap;
  assert.deepEqual(again.people.map(function (p) { return p.profile.nip; }), [ANI.nip, BUDI.nip]);
});

function toJsonText(s) { return JSON.stringify(toJson(s, 20, DATA)); }

test("CSV cells: quotes doubled, separators and line breaks inside quotes, an unclosed quote refused", () => {
  assert.deepEqual(parseCsv("\"a;b\";\"c\"\"d\";3\r\n\"x\ny\";;\n", ";"), [["a;b", "c\"d", "3"], ["x\ny", "", ""]]);
  assert.deepEqual(parseCsv("\"'=1\";\"a,'+b\";'=c", ";"), [["=1", "a,+b", "'=c"]], "only quoted cells");
  assert.equal(parseCsv("\"a;b", ";"), null);
  assert.match(addFile(newRecap(), "x.csv", "\"Nama\";\"NIP\";\"Nama Kursus\n", DATA).error, /tanda kutip/);
});

test("a spreadsheet-mangled NIP is said, a renamed course follows its new slug", () => {
  const hr = toHrCsv(state(ANI, [course("a")]), 2026, DATA).replace("\"198503122010012005\"", "1,98503E+17");
  const result = addFile(newRecap(), "hr.csv", hr, DATA);
  assert.match(result.warnings[0], /NIP 1,98503E\+17 sudah diubah spreadsheet/);
  const recap = newRecap();
  addFile(recap, "x.json", backup(ANI, [course("lama")]), DATA);
  addFile(recap, "y.json", backup(ANI, [course("baru", { certificate_number: "N" })]), DATA);
  assert.deepEqual(recap.people[0].items.map(function (e) { return e.slug; }), ["baru"]);
});

test("the workbook: one row per person per finished record, NIP a string cell, dates and JP as values", () => {
  const gone = course("pensiun", { in_catalog: false, end: "2026-02-02", certificate_number: "007" });
  const { recap } = load([["ani.json", backup(ANI, [course("a"), gone, course("lalu", { end: "2025-01-01" })],
                                              [activity("k-1")])],
                          ["budi.json", backup(BUDI, [course("a", { start: "", end: "2026-08-17", jp: 20 })])]]);
  const sheets = recapSheets(recap, 2026, 20);
  assert.deepEqual(sheets.map(function (s) { return s.name; }), ["Rekap 2026", "Ringkasan 2026"]);
  const [head, ...rows] = sheets[0].rows;
  assert.deepEqual(head.map(function (c) { return c.text; }),
                   ["Nama", "NIP", "Jabatan", "Unit kerja", "Instansi", "Nama kursus/kegiatan", "Bentuk",
                    "Penyelenggara", "Tanggal mulai", "Tanggal selesai", "JP", "Nomor sertifikat", "Keterangan"]);
  assert.ok(head.every(function (c) { return c.bold === true; }));
  assert.equal(rows.length, 4, "Ani: three records this year; Budi: one");
  assert.deepEqual(rows.map(function (r) { return r[5]; }), ["Kursus pensiun", "Kursus a", "Webinar k-1", "Kursus a"]);
  for (const row of rows) {
    assert.equal(typeof row[1], "string");
    assert.match(row[1], /^\d{18}$/);
    assert.equal(typeof row[10], "number");
    assert.deepEqual(Object.keys(row[9]), ["date"]);
  }
  assert.deepEqual(rows[0].slice(0, 2), [ANI.nama, ANI.nip]);
  assert.deepEqual(rows[0].slice(8), [{ date: "2026-03-01" }, { date: "2026-02-02" }, 8, "007", GONE]);
  assert.deepEqual(rows[2].slice(6, 8), ["Seminar/webinar", "LAN"]);
  assert.equal(rows[2][12], OUTSIDE);
  assert.equal(rows[2][10], 2.5);
  assert.equal(rows[3][8], "", "no start date: an empty cell, not a made-up date");
  assert.deepEqual(sheets[1].rows.slice(1), [[ANI.nama, ANI.nip, ANI.instansi, 18.5, 20, "Kurang 1,5 JP"],
                                             [BUDI.nama, BUDI.nip, BUDI.instansi, 20, 20, "Tercapai"]]);
  const bytes = workbook(sheets);
  assert.ok(bytes instanceof Uint8Array && bytes[0] === 0x50 && bytes[1] === 0x4B);
  const siasn = recapSiasn(recap, 2026, 20);
  assert.ok(siasn.startsWith("\uFEFF\"" + SIASN_HEADERS.join("\";\"") + "\"\r\n"));
  assert.equal(siasn.trim().split("\r\n").length, 5);
  assert.match(siasn, /\r\n"197001011995031001";"Budi Santoso";"Kursus a";"BPSDM";20;"17-08-2026"/);
  assert.equal(recapFileName("xlsx", 2026), "rekap-kepegawaian-2026.xlsx");
  assert.equal(recapFileName("siasn", 2026), "siasn-riwayat-kursus-rekap-2026.csv");
});

test("the page's data: target and renames, anything else ignored", () => {
  assert.deepEqual(recapData("{\"target\": 24, \"redirects\": {\"a\": \"b\", \"../x\": \"c\"}}"),
                   { target: 24, redirects: { a: "b" } });
  assert.deepEqual(recapData("not json"), { target: 20, redirects: {} });
});
