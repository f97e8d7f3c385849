/* asn-portal HR recap, reading one participant's file (pure: no DOM, tests/js/recap.test.mjs). HR is
 * handed whatever the plan page exported, so each file is read as what it is:
 *  - the JSON backup ("rencana-belajar-<nip>-<year>.json", versions 1 to 3) through records.parseImport,
 *    the same rules as the plan page's import: the reader's identity, courses and activities;
 *  - the HR CSV ("rekap-pengembangan-kompetensi-…csv"): identity columns on every row, one row per record;
 *  - the SIASN CSV ("siasn-riwayat-kursus-…csv"): nip and nama, then BKN's fields, finished records only.
 * Both CSVs are records.csv's: ";" separated, every text cell quoted, UTF-8 with a BOM, and a "'" put
 * before a formula start (csvCell); that mark is taken off again, in quoted cells only, where csvCell
 * puts it. A CSV may hold many people (the recap's own SIASN file): rows are grouped by person.
 * Everything in a file is untrusted: unknown shapes are refused with an Indonesian reason, single bad
 * rows are skipped and counted. */

import { FORMS, MODES, SIASN_FORMS } from "./constants.mjs";
import {
  MAX_TITLE, STATUS_LABELS, cleanProfile, has, nipDigits, norm, roundJp, text, validActivityJp, validDate, validNip
} from "./core.mjs";
import { GONE, OUTSIDE, parseImport } from "./records.mjs";

// A CSV of forty people's year is a few hundred kB; anything far larger is not one of ours.
export const MAX_RECAP_BYTES = 5 * 1024 * 1024;
export const TOO_BIG = "berkas terlalu besar (lebih dari 5 MB) untuk berkas rencana belajar.";
const FOREIGN_CSV = "kolomnya tidak dikenali: bukan CSV kepegawaian atau CSV SIASN dari halaman Rencana Belajar.";
const OLD_SIASN = "CSV SIASN ini tidak memuat kolom nip dan nama, jadi tidak diketahui milik siapa. " +
  "Minta berkas cadangan (JSON) peserta itu.";
const SPREADSHEET_NIP = /^\d+([.,]\d+)?e\+?\d+$/i;  // "1,98503E+17": a spreadsheet saved the NIP as a number

// {people: [{profile, items}], skipped, warnings} or {error} (Indonesian, without the file's name).
export function readRecord(name, content, data) {
  const body = String(content || "").replace(/^\uFEFF/, "");
  if (body.length > MAX_RECAP_BYTES) return { error: TOO_BIG };
  if (!body.trim()) return { error: "berkas kosong." };
  if (/\.xlsx?$/i.test(name) || body.slice(0, 4) === "PK\u0003\u0004") {
    return { error: "berkas Excel belum dapat dibaca di halaman ini; pilih berkas cadangan (JSON) atau CSV-nya." };
  }
  const start = body.replace(/^\s+/, "").charAt(0);
  if (start === "{" || start === "[" || /\.json$/i.test(name)) return fromJson(body, data);
  return fromCsv(body);
}

