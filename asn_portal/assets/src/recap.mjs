/* asn-portal HR recap, the gathered records (pure: no DOM, tests/js/recap.test.mjs). HR drops many
 * participants' files on the rekap/ page (recappage.mjs); each is read by recapfiles.mjs and merged here:
 *  - the same file given twice (same content, whatever its name) counts once, and is said to;
 *  - the same person (same NIP digits; without a NIP, the same name) in several files is one person,
 *    with each course once (by slug; a CSV row, which has none, by title and end date) and each activity
 *    once (by id); a later status and missing dates or certificate numbers are taken from the others;
 *  - a broken or foreign file is named with why, the others still load.
 * Then, for the chosen year: each person's finished JP (records.finished) against the target, and the
 * files HR takes away: an XLSX (xlsx.mjs cells: identifiers as text, dates as dates, JP as numbers) and
 * the SIASN CSV for everyone (records.siasnRow). A course the catalog no longer has keeps its place with
 * records.note's mark. Everything stays in memory: nothing is stored or sent. */

import { formLabel, formatJp, isObject, laterStatus, norm, roundJp, thisYear, validJp, validNip, validSlug }
  from "./core.mjs";
import { SIASN_HEADERS, csv, finished, note, siasnRow } from "./records.mjs";
import { readRecord } from "./recapfiles.mjs";

const FILL = ["start", "end", "certificate_number", "organizer", "competency", "mode", "mode_label"];
const DETAIL = ["Nama", "NIP", "Jabatan", "Unit kerja", "Instansi", "Nama kursus/kegiatan", "Bentuk", "Penyelenggara",
                "Tanggal mulai", "Tanggal selesai", "JP", "Nomor sertifikat", "Keterangan"];
const SUMMARY = ["Nama", "NIP", "Instansi", "JP selesai", "Target", "Keterangan"];

// The page's data-asn-recap-data: {target, redirects} (renamed course slugs, as the plan follows them).
export function recapData(source) {
  const data = { target: 20, redirects: {} };
  let raw = null;
  try { raw = JSON.parse(source || "null"); } catch (e) { raw = null; }
  if (!isObject(raw)) return data;
  if (validJp(raw.target)) data.target = raw.target;
  if (isObject(raw.redirects)) {
    Object.keys(raw.redirects).forEach(function (old) {
      if (validSlug(old) && validSlug(raw.redirects[old])) data.redirects[old] = raw.redirects[old];
    });
  }
  return data;
}

export function newRecap() { return { people: [], seen: {} }; }

// One file into the recap: {name, people, skipped, warnings} when read, {name, same: first file's name}
// when that content was already given, {name, error} when refused.
export function addFile(recap, name, content, data) {
  const body = String(content || "").replace(/^\uFEFF/, "");
  const key = "~" + body;  // never a name Object.prototype has
  if (body.trim() && recap.seen[key] !== undefined) return { name: name, same: recap.seen[key] };
  const read = readRecord(name, body, data);
  if (read.error) return { name: name, error: read.error };
  recap.seen[key] = name;
  let anonymous = false;
  read.people.forEach(function (incoming) {
    const person = personFor(recap, incoming.profile);
    if (!incoming.profile.nama && !incoming.profile.nip) anonymous = true;
    Object.keys(incoming.profile).forEach(function (f) {
      if (!person.profile[f]) person.profile[f] = incoming.profile[f];
    });
    if (person.files.indexOf(name) < 0) person.files.push(name);
    incoming.items.forEach(function (item) { addItem(person, item); });
  });
  return { name: name, people: read.people.length, skipped: read.skipped, warnings: read.warnings,
            anonymous: anonymous };
}

// The person a profile belongs to: same NIP, else (one of the two without a NIP) same name; else new.
// Without a name or a NIP a file is a person of its own.
function personFor(recap, profile) {
  const nip = validNip(profile.nip) ? profile.nip : "";
  const name = norm(profile.nama);
  let found = null;
  if (nip || name) {
    recap.people.some(function (p) {
      const other = validNip(p.profile.nip) ? p.profile.nip : "";
      const same = nip && other ? nip === other : !!name && norm(p.profile.nama) === name;
      if (same) found = p;
      return same;
    });
  }
  if (!found) {
    found = { profile: {}, items: [], files: [] };
    recap.people.push(found);
  }
  return found;
}

function identity(e) { return e.activity ? (e.id ? "k:" + e.id : "") : e.slug ? "c:" + e.slug : ""; }

function sameRecord(a, b) {
  const x = identity(a), y = identity(b);
  if (x && y) return x === y;
  return norm(a.title) === norm(b.title) && a.end === b.end;
}

function addItem(person, item) {
  let old = null;
  person.items.some(function (e) { old = sameRecord(e, item) ? e : null; return !!old; });
  if (!old) { person.items.push(item); return; }
  old.status = laterStatus(old.status, item.status);
  FILL.forEach(function (k) { if (!old[k] && item[k]) old[k] = item[k]; });
  if (!old.activity && !old.slug && item.slug) old.slug = item.slug;
  if (old.activity && !old.id && item.id) old.id = item.id;
  if (item.in_catalog === false) old.in_catalog = false;
}

