/* asn-portal learning, the record as files: what a reader hands in and what HR gathers. Pure (no DOM):
 * the plan page (downloads.mjs) and the HR recap (recap.mjs) build the same rows from one person's
 * identity and records (courses and activities outside the catalog, plandata.items):
 *  - HR CSV ("rekap-pengembangan-kompetensi-<nip>-<year>.csv"): identity and the year's records;
 *  - SIASN CSV ("siasn-riwayat-kursus-<nip>-<year>.csv"): nip, nama, then the finished records of the
 *    year with BKN's "riwayat kursus" field names (mapping in docs/rencana-belajar.md);
 *  - XLSX ("rekap-pengembangan-kompetensi-<nip>-<year>.xlsx", xlsx.mjs): the same record in which the
 *    NIP and every identifier are text cells, dates are dates and JP numbers: a spreadsheet opening a
 *    CSV turns an 18-digit NIP into a float and loses its last digits, quoted or not;
 *  - JSON ("rencana-belajar-<nip>-<year>.json"; "format": "asn-portal-rencana", version 3 with the
 *    activities; versions 1 and 2 still import): the backup a reader moves and HR's recap reads. An
 *    imported file is untrusted: a wrong shape is refused as a whole, single bad entries are skipped.
 * Both CSVs: UTF-8 with BOM, ";" separated, header first, every text cell quoted and formula starts
 * neutralised (csvCell). Every file name carries the NIP (or the name) and the year, so that forty
 * participants' files on one flashdisk do not overwrite each other. */

import { MODES, SIASN_FORMS } from "./constants.mjs";
import {
  MAX_ACTIVITIES, MAX_TITLE, STATUS_LABELS, VERSION, cleanActivity, cleanKeys, cleanProfile, cleanText, dmy,
  formLabel, has, isObject, modeLabel, roundJp, statusRank, today, validDate, validJp, validNip, validSlug
} from "./core.mjs";
import { countsIn, follow, ordered } from "./plandata.mjs";

const CLASSROOM = { luring: "klasikal", daring: "nonklasikal", mandiri: "nonklasikal",
                  campuran: "klasikal dan nonklasikal" };
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const FORMAT = "asn-portal-rencana";
const IDENTITY = ["Nama", "NIP", "Jabatan", "Unit Kerja", "Instansi"];
const HR_HEADERS = IDENTITY.concat(["Tahun", "Nama Kursus/Kegiatan", "Penyelenggara", "Bentuk Pengembangan", "Mode",
                  "Kompetensi", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status", "Kursus bersertifikat",
                  "Nomor Sertifikat", "Keterangan"]);
export const SIASN_HEADERS = ["nip", "nama", "namaKursus", "institusiPenyelenggara", "jumlahJam", "tanggalKursus",
                            "tanggalSelesaiKursus", "tahunKursus", "nomorSertipikat", "jenisKursus"];
export const GONE = "tidak ada lagi di katalog";
export const OUTSIDE = "di luar katalog";

// ---------------------------------------------------------------------------------------------
// One person's rows

export function ofYear(items, year) { return items.filter(function (e) { return countsIn(e, year); }); }

// Finished records of ``year`` with an end date: what SIASN and the recap count as done.
export function finished(items, year) {
  return ofYear(items, year).filter(function (e) { return e.status === "selesai" && !!e.end; });
}

// What a record says beside a title: an activity is outside the catalog; a course the catalog no
// longer has (retired, not renamed) stays in the record, marked.
export function note(entry, data) {
  if (entry.activity) return OUTSIDE;
  if (entry.in_catalog === false) return GONE;
  return data && data.order && data.order.length && !has(data.courses, entry.slug) ? GONE : "";
}

function identity(profile) {
  return [profile.nama || "", profile.nip || "", profile.jabatan || "", profile.unit_kerja || "",
          profile.instansi || ""];
}
function developmentForm(e) { return e.activity ? formLabel(e) : CLASSROOM[e.mode] || ""; }
function certified(e) { return e.certificate === true ? "Ya" : e.certificate === false ? "Tidak" : ""; }

export function hrHeaders(data) { return data && data.site ? HR_HEADERS.concat(["Alamat Kursus"]) : HR_HEADERS; }

// HR: who, which year, each record; the course's address on the published site when known.
export function hrRow(profile, e, year, data) {
  const row = identity(profile).concat([year, e.title, e.organizer || "", developmentForm(e),
    e.activity ? "" : modeLabel(e), e.competency || "", dmy(e.start), dmy(e.end), e.jp,
    STATUS_LABELS[e.status] || e.status, certified(e), e.certificate_number || "", note(e, data)]);
  if (data && data.site) row.push(!e.activity && data.pages[e.slug] ? new URL(data.pages[e.slug], data.site).href : "");
  return row;
}