function fromJson(body, data) {
  const result = parseImport(body, data);
  if (result.error) return { error: result.error.replace(/^Berkas tidak diimpor: /, "") };
  return { people: [{ profile: result.profile, items: result.entries.concat(result.activities) }],
            skipped: result.skipped, warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// CSV

// csvCell's "'" before = + - @ tab CR, at the start and after each separator or line break.
function unmark(value) { return value.replace(/(^|[,;\n\r\t])([ "]*)'(?=[=+\-@\t\r])/g, "$1$2"); }

// RFC 4180 with ``sep``: rows of cell texts (blank lines dropped); null when a quote is never closed.
export function parseCsv(body, sep) {
  const rows = [];
  let row = [], cell = "", quoted = false, i = 0;
  const end = function () { row.push(quoted ? unmark(cell) : cell.trim()); cell = ""; quoted = false; };
  while (i < body.length) {
    const c = body.charAt(i);
    if (c === "\"" && !quoted && !cell.trim()) {
      const close = closing(body, i + 1);
      if (close < 0) return null;
      cell = body.slice(i + 1, close).replace(/""/g, "\"");
      quoted = true;
      i = close + 1;
    } else if (c === sep) {
      end();
      i += 1;
    } else if (c === "\r" || c === "\n") {
      end();
      if (row.some(function (x) { return x !== ""; })) rows.push(row);
      row = [];
      i += c === "\r" && body.charAt(i + 1) === "\n" ? 2 : 1;
    } else {
      if (!quoted) cell += c;  // text after a closing quote is not part of the cell
      i += 1;
    }
  }
  end();
  if (row.some(function (x) { return x !== ""; })) rows.push(row);
  return rows;
}

function closing(body, from) {
  let at = from;
  for (;;) {
    at = body.indexOf("\"", at);
    if (at < 0 || body.charAt(at + 1) !== "\"") return at;
    at += 2;
  }
}

function fromCsv(body) {
  const firstLine = body.slice(0, body.search(/\r|\n|$/));
  const rows = parseCsv(body, firstLine.indexOf(";") >= 0 ? ";" : ",");
  if (!rows) return { error: "CSV rusak: ada tanda kutip yang tidak ditutup." };
  const columns = {};
  rows[0].forEach(function (heading, i) {
    const key = heading.toLowerCase().replace(/\s+/g, " ").trim();
    if (!has(columns, key)) columns[key] = i;
  });
  const has2 = function (a, b) { return has(columns, a) && has(columns, b); };
  let kind = null;
  if (has2("nama", "nip") && (has(columns, "nama kursus/kegiatan") || has(columns, "nama kursus"))) kind = hrItem;
  else if (has2("namakursus", "tanggalselesaikursus")) {
    if (!has2("nip", "nama")) return { error: OLD_SIASN };
    kind = siasnItem;
  }
  if (!kind) return { error: FOREIGN_CSV };
  return grouped(rows.slice(1), columns, kind);
}

// Rows -> one {profile, items} per person (NIP digits, else the name), in the order they appear.
function grouped(rows, columns, itemOf) {
  const people = [], byKey = {}, warnings = [];
  let skipped = 0;
  rows.forEach(function (row) {
    const get = function (heading) { return has(columns, heading) ? row[columns[heading]] || "" : ""; };
    const rawNip = get("nip");
    if (SPREADSHEET_NIP.test(rawNip) && warnings.length < 3) {
      warnings.push("NIP " + rawNip + " sudah diubah spreadsheet menjadi angka dan digit terakhirnya hilang; " +
                    "minta berkas cadangan (JSON) orang itu.");
    }
    const profile = cleanProfile({ nama: get("nama"), nip: rawNip, jabatan: get("jabatan"),
                                    unit_kerja: get("unit kerja"), instansi: get("instansi") });
    const item = itemOf(get);
    if (!item) { skipped += 1; return; }
    const key = validNip(nipDigits(profile.nip)) ? "nip:" + profile.nip : "nama:" + norm(profile.nama);
    if (!has(byKey, key)) {
      byKey[key] = { profile: profile, items: [] };
      people.push(byKey[key]);
    }
    byKey[key].items.push(item);
  });
  if (!people.length) return { error: "tidak berisi satu pun baris kursus atau kegiatan yang dapat dibaca." };
  return { people: people, skipped: skipped, warnings: warnings };
}

function cellText(value, max) { return text(value, max).replace(/[\u0000-\u001f\u007f]/g, " ").trim(); }

// "" stays empty; dd-mm-yyyy (the CSVs) or yyyy-mm-dd; null for anything else.
function isoDate(value) {
  if (!value) return "";
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  const iso = dmy ? dmy[3] + "-" + dmy[2] + "-" + dmy[1] : value;
  return validDate(iso) ? iso : null;
}

function keyOf(table, label) {
  const wanted = String(label || "").toLowerCase().trim();
  let found = "";
  Object.keys(table).forEach(function (key) { if (!found && table[key].toLowerCase() === wanted) found = key; });
  return found;
}

// The fields every record has; null when the row is unusable.
function base(title, jp, status, start, end, organizer, number) {
  const value = +String(jp).replace(",", ".");
  title = cellText(title, MAX_TITLE);
  if (!title || !validActivityJp(value) || !status || start === null || end === null) return null;
  return { title: title, jp: roundJp(value), status: status, start: start, end: end,
            organizer: cellText(organizer), certificate_number: cellText(number, 100), added: "" };
}

function asActivity(record, form) {
  return Object.assign(record, { id: "", activity: true, form: form || "lainnya", hours: null, competency: "",
                                  mode: "", mode_label: "" });
}

function asCourse(record, extra) {
  return Object.assign(record, { slug: "", competency: "", mode: "", mode_label: "", certificate: null }, extra);
}

function hrItem(get) {
  const record = base(get("nama kursus/kegiatan") || get("nama kursus"), get("jp"),
                      keyOf(STATUS_LABELS, get("status")), isoDate(get("tanggal mulai")),
                      isoDate(get("tanggal selesai")), get("penyelenggara"), get("nomor sertifikat"));
  if (!record) return null;
  const mark = get("keterangan");
  if (mark === OUTSIDE) return asActivity(record, keyOf(FORMS, get("bentuk pengembangan")));
  const mode = keyOf(MODES, get("mode"));
  const certified = get("kursus bersertifikat");
  return asCourse(record, { competency: cellText(get("kompetensi")), mode: mode, mode_label: mode ? MODES[mode] : "",
                            certificate: certified === "Ya" ? true : certified === "Tidak" ? false : null,
                            in_catalog: mark === GONE ? false : undefined });
}

// SIASN rows are finished records; jenisKursus tells an activity's form from "Kursus <kompetensi>".
function siasnItem(get) {
  const end = isoDate(get("tanggalselesaikursus"));
  const record = end ? base(get("namakursus"), get("jumlahjam"), "selesai", isoDate(get("tanggalkursus")), end,
                            get("institusipenyelenggara"), get("nomorsertipikat")) : null;
  if (!record) return null;
  const kind = get("jeniskursus");
  const form = keyOf(SIASN_FORMS, kind);
  if (form) return asActivity(record, form);
  return asCourse(record, { competency: cellText(kind.replace(/^kursus\s*/i, "")) });
}
