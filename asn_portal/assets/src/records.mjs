/* asn-portal learning, the plan as a file: the records a reader hands in and the backup they move.
 *  - HR CSV ([data-asn-plan-export="csv"], "rekap-pengembangan-kompetensi-<year>.csv"): the reader's
 *    identity and the courses of the chosen year, one row each, labelled status and dates;
 *  - SIASN CSV ([data-asn-plan-export="siasn"], "siasn-riwayat-kursus-<year>.csv"): the finished
 *    courses of the year with BKN's "riwayat kursus" field names (mapping in docs/rencana-belajar.md);
 *  - JSON ([data-asn-plan-export="json"]; "format": "asn-portal-rencana", version 2 with the profile;
 *    version-1 files still import): the backup a reader moves to another browser. An imported file
 *    is untrusted, so a wrong shape is refused as a whole and bad entries are skipped.
 * Both CSVs: UTF-8 with BOM, ";" separated, header first, every text cell quoted and formula starts
 * neutralised (csvCell). Its own file because file formats change for other reasons than the plan
 * page's table. The plan page (plan.mjs) binds its controls with bindExport / bindImport; the rest
 * is pure (tests/js/records.test.mjs). */

import { MODES } from "./constants.mjs";
import {
  MAX_TITLE, STATUS_LABELS, all, cleanKeys, cleanProfile, each, has, isObject, load, modeLabel, refreshFromCatalog,
  statusRank, text, thisYear, today, validDate, validJp, validSlug
} from "./core.mjs";
import { countsIn, follow, mergeEntry, mergeModules, needsEndDate, ordered } from "./plandata.mjs";

const FORMS = { luring: "klasikal", daring: "nonklasikal", mandiri: "nonklasikal",
              campuran: "klasikal dan nonklasikal" };
const MAX_IMPORT_BYTES = 1024 * 1024;
const FORMAT = "asn-portal-rencana";
const VERSION = 2;
const HR_HEADERS = ["Nama", "NIP", "Jabatan", "Unit Kerja", "Instansi", "Tahun", "Nama Kursus", "Penyelenggara",
                  "Bentuk Pengembangan", "Mode", "Kompetensi", "Tanggal Mulai", "Tanggal Selesai", "JP", "Status",
                  "Kursus bersertifikat", "Nomor Sertifikat"];
const SIASN_HEADERS = ["namaKursus", "institusiPenyelenggara", "jumlahJam", "tanggalKursus", "tanggalSelesaiKursus",
                      "tahunKursus", "nomorSertipikat", "jenisKursus"];

function exportCourses(state) {
  return ordered(state).map(function (e) {
    return { slug: e.slug, title: e.title, form: FORMS[e.mode] || "", organizer: e.organizer, mode: e.mode,
              start: e.start, end: e.end, jp: e.jp, certificate: e.certificate,
              certificate_number: e.certificate_number || "", status: e.status };
  });
}

export function toJson(state, target) {
  return { format: FORMAT, version: VERSION, exported: today(), target_jp: target, profile: state.profile || {},
            courses: exportCourses(state), modules: state.modules };
}

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

function dmy(date) { return date ? date.slice(8, 10) + "-" + date.slice(5, 7) + "-" + date.slice(0, 4) : ""; }

// The courses of ``year`` a record lists: those that count for it (learning-plandata.countsIn).
function ofYear(state, year) { return ordered(state).filter(function (e) { return countsIn(e, year); }); }

// HR: who, which year, and each course; the course's address on the published site when known.
export function toHrCsv(state, year, data) {
  const p = state.profile || {};
  const headers = data && data.site ? HR_HEADERS.concat(["Alamat Kursus"]) : HR_HEADERS;
  let rows = [headers];
  ofYear(state, year).forEach(function (e) {
    const row = [p.nama || "", p.nip || "", p.jabatan || "", p.unit_kerja || "", p.instansi || "", year, e.title,
                e.organizer || "", FORMS[e.mode] || "", modeLabel(e), e.competency || "", dmy(e.start), dmy(e.end),
                e.jp, STATUS_LABELS[e.status] || e.status,
                e.certificate === true ? "Ya" : e.certificate === false ? "Tidak" : "", e.certificate_number || ""];
    if (data && data.site) row.push(data.pages[e.slug] ? new URL(data.pages[e.slug], data.site).href : "");
    rows.push(row);
  });
  return csv(rows);
}

// SIASN "riwayat kursus": finished courses of the year with an end date, one row each.
export function siasnRows(state, year) {
  return ofYear(state, year).filter(function (e) { return e.status === "selesai" && e.end; }).map(function (e) {
    return [e.title, e.organizer || "", Math.round(e.jp), dmy(e.start || e.end), dmy(e.end), +e.end.slice(0, 4),
            e.certificate_number || "", e.competency ? "Kursus " + e.competency : "Kursus"];
  });
}

export function toSiasnCsv(state, year) { return csv([SIASN_HEADERS].concat(siasnRows(state, year))); }

function download(name, content, type) {
  const a = document.createElement("a");
  a.download = name;
  a.style.display = "none";
  let objectUrl = null;
  try {
    objectUrl = URL.createObjectURL(new Blob([content], { type: type }));
    a.href = objectUrl;
  } catch (e) {
    a.href = "data:" + type + "," + encodeURIComponent(content);  // no Blob URLs here
  }
  a.addEventListener("click", function (event) { event.stopPropagation(); });  // not for instant navigation
  document.body.appendChild(a);
  a.click();
  window.setTimeout(function () {
    a.parentNode.removeChild(a);
    if (objectUrl) URL.revokeObjectURL(objectUrl);
  }, 1000);
}

