/* asn-portal HR recap, the gathered records (pure: no DOM, tests/js/recap.test.mjs). HR drops many
 * participants' files on the rekap/ page (recappage.mjs); each is read by recapfiles.mjs and merged here:
 *  - the same file given twice (same content, whatever its name) counts once, and is said to;
 *  - the same person (same NIP digits) in several files is one person; a file without a NIP joins the
 *    person of the same name only when exactly one person has that name (else it is a row of its own,
 *    and is said to); a NIP a spreadsheet broke is never used to join people;
 *  - each course is once (by slug; a CSV row, which has none, by title and end date), each activity once
 *    (by id): the record is taken whole from the newer file (a JSON backup's export date; else the later
 *    status; else the file given later), its empty fields filled from the other;
 *  - a broken or foreign file is named with why, the others still load.
 * People are found through maps (NIP, name) and each person's records through maps (identity, title and
 * end), each key computed once: a 10,000-row CSV merges at once instead of freezing the page.
 * Then, for the chosen year: each person's finished JP (records.finished) against the target, and the
 * files HR takes away: an XLSX (xlsx.mjs cells: identifiers as text, dates as dates, JP as numbers) and
 * the SIASN CSV for everyone (records.siasnRow). A course the catalog no longer has keeps its place with
 * records.note's mark. Everything stays in memory: nothing is stored or sent. */

import { formLabel, formatJp, isObject, norm, roundJp, statusRank, thisYear, validJp, validNip, validSlug }
  from "./core.mjs";
import { SIASN_HEADERS, csv, dateCell, finished, heading, note, siasnRow } from "./records.mjs";
import { readRecord } from "./recapfiles.mjs";

const DETAIL = ["Nama", "NIP", "Jabatan", "Unit kerja", "Instansi", "Nama kursus/kegiatan", "Bentuk", "Penyelenggara",
                "Tanggal mulai", "Tanggal selesai", "JP", "Nomor sertifikat", "Keterangan"];
const SUMMARY = ["Nama", "NIP", "Instansi", "JP selesai", "Target", "Keterangan"];
export const BROKEN_NIP = "NIP rusak di berkas sumber: minta berkas JSON dari peserta";

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

export function newRecap() { return { people: [], seen: {}, byNip: new Map(), byName: new Map() }; }

// One file into the recap: {name, people, skipped, warnings, anonymous, apart: names kept apart} when
// read, {name, same: first file's name} when that content was already given, {name, error} when refused.
export function addFile(recap, name, content, data) {
  const body = String(content || "").replace(/^\uFEFF/, "");
  const key = "~" + body;  // never a name Object.prototype has
  if (body.trim() && recap.seen[key] !== undefined) return { name: name, same: recap.seen[key] };
  const read = readRecord(name, body, data);
  if (read.error) return { name: name, error: read.error };
  recap.seen[key] = name;
  let anonymous = false;
  const apart = [];
  read.people.forEach(function (incoming) {
    const found = personFor(recap, incoming.profile);
    const person = found.person;
    if (found.apart) apart.push(incoming.profile.nama.trim());
    if (!incoming.profile.nama && !incoming.profile.nip) anonymous = true;
    Object.keys(incoming.profile).forEach(function (f) {
      if (!person.profile[f]) person.profile[f] = incoming.profile[f];
    });
    if (incoming.brokenNip) person.brokenNip = true;
    remember(recap, person);
    if (person.files.indexOf(name) < 0) person.files.push(name);
    incoming.items.forEach(function (item) { addItem(person, item, read.exported || ""); });
  });
  return { name: name, people: read.people.length, skipped: read.skipped, warnings: read.warnings,
            anonymous: anonymous, apart: apart };
}

// The person a profile belongs to: the one with its NIP; else the only person with its name (one
// holding another NIP never takes a file with a NIP); else a new one. apart: a file without a NIP
// whose name several people have, kept as its own row. Without a name or a NIP a file is its own person.
function personFor(recap, profile) {
  const nip = validNip(profile.nip) ? profile.nip : "";
  const name = norm(profile.nama);
  const named = name ? recap.byName.get(name) || [] : [];
  let person = nip ? recap.byNip.get(nip) : null;
  if (!person && named.length === 1 && !(nip && validNip(named[0].profile.nip))) person = named[0];
  const apart = !person && !nip && named.length > 1;
  if (!person) {
    person = { profile: {}, items: [], files: [], brokenNip: false, nameKey: "",
              ids: new Map(), titles: new Map() };
    recap.people.push(person);
  }
  return { person: person, apart: apart };
}

