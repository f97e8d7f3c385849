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
 * rows are skipped and counted. A NIP a spreadsheet turned into a number ("1,98503E+17") has lost its
 * last digits: it is said, dropped from the profile (brokenNip marks the person) and never used to
 * tell people apart. */

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

// {people: [{profile, items, brokenNip}], skipped, warnings, exported} or {error} (Indonesian, without
// the file's name). exported is a JSON backup's export date (yyyy-mm-dd), "" for a CSV.
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
  return { people: [{ profile: result.profile, items: result.entries.concat(result.activities), brokenNip: false }],
            skipped: result.skipped, warnings: [], exported: exportedDate(body) };
}

// The backup's "exported" date (records.toJson writes today()), "" when absent or not a date. The file
// already parsed once in parseImport, which does not hand this field back.
function exportedDate(body) {
  let raw = null;
  try { raw = JSON.parse(body); } catch (e) { return ""; }
  const date = raw && typeof raw.exported === "string" ? raw.exported.slice(0, 10) : "";
  return validDate(date) ? date : "";
}

// ---------------------------------------------------------------------------------------------
// CSV

// csvCell's "'" before = + - @ tab CR, at the start and after each separator or line break.
function unmark(value) { return value.replace(/(^|[,;\n\r\t])([ "]*)'(?=[=+\-@\t\r])/g, "$1$2"); }

// RFC 4180 with ``sep``: rows of cell texts (blank lines dropped); null when a quote is never closed.
// Unquoted text is taken a run at a time (up to the next separator, line break or quote), not a
// character at a time: a 10,000-row file is read at once.
export function parseCsv(body, sep) {
  const rows = [], stop = /[,;\r\n"]/g;
  let row = [], cell = "", quoted = false, i = 0;
  const end = function () { row.push(quoted ? unmark(cell) : cell.trim()); cell = ""; quoted = false; };
  while (i < body.length) {
    stop.lastIndex = i;
    const found = stop.exec(body);
    const at = found ? found.index : body.length;
    if (!quoted) cell += body.slice(i, at);  // text after a closing quote is not part of the cell
    if (!found) break;
    const c = found[0];
    if (c === "\"" && !quoted && !cell.trim()) {
      const close = closing(body, at + 1);
      if (close < 0) return null;
      cell = body.slice(at + 1, close).replace(/""/g, "\"");
      quoted = true;
      i = close + 1;
    } else if (c === sep) {
      end();
      i = at + 1;
    } else if (c === "\r" || c === "\n") {
      end();
      if (row.some(function (x) { return x !== ""; })) rows.push(row);
      row = [];
      i = at + (c === "\r" && body.charAt(at + 1) === "\n" ? 2 : 1);
    } else {
      if (!quoted) cell += c;  // a quote inside unquoted text, or the separator the file does not use
      i = at + 1;
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
  let skipped = 0, last = { who: null };
  rows.forEach(function (row) {
    const get = function (heading) { return has(columns, heading) ? row[columns[heading]] || "" : ""; };
    const rawNip = get("nip");
    const broken = SPREADSHEET_NIP.test(rawNip);
    if (broken && warnings.length < 3) {
      warnings.push("NIP " + rawNip + " sudah diubah spreadsheet menjadi angka dan digit terakhirnya hilang, " +
                    "jadi dikosongkan di rekap; minta berkas cadangan (JSON) orang itu.");
    }
    const who = [get("nama"), broken ? "" : rawNip, get("jabatan"), get("unit kerja"), get("instansi")];
    const item = itemOf(get);
    if (!item) { skipped += 1; return; }
    const whoKey = who.join("\n"), same = whoKey === last.who;  // a person's rows follow each other
    const profile = same ? last.profile : cleanProfile({ nama: who[0], nip: who[1], jabatan: who[2],
                                                        unit_kerja: who[3], instansi: who[4] });
    const key = same ? last.key
      : validNip(nipDigits(profile.nip)) ? "nip:" + profile.nip : "nama:" + norm(profile.nama);
    last = { who: whoKey, profile: profile, key: key };
    if (!has(byKey, key)) {
      byKey[key] = { profile: profile, items: [], brokenNip: false };
      people.push(byKey[key]);
    }
    if (broken) byKey[key].brokenNip = true;
    byKey[key].items.push(item);
  });
  if (!people.length) return { error: "tidak berisi satu pun baris kursus atau kegiatan yang dapat dibaca." };
  return { people: people, skipped: skipped, warnings: warnings, exported: "" };
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