// An imported file is untrusted: refuse a wrong shape as a whole, skip single bad entries.
export function parseImport(content, data) {
  const refuse = "Berkas tidak diimpor: ";
  let raw;
  if (content.length > MAX_IMPORT_BYTES) return { error: refuse + "ukurannya lebih dari 1 MB." };
  try { raw = JSON.parse(content.replace(/^\uFEFF/, "")); } catch (e) {
    return { error: refuse + "isinya bukan JSON yang sah. " +
      "Pilih berkas rencana-belajar-….json yang diunduh dari halaman ini." };
  }
  if (!isObject(raw) || raw.format !== FORMAT) {
    return { error: refuse + "ini bukan berkas rencana belajar asn-portal (format tidak dikenali)." };
  }
  if (raw.version !== 1 && raw.version !== VERSION) {
    return { error: refuse + "versi berkas (" + String(raw.version).slice(0, 20) + ") tidak dikenali; " +
      "versi yang didukung: 1 dan 2." };
  }
  if (!Array.isArray(raw.courses)) return { error: refuse + "daftar kursus (courses) tidak ditemukan." };
  if (raw.courses.length > 5000) return { error: refuse + "berisi terlalu banyak kursus." };
  let entries = [], skipped = 0, seen = {};
  raw.courses.forEach(function (c) {
    if (!isObject(c) || !validSlug(c.slug) || typeof c.title !== "string" || !c.title || c.title.length > MAX_TITLE ||
        !validJp(c.jp) || statusRank(c.status) < 0 ||
        (c.start !== undefined && c.start !== "" && c.start !== null && !validDate(c.start)) ||
        (c.end !== undefined && c.end !== "" && c.end !== null && !validDate(c.end))) {
      skipped += 1;
      return;
    }
    const slug = follow(c.slug, data.redirects);
    if (seen[slug]) { skipped += 1; return; }
    seen[slug] = true;
    entries.push({
      slug: slug, title: c.title, jp: c.jp, competency: "", mode: has(MODES, c.mode) ? c.mode : "",
      mode_label: has(MODES, c.mode) ? MODES[c.mode] : "",
      organizer: typeof c.organizer === "string" ? text(c.organizer) : null,
      certificate: c.certificate === true || c.certificate === false ? c.certificate : null,
      status: c.status, start: validDate(c.start) ? c.start : "", end: validDate(c.end) ? c.end : "",
      certificate_number: text(c.certificate_number, 100), added: new Date().toISOString()
    });
  });
  const modules = {};
  if (isObject(raw.modules)) {
    Object.keys(raw.modules).forEach(function (slug) {
      const keys = validSlug(slug) && cleanKeys(raw.modules[slug]);
      if (keys && keys.length) modules[follow(slug, data.redirects)] = keys;
    });
  }
  return { entries: entries, skipped: skipped, modules: modules, profile: cleanProfile(raw.profile) };
}

// The plan page's export buttons ([data-asn-plan-export="csv"|"siasn"|"json"]); year() is the year
// the reader is looking at; say(msg, problem) reports.
export function bindExport(root, data, say, year) {
  each(all("[data-asn-plan-export]", root), function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();  // Material's instant navigation must not take the click
      const kind = button.getAttribute("data-asn-plan-export");
      let state = load(), y = year(), name;
      if (kind === "csv") {
        name = "rekap-pengembangan-kompetensi-" + y + ".csv";
        download(name, "\uFEFF" + toHrCsv(state, y, data), "text/csv;charset=utf-8");
      } else if (kind === "siasn") {
        let rows = siasnRows(state, y).length;
        const undated = ordered(state).filter(needsEndDate).length;
        name = "siasn-riwayat-kursus-" + y + ".csv";
        download(name, "\uFEFF" + toSiasnCsv(state, y), "text/csv;charset=utf-8");
        say("Berkas " + name + " dibuat: " + rows + " kursus selesai tahun " + y + "." + (undated ? " " + undated +
            " kursus selesai belum diberi tanggal selesai, jadi belum masuk." : ""));
        return;
      } else {
        name = "rencana-belajar-" + thisYear() + ".json";
        download(name, JSON.stringify(toJson(state, data.target), null, 2) + "\n", "application/json");
      }
      say("Berkas " + name + " dibuat. Periksa folder unduhan.");
    });
  });
}

// The plan page's file input (input[data-asn-plan-import]); update(fn, rebuild) saves and repaints.
export function bindImport(importInput, data, say, update) {
  if (!importInput) return;
  importInput.addEventListener("change", function () {
    const file = importInput.files && importInput.files[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      say("Berkas tidak diimpor: ukurannya lebih dari 1 MB, jadi bukan berkas rencana belajar.", true);
      importInput.value = "";
      return;
    }
    const reader = new FileReader();
    reader.onerror = function () { say("Berkas tidak dapat dibaca.", true); importInput.value = ""; };
    reader.onload = function () {
      importInput.value = "";
      const result = parseImport(String(reader.result || ""), data);
      if (result.error) { say(result.error, true); return; }
      update(function (state) {
        result.entries.forEach(function (entry) {
          const course = data.courses[entry.slug];
          if (course) refreshFromCatalog(entry, course);
          mergeEntry(state, entry);
        });
        Object.keys(result.modules).forEach(function (slug) { mergeModules(state, slug, result.modules[slug]); });
        // The identity moves with the plan; what this browser already holds is kept.
        Object.keys(result.profile).forEach(function (field) {
          if (!state.profile[field]) state.profile[field] = result.profile[field];
        });
      }, true);
      let msg = result.entries.length + " kursus diimpor dari " + file.name + ".";
      if (result.skipped) msg += " " + result.skipped + " entri dilewati karena tidak valid.";
      say(msg, false);
    };
    reader.readAsText(file, "utf-8");
  });
}