// The person's NIP and name into the recap's maps, once each (a profile only ever gains fields).
function remember(recap, person) {
  const nip = person.profile.nip;
  if (validNip(nip) && !recap.byNip.has(nip)) recap.byNip.set(nip, person);
  const name = norm(person.profile.nama);
  if (name && !person.nameKey) {
    person.nameKey = name;
    if (!recap.byName.has(name)) recap.byName.set(name, []);
    recap.byName.get(name).push(person);
  }
}

function identity(e) { return e.activity ? (e.id ? "k:" + e.id : "") : e.slug ? "c:" + e.slug : ""; }
function titleKey(e) { return norm(e.title) + "\n" + (e.end || ""); }
function empty(value) { return value === "" || value === null || value === undefined; }

// Does the incoming record (from a file exported on ``stamp``) replace the one held?
function newer(held, item, stamp) {
  if (held.stamp && stamp && held.stamp !== stamp) return stamp > held.stamp;
  const a = statusRank(held.item.status), b = statusRank(item.status);
  return a === b || b > a;  // same status: the file given later
}

// Two records are the same by identity (slug, activity id) when both have one, else by title and end.
function addItem(person, item, stamp) {
  const id = identity(item);
  let title = titleKey(item);
  let held = id ? person.ids.get(id) : null;
  if (!held) {
    const t = person.titles.get(title);
    if (t && (!id || !identity(t.item))) held = t;
  }
  if (!held) {
    held = { item: item, stamp: stamp, at: person.items.length };
    person.items.push(item);
  } else {
    const win = newer(held, item, stamp);
    const keep = win ? item : held.item, other = win ? held.item : item;
    Object.keys(other).forEach(function (k) {
      if (k === "activity" || k === (keep.activity ? "slug" : "id")) return;
      if (empty(keep[k]) && !empty(other[k])) keep[k] = other[k];
    });
    held.item = keep;
    held.stamp = win ? stamp : held.stamp;
    person.items[held.at] = keep;
    title = titleKey(keep);  // the winner's title and end, or an end just filled in
  }
  const key = identity(held.item);
  if (key && !person.ids.has(key)) person.ids.set(key, held);
  if (!person.titles.has(title)) person.titles.set(title, held);
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

let collator = null;
function compare(a, b) {
  if (!collator) collator = new Intl.Collator("id");  // one collator: localeCompare builds one per call
  return collator.compare(a, b);
}

function byDate(a, b) { return a.end < b.end ? -1 : a.end > b.end ? 1 : compare(a.title, b.title); }

// Why a person's NIP cells are empty: a spreadsheet broke it and no other file gave it.
function nipNote(person) { return person.brokenNip && !validNip(person.profile.nip) ? BROKEN_NIP : ""; }
function joined(a, b) { return a && b ? a + "; " + b : a || b; }

// One row per person, by name (people without one last): {person, items (finished that year), done,
// target, reached, remark, nipNote}.
export function peopleOfYear(recap, year, target) {
  const people = recap.people.map(function (p) { return { p: p, name: norm(p.profile.nama) }; })
    .sort(function (a, b) {
      if (!a.name !== !b.name) return a.name ? -1 : 1;
      return compare(a.name, b.name) || String(a.p.profile.nip || "").localeCompare(String(b.p.profile.nip || ""));
    });
  return people.map(function (x) {
    const p = x.p;
    const items = finished(p.items, year).sort(byDate);
    const done = roundJp(items.reduce(function (sum, e) { return sum + e.jp; }, 0));
    const short = roundJp(Math.max(0, target - done));
    return { person: p, items: items, done: done, target: target, reached: done >= target,
              remark: done >= target ? "Tercapai" : "Kurang " + formatJp(short) + " JP", nipNote: nipNote(p) };
  });
}

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
                    e.certificate_number || "", joined(note(e), r.nipNote)]);
    });
  });
  const summary = [heading(SUMMARY)].concat(rows.map(function (r) {
    const p = r.person.profile;
    return [p.nama || "", p.nip || "", p.instansi || "", r.done, r.target, joined(r.remark, r.nipNote)];
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
    (r.apart || []).forEach(function (who) {
      notes.push(r.name + ": " + who + " tanpa NIP dan namanya sama dengan lebih dari satu peserta; dicatat terpisah.");
    });
    r.warnings.forEach(function (w) { notes.push(r.name + ": " + w); });
  });
  return { summary: summary + ".", problems: refused.map(function (r) { return r.name + ": " + r.error; }),
            notes: notes };
}
