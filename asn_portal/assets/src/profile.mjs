/* asn-portal learning, the record a reader hands to HR: their identity (form[data-asn-profile] on the
 * plan page, saved in the plan as it changes, exported and imported with it) and the printed record
 * ([data-asn-record]: "Rencana dan Capaian Pengembangan Kompetensi Tahun N", identity, the year's
 * courses and activities outside the catalog with planned and completed JP against the target, the
 * place and date line, and the signature blocks of "Mengetahui, Atasan Langsung" and the reader).
 * The record is what the plan page prints (print media): nothing to click first; plan.css lays it
 * out on paper (page numbers, totals once after the last row). Filled with textContent only: every
 * value may come from an imported file. plan.mjs calls it. */

import {
  NIP_FIELDS, PROFILE_FIELDS, STATUS_LABELS, all, dateId, dmy, el, formLabel, formatJp, formatNip, load, nipDigits,
  save, validNip
} from "./core.mjs";
import { countsIn, ordered, totals } from "./plandata.mjs";

const IDENTITY = [["nama", "Nama"], ["nip", "NIP"], ["jabatan", "Jabatan"], ["unit_kerja", "Unit kerja"],
                ["instansi", "Instansi"]];
const BLANK = "…………………………";  // a line to write on by hand
const COLUMNS = 8;  // of the record's table, for the "nothing this year" row

function inputs(root) {
  return all("form[data-asn-profile] [name]", root).filter(function (input) {
    return Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, input.name);
  });
}

function isNip(input) { return NIP_FIELDS.indexOf(input.name) >= 0; }

// A NIP is 18 digits, written with or without its spaces (dots and dashes too): said next to the
// field by counting the digits, never refused (what was typed is kept).
function checkNip(input) {
  if (!isNip(input)) return;
  const typed = input.value.trim();
  const wrong = typed !== "" && !validNip(nipDigits(typed));
  input.setAttribute("aria-invalid", wrong ? "true" : "false");
  const note = input.form && input.form.querySelector('[data-asn-profile-error="' + input.name + '"]');
  if (!note) return;
  note.hidden = !wrong;
  const other = /[^0-9\s.\-]/.test(typed) ? " dan tanda lain" : "";
  note.textContent = wrong ?
    "NIP terdiri atas 18 angka; yang tertulis " + typed.replace(/[^0-9]/g, "").length + " angka" + other + "." : "";
}

// What the field shows: a NIP in its usual spaced form, the rest as stored.
function shown(name, value) { return NIP_FIELDS.indexOf(name) >= 0 ? formatNip(value || "") : value || ""; }

export function fillProfile(root, profile) {
  inputs(root).forEach(function (input) {
    input.value = shown(input.name, profile[input.name]);
    checkNip(input);
  });
}