export function siasnRow(profile, e) {
  const kind = e.activity ? SIASN_FORMS[e.form] || "Lainnya" : e.competency ? "Kursus " + e.competency : "Kursus";
  // JP as recorded (an activity's may have decimals): rounding each row up would make SIASN's total larger
  // than the record the supervisor signed.
  return [profile.nip || "", profile.nama || "", e.title, e.organizer || "", roundJp(e.jp),
          dmy(e.start || e.end), dmy(e.end), +e.end.slice(0, 4), e.certificate_number || "", kind];
}

// ---------------------------------------------------------------------------------------------
// The plan page's files

// A spreadsheet must read no cell as a formula, even one that splits lines on "," or ";" and
// ignores quotes: a formula start (= + - @ tab CR) gets a "'" at the start of the text and after
// every separator or line break inside it (spaces and quotes before it included). RFC 4180: every
// text cell quoted, quotes doubled; numbers stay numbers.
export function csvCell(value) {
  if (typeof value === "number" && isFinite(value)) return String(value);
  let s = value === null || value === undefined ? "" : String(value);
  s = s.replace(/(^|[,;\n\r\t])([ "]*)(?=[=+\-@\t\r])/g, "$1$2'");
  return '"' + s.replace(/"/g, '""') + '"';
}

export function csv(rows) {
  return rows.map(function (row) { return row.map(csvCell).join(";"); }).join("\r\n") + "\r\n";
}

export function toHrCsv(state, year, data) {
  const p = state.profile || {};
  return csv([hrHeaders(data)].concat(ofYear(ordered(state), year).map(function (e) {
    return hrRow(p, e, year, data);
  })));
}

export function siasnRows(state, year) {
  const p = state.profile || {};
  return finished(ordered(state), year).map(function (e) { return siasnRow(p, e); });
}

export function toSiasnCsv(state, year) { return csv([SIASN_HEADERS].concat(siasnRows(state, year))); }

export function dateCell(date) { return date ? { date: date } : ""; }
export function heading(labels) { return labels.map(function (label) { return { text: label, bold: true }; }); }

// The reader's record as a workbook (xlsx.mjs cells): identity, the year's records, totals; and the
// SIASN rows on a second sheet. Identifiers are strings, so they stay text cells.
export function recordSheets(state, year, data, totals) {
  const p = state.profile || {};
  const rows = [[{ text: "Rencana dan Capaian Pengembangan Kompetensi Tahun " + year, bold: true }], []];
  [["Nama", p.nama], ["NIP", p.nip], ["Jabatan", p.jabatan], ["Unit kerja", p.unit_kerja],
    ["Instansi", p.instansi], ["Atasan langsung", p.atasan_nama], ["NIP atasan langsung", p.atasan_nip]]
    .forEach(function (pair) { rows.push([{ text: pair[0], bold: true }, pair[1] || ""]); });
  rows.push([]);
  rows.push(heading(["No.", "Nama kursus/kegiatan", "Bentuk", "Penyelenggara", "Tanggal mulai", "Tanggal selesai",
                    "JP", "Status", "Nomor sertifikat", "Keterangan"]));
  ofYear(ordered(state), year).forEach(function (e, i) {
    rows.push([i + 1, e.title, formLabel(e), e.organizer || "", dateCell(e.start), dateCell(e.end), e.jp,
              STATUS_LABELS[e.status] || e.status, e.certificate_number || "", note(e, data)]);
  });
  rows.push([]);
  rows.push([{ text: "Jumlah JP direncanakan", bold: true }, "", "", "", "", "", totals.planned]);
  rows.push([{ text: "Jumlah JP selesai", bold: true }, "", "", "", "", "", totals.done]);
  rows.push([{ text: "Target JP setahun", bold: true }, "", "", "", "", "", data.target]);
  return [{ name: "Rekap " + year, widths: [22, 44, 18, 28, 14, 14, 8, 16, 22, 24], rows: rows },
          { name: "SIASN " + year, widths: [22, 28, 44, 28, 10, 14, 14, 10, 22, 20],
            rows: [heading(SIASN_HEADERS)].concat(siasnRows(state, year)) }];
}

// "siasn-riwayat-kursus-198503122010012005-2026.csv"; without a NIP the name as a slug; without both,
// base and year only.
export function fileName(base, profile, year, extension) {
  const p = profile || {};
  let who = validNip(p.nip) ? p.nip : String(p.nama || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
  return base + (who ? "-" + who : "") + "-" + year + "." + extension;
}

export function toJson(state, target, data) {
  const courses = ordered(state).filter(function (e) { return !e.activity; }).map(function (e) {
    const out = { slug: e.slug, title: e.title, form: CLASSROOM[e.mode] || "", organizer: e.organizer, mode: e.mode,
                  competency: e.competency || "", start: e.start, end: e.end, jp: e.jp, certificate: e.certificate,
                  certificate_number: e.certificate_number || "", status: e.status };
    if (note(e, data) === GONE) out.in_catalog = false;
    return out;
  });
  const activities = ordered(state).filter(function (e) { return e.activity; }).map(function (e) {
    return { id: e.id, title: e.title, form: e.form, organizer: e.organizer, start: e.start, end: e.end, jp: e.jp,
            hours: e.hours, certificate_number: e.certificate_number, status: e.status, added: e.added };
  });
  return { format: FORMAT, version: VERSION, exported: today(), target_jp: target, profile: state.profile || {},
          courses: courses, activities: activities, modules: state.modules };
}

// ---------------------------------------------------------------------------------------------
// Reading a JSON backup (the plan page's import, HR's recap)

function importedCourse(c, data) {
  const badDate = function (d) { return d !== undefined && d !== "" && d !== null && !validDate(d); };
  const title = isObject(c) ? cleanText(c.title, MAX_TITLE + 1).trim() : "";
  if (!isObject(c) || !validSlug(c.slug) || !title || title.length > MAX_TITLE ||
      !validJp(c.jp) || statusRank(c.status) < 0 || badDate(c.start) || badDate(c.end)) return null;
  return {
    slug: follow(c.slug, data.redirects), title: title, jp: c.jp, competency: cleanText(c.competency),
    mode: has(MODES, c.mode) ? c.mode : "", mode_label: has(MODES, c.mode) ? MODES[c.mode] : "",
    organizer: typeof c.organizer === "string" ? cleanText(c.organizer) : null,
    certificate: c.certificate === true || c.certificate === false ? c.certificate : null,
    status: c.status, start: validDate(c.start) ? c.start : "", end: validDate(c.end) ? c.end : "",
    certificate_number: cleanText(c.certificate_number, 100), in_catalog: c.in_catalog === false ? false : undefined,
    added: new Date().toISOString()
  };
}

function refusal(raw) {
  const refuse = "Berkas tidak diimpor: ";
  if (!isObject(raw) || raw.format !== FORMAT) {
    return refuse + "ini bukan berkas rencana belajar asn-portal (format tidak dikenali).";
  }
  if (raw.version !== 1 && raw.version !== 2 && raw.version !== VERSION) {
    return refuse + "versi berkas (" + String(raw.version).slice(0, 20) + ") tidak dikenali; " +
      "versi yang didukung: 1 sampai " + VERSION + ".";
  }
  if (!Array.isArray(raw.courses)) return refuse + "daftar kursus (courses) tidak ditemukan.";
  const activities = Array.isArray(raw.activities) ? raw.activities.length : 0;
  if (raw.courses.length > 5000) return refuse + "berisi terlalu banyak kursus.";
  if (activities > MAX_ACTIVITIES) {
    return refuse + "berisi " + activities + " kegiatan; peramban menyimpan paling banyak " + MAX_ACTIVITIES + ".";
  }
  return "";
}

// {entries, activities, skipped, modules, profile} or {error} (Indonesian).
export function parseImport(content, data) {
  let raw;
  if (content.length > MAX_IMPORT_BYTES) return { error: "Berkas tidak diimpor: ukurannya lebih dari 1 MB." };
  try { raw = JSON.parse(content.replace(/^\uFEFF/, "")); } catch (e) {
    return { error: "Berkas tidak diimpor: isinya bukan JSON yang sah. " +
      "Pilih berkas rencana-belajar-….json yang diunduh dari halaman Rencana Belajar." };
  }
  const refused = refusal(raw);
  if (refused) return { error: refused };
  let entries = [], activities = [], skipped = 0;
  const seen = Object.create(null);  // slugs and ids as keys: "constructor" is a valid slug
  raw.courses.forEach(function (c) {
    const entry = importedCourse(c, data);
    if (!entry || seen[entry.slug]) { skipped += 1; return; }
    seen[entry.slug] = true;
    entries.push(entry);
  });
  (Array.isArray(raw.activities) ? raw.activities : []).forEach(function (a) {
    const activity = isObject(a) && !seen["~" + a.id] ? cleanActivity(a.id, a) : null;
    if (!activity) { skipped += 1; return; }
    seen["~" + a.id] = true;
    activities.push(activity);
  });
  const modules = {};
  if (isObject(raw.modules)) {
    Object.keys(raw.modules).forEach(function (slug) {
      const keys = validSlug(slug) && cleanKeys(raw.modules[slug]);
      if (keys && keys.length) modules[follow(slug, data.redirects)] = keys;
    });
  }
  return { entries: entries, activities: activities, skipped: skipped, modules: modules,
          profile: cleanProfile(raw.profile) };
}