// ---------------------------------------------------------------------------------------------
// The chosen year

// Years HR may pick: this year, the one before, and every year a finished record ended in.
export function recapYears(recap) {
  const found = {}, now = thisYear();
  found[now] = true;
  found[now - 1] = true;
  recap.people.forEach(function (p) {
    p.items.forEach(function (e) { if (e.status === "selesai" && e.end) found[+e.end.slice(0, 4)] = true; });
  });
  return Object.keys(found).map(Number).sort(function (a, b) { return b - a; });
}

function byDate(a, b) {
  return a.end < b.end ? -1 : a.end > b.end ? 1 : a.title.localeCompare(b.title, "id");
}

// One row per person, by name (people without one last): {person, items (finished that year), done,
// target, reached, remark}.
export function peopleOfYear(recap, year, target) {
  const people = recap.people.slice().sort(function (a, b) {
    const x = norm(a.profile.nama), y = norm(b.profile.nama);
    if (!x !== !y) return x ? -1 : 1;
    return x.localeCompare(y, "id") || String(a.profile.nip || "").localeCompare(String(b.profile.nip || ""));
  });
  return people.map(function (p) {
    const items = finished(p.items, year).sort(byDate);
    const done = roundJp(items.reduce(function (sum, e) { return sum + e.jp; }, 0));
    const short = roundJp(Math.max(0, target - done));
    return { person: p, items: items, done: done, target: target, reached: done >= target,
              remark: done >= target ? "Tercapai" : "Kurang " + formatJp(short) + " JP" };
  });
}

function dateCell(date) { return date ? { date: date } : ""; }
function heading(labels) { return labels.map(function (label) { return { text: label, bold: true }; }); }

// The workbook's sheets (xlsx.mjs): "Rekap <year>", one row per person per finished record;
// "Ringkasan <year>", one row per person. The NIP and certificate numbers are strings: text cells.
export function recapSheets(recap, year, target) {
  const rows = peopleOfYear(recap, year, target);
  const detail = [heading(DETAIL)];
  rows.forEach(function (r) {
    const p = r.person.profile;
    r.items.forEach(function (e) {
      detail.push([p.nama || "", p.nip || "", p.jabatan || "", p.unit_kerja || "", p.instansi || "", e.title,
                    formLabel(e), e.organizer || "", dateCell(e.start), dateCell(e.end), e.jp,
                    e.certificate_number || "", note(e)]);
    });
  });
  const summary = [heading(SUMMARY)].concat(rows.map(function (r) {
    const p = r.person.profile;
    return [p.nama || "", p.nip || "", p.instansi || "", r.done, r.target, r.remark];
  }));
  return [{ name: "Rekap " + year, widths: [28, 22, 24, 28, 28, 44, 18, 28, 14, 14, 8, 22, 22], rows: detail },
          { name: "Ringkasan " + year, widths: [28, 22, 28, 12, 10, 18], rows: summary }];
}

// Everyone's finished records of the year in the SIASN layout, UTF-8 with a BOM like the plan page's.
export function recapSiasn(recap, year, target) {
  const rows = [SIASN_HEADERS];
  peopleOfYear(recap, year, target).forEach(function (r) {
    r.items.forEach(function (e) { rows.push(siasnRow(r.person.profile, e)); });
  });
  return "\uFEFF" + csv(rows);
}

export function recapFileName(kind, year) {
  return kind === "xlsx" ? "rekap-kepegawaian-" + year + ".xlsx" : "siasn-riwayat-kursus-rekap-" + year + ".csv";
}

// What the page says after a batch of files: {summary, problems, notes}, Indonesian.
export function describe(results) {
  const read = results.filter(function (r) { return !r.error && !r.same; });
  const same = results.filter(function (r) { return r.same; });
  const refused = results.filter(function (r) { return r.error; });
  let summary = read.length + " berkas dibaca";
  if (same.length) summary += ", " + same.length + " berkas kembar dihitung sekali";
  if (refused.length) summary += ", " + refused.length + " berkas tidak dapat dibaca";
  const notes = [];
  same.forEach(function (r) {
    notes.push(r.name + ": isinya sama persis dengan " + r.same + ", jadi dihitung sekali.");
  });
  read.forEach(function (r) {
    if (r.skipped) notes.push(r.name + ": " + r.skipped + " baris atau entri dilewati karena tidak valid.");
    if (r.anonymous) notes.push(r.name + ": tanpa nama dan NIP, jadi ditampilkan sebagai orang tersendiri.");
    r.warnings.forEach(function (w) { notes.push(r.name + ": " + w); });
  });
  return { summary: summary + ".", problems: refused.map(function (r) { return r.name + ": " + r.error; }),
            notes: notes };
}