export function setupProfile(root, changed) {
  const form = root.querySelector("form[data-asn-profile]");
  if (!form) return;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  fillProfile(root, load().profile || {});
  inputs(root).forEach(function (input) {
    input.addEventListener("input", function () {
      const state = load();
      // A NIP is kept as its digits, however it was typed or pasted (an ID card prints it spaced).
      const value = isNip(input) ? nipDigits(input.value) : input.value;
      if (value.trim()) state.profile[input.name] = value.slice(0, PROFILE_FIELDS[input.name]);
      else delete state.profile[input.name];
      save(state);
      checkNip(input);
      changed();
    });
    // Leaving the field: a complete NIP is shown spaced, as it will print (not while typing: the
    // caret would jump).
    if (isNip(input)) {
      input.addEventListener("change", function () {
        if (validNip(nipDigits(input.value))) input.value = formatNip(input.value);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The printed record

function text(node, selector, value) {
  const target = node.querySelector(selector);
  if (target) target.textContent = value;
}

// A cell whose text may break after each "/" ("Seminar/webinar", "SERT/2026/0012"): the narrow
// columns of an A4 page leave the room to the course's name. Text nodes and <wbr>: no HTML parsed.
function breakable(value) {
  const td = el("td");
  String(value).split("/").forEach(function (part, i) {
    if (i) { td.appendChild(document.createTextNode("/")); td.appendChild(el("wbr")); }
    td.appendChild(document.createTextNode(part));
  });
  return td;
}


// Start and end in one column, "02-09-2026 s.d. 12-09-2026" on two lines (two date columns would
// leave an A4 page's organizer column a word wide). Each part is kept whole: Chromium would break
// a date after its hyphens.
function periodCell(entry) {
  const start = entry.start, end = entry.end;
  let parts = ["–"];
  if (start && end) parts = start === end ? [dmy(end)] : [dmy(start), "s.d. " + dmy(end)];
  else if (start) parts = ["mulai " + dmy(start)];
  else if (end) parts = [dmy(end)];
  const td = el("td");
  parts.forEach(function (part, i) {
    if (i) td.appendChild(document.createTextNode(" "));
    td.appendChild(el("span", "asn-record__whole", part));
  });
  return td;
}

function identityRows(tbody, profile) {
  tbody.textContent = "";
  IDENTITY.forEach(function (pair) {
    const tr = el("tr");
    const th = el("th", null, pair[1]);
    th.setAttribute("scope", "row");
    tr.appendChild(th);
    const value = pair[0] === "nip" ? formatNip(profile.nip || "") : profile[pair[0]];
    tr.appendChild(el("td", null, value || BLANK));
    tbody.appendChild(tr);
  });
}

// A course the catalog no longer has (retired) stays in the record, marked; an activity never was
// in it. Without any catalog data (a page without the plan data) nothing can be said.
function goneFromCatalog(entry, data) {
  return !entry.activity && !data.courses[entry.slug] && data.order.length > 0;
}

function entryRow(entry, n, data) {
  const tr = el("tr");
  tr.setAttribute("data-asn-record-entry", "");
  tr.appendChild(el("td", null, String(n)));
  const title = el("th", null, entry.title);
  title.setAttribute("scope", "row");
  if (goneFromCatalog(entry, data)) title.appendChild(el("span", "asn-record__gone", " (tidak ada lagi di katalog)"));
  tr.appendChild(title);
  tr.appendChild(el("td", null, entry.organizer || "–"));
  tr.appendChild(breakable(formLabel(entry) || "–"));
  tr.appendChild(periodCell(entry));
  tr.appendChild(el("td", null, formatJp(entry.jp)));
  tr.appendChild(el("td", null, STATUS_LABELS[entry.status] || entry.status));
  tr.appendChild(breakable(entry.certificate_number || "–"));
  return tr;
}

// The year's rows, before the template's total rows (same tbody: see plan.md.j2).
function entryRows(tbody, state, data, year) {
  all("[data-asn-record-entry]", tbody).forEach(function (tr) { tbody.removeChild(tr); });
  const before = tbody.querySelector(".asn-record__total");
  const add = function (tr) { tbody.insertBefore(tr, before); };
  const entries = ordered(state).filter(function (e) { return countsIn(e, year); });
  entries.forEach(function (e, i) { add(entryRow(e, i + 1, data)); });
  if (!entries.length) {
    const none = el("tr");
    none.setAttribute("data-asn-record-entry", "");
    const td = el("td", null, "Belum ada kursus atau kegiatan untuk tahun " + year + ".");
    td.colSpan = COLUMNS;
    none.appendChild(td);
    add(none);
  }
}

function totalLines(record, state, data, year) {
  const t = totals(state, year);
  text(record, "[data-asn-record-planned]", formatJp(t.planned));
  text(record, "[data-asn-record-done]", formatJp(t.done));
  text(record, "[data-asn-record-target]", formatJp(data.target));
  text(record, "[data-asn-record-reached]", t.done >= data.target ?
    "Target " + formatJp(data.target) + " JP tahun " + year + " tercapai." :
    "Kurang " + formatJp(data.target - t.done) + " JP dari target " + formatJp(data.target) + " JP tahun " + year +
    ".");
}

// The place and date line and the two signature blocks, as Indonesian letters have them; a blank
// line to write on where the profile has nothing.
function signatures(record, profile) {
  text(record, "[data-asn-record-place]", profile.tempat || BLANK);
  text(record, "[data-asn-record-boss-position]", profile.atasan_jabatan || BLANK);
  text(record, "[data-asn-record-boss]", profile.atasan_nama || "(nama atasan langsung)");
  text(record, "[data-asn-record-boss-nip]", "NIP " + (formatNip(profile.atasan_nip || "") || BLANK));
  text(record, "[data-asn-record-name]", profile.nama || "(nama)");
  text(record, "[data-asn-record-nip]", "NIP " + (formatNip(profile.nip || "") || BLANK));
  stampPrintDate();
}

export function renderRecord(root, state, data, year) {
  const record = root.querySelector("[data-asn-record]");
  if (!record) return;
  const profile = state.profile || {};
  all("[data-asn-record-year]", record).forEach(function (node) { node.textContent = String(year); });
  const identity = record.querySelector("[data-asn-record-identity]");
  if (identity) identityRows(identity, profile);
  const rows = record.querySelector("[data-asn-record-rows]");
  if (rows) entryRows(rows, state, data, year);
  totalLines(record, state, data, year);
  signatures(record, profile);
}

// Today's date on the date line, again when the page is printed (print.mjs): a page left open
// overnight prints the day it is printed.
export function stampPrintDate() {
  all("[data-asn-record-date]").forEach(function (node) { node.textContent = dateId(new Date()); });
}
