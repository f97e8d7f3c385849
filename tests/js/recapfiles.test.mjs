// The HR recap from CSVs (assets/src/recapfiles.mjs, recap.mjs): a large file merges at once, and a NIP
// a spreadsheet broke ("1,98503E+17") is said, kept out of the exported NIP cells and joins no one.
import { test } from "node:test";
import assert from "node:assert/strict";

import { BROKEN_NIP, describe, peopleOfYear, recapSheets, recapSiasn } from "../../asn_portal/assets/src/recap.mjs";
import { SIASN_HEADERS, csv, hrHeaders, hrRow, siasnRow } from "../../asn_portal/assets/src/records.mjs";
import { ANI, BUDI, DATA, backup, course, load } from "./recapfixtures.mjs";

test("10,000 rows of one person merge at once: each record once, the other file's fields filled in", () => {
  const items = [];
  for (let i = 0; i < 10000; i += 1) {
    items.push(course("k" + i, { title: "Kursus nomor " + i, jp: 1, end: "2026-0" + (1 + i % 9) + "-1" + (i % 10) }));
  }
  const hr = "\uFEFF" + csv([hrHeaders(DATA)].concat(items.map(function (e) { return hrRow(ANI, e, 2026, DATA); })));
  const siasn = "\uFEFF" + csv([SIASN_HEADERS].concat(items.map(function (e, i) {
    return siasnRow(ANI, Object.assign({}, e, { certificate_number: "S-" + i }));
  })));
  const started = Date.now();
  const { recap, results } = load([["rekap.csv", hr], ["siasn.csv", siasn]]);
  const took = Date.now() - started;
  assert.ok(!results[0].error && !results[1].error, results);
  assert.equal(recap.people.length, 1);
  const ani = recap.people[0];
  assert.equal(ani.items.length, 10000, "the SIASN rows are the HR rows' records");
  assert.equal(ani.items[9999].certificate_number, "S-9999");
  assert.equal(peopleOfYear(recap, 2026, 20)[0].done, 10000);
  // A generous bound: matching row by row against every record took minutes for this file.
  assert.ok(took < 5000, "merged in " + took + " ms");
});

test("a spreadsheet-broken NIP is said, left out of the exports' NIP cells and never joins people", () => {
  const both = load([["a.json", backup(ANI, [course("a")])], ["b.json", backup(BUDI, [course("b")])]]).recap;
  const broken = recapSiasn(both, 2026, 20).replace("\"" + ANI.nip + "\"", "1,98503E+17")
    .replace("\"" + BUDI.nip + "\"", "1.98503E+17");  // the same broken value for two people
  const { recap, results } = load([["rekap.csv", broken]]);
  assert.equal(recap.people.length, 2, "two names: two people, whatever their broken NIPs say");
  assert.ok(recap.people.every(function (p) { return p.profile.nip === undefined && p.brokenNip; }));
  assert.match(describe(results).notes.join("\n"), /rekap\.csv: NIP 1,98503E\+17 sudah diubah spreadsheet/);
  const [head, ...rows] = recapSheets(recap, 2026, 20)[0].rows;
  assert.equal(head[12].text, "Keterangan");
  assert.deepEqual(rows.map(function (r) { return [r[0], r[1], r[12]]; }),
                   [[ANI.nama, "", BROKEN_NIP], [BUDI.nama, "", BROKEN_NIP]]);
  assert.equal(BROKEN_NIP, "NIP rusak di berkas sumber: minta berkas JSON dari peserta");
  assert.equal(recapSheets(recap, 2026, 20)[1].rows[1][5], "Kurang 12 JP; " + BROKEN_NIP);
  const lines = recapSiasn(recap, 2026, 20).split("\r\n");
  assert.ok(lines[1].startsWith("\"\";\"Ani Lestari\";") && lines[2].startsWith("\"\";\"Budi Santoso\";"), lines);
  assert.ok(!/E\+17/.test(lines.join("\n")));
  // Ani's backup then gives her NIP: her rows carry it again, without the warning.
  const again = load([["rekap.csv", broken], ["ani.json", backup(ANI, [course("a")])]]).recap;
  assert.equal(again.people.length, 2);
  const fixed = recapSheets(again, 2026, 20)[0].rows.slice(1);
  assert.deepEqual(fixed.map(function (r) { return [r[1], r[12]]; }), [[ANI.nip, ""], ["", BROKEN_NIP]]);
});
