/* asn-portal learning, the record a reader hands to HR: their identity (form[data-asn-profile] on the
 * plan page, saved in the plan as it changes, exported and imported with it) and the printed record
 * ([data-asn-record]: "Rencana dan Capaian Pengembangan Kompetensi Tahun N", identity, the year's
 * courses with planned and completed JP against the target, and a signature block for the reader and
 * "Mengetahui, Atasan Langsung"). The record is what the plan page prints (print media): nothing to
 * click first. Filled with textContent only: every value may come from an imported file. plan.mjs
 * calls it. */

import { PROFILE_FIELDS, STATUS_LABELS, all, dateId, el, load, modeLabel, save, validNip } from "./core.mjs";
import { countsIn, ordered, totals } from "./plandata.mjs";

const IDENTITY = [["nama", "Nama"], ["nip", "NIP"], ["jabatan", "Jabatan"], ["unit_kerja", "Unit kerja"],
                ["instansi", "Instansi"]];

function inputs(root) {
  return all("form[data-asn-profile] [name]", root).filter(function (input) {
    return Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, input.name);
  });
}

// A NIP is 18 digits: said next to the field, never refused (what was typed is kept).
function checkNip(input) {
  if (input.name !== "nip" && input.name !== "atasan_nip") return;
  let value = input.value.replace(/\s+/g, "");
  const wrong = value !== "" && !validNip(value);
  input.setAttribute("aria-invalid", wrong ? "true" : "false");
  const note = input.form && input.form.querySelector('[data-asn-profile-error="' + input.name + '"]');
  if (note) {
    note.hidden = !wrong;
    note.textContent = wrong ? "NIP terdiri atas 18 angka tanpa spasi; yang tertulis " + value.length + " karakter."
      : "";
  }
}

export function fillProfile(root, profile) {
  inputs(root).forEach(function (input) {
    input.value = profile[input.name] || "";
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
      let value = input.name.indexOf("nip") >= 0 ? input.value.replace(/\s+/g, "") : input.value;
      if (value.trim()) state.profile[input.name] = value.slice(0, PROFILE_FIELDS[input.name]);
      else delete state.profile[input.name];
      save(state);
      checkNip(input);
      changed();
    });
  });
}

function text(node, selector, value) {
  const target = node.querySelector(selector);
  if (target) target.textContent = value;
}

function dmy(date) { return date ? date.slice(8, 10) + "-" + date.slice(5, 7) + "-" + date.slice(0, 4) : "–"; }

export function renderRecord(root, state, data, year) {
  const record = root.querySelector("[data-asn-record]");
  if (!record) return;
  const profile = state.profile || {};
  all("[data-asn-record-year]", record).forEach(function (node) { node.textContent = String(year); });
  const identity = record.querySelector("[data-asn-record-identity]");
  if (identity) {
    identity.textContent = "";
    IDENTITY.forEach(function (pair) {
      let tr = el("tr");
      const th = el("th", null, pair[1]);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      tr.appendChild(el("td", null, profile[pair[0]] || "…………………………"));
      identity.appendChild(tr);
    });
  }
  const rows = record.querySelector("[data-asn-record-rows]");
  const courses = ordered(state).filter(function (e) { return countsIn(e, year); });
  if (rows) {
    rows.textContent = "";
    courses.forEach(function (e, i) {
      let tr = el("tr");
      [String(i + 1), e.title, e.organizer || "–", modeLabel(e) || "–", dmy(e.start), dmy(e.end), String(e.jp),
        STATUS_LABELS[e.status] || e.status].forEach(function (value, n) {
        tr.appendChild(el(n === 1 ? "th" : "td", null, value));
      });
      rows.appendChild(tr);
    });
    if (!courses.length) {
      const none = el("tr");
      const td = el("td", null, "Belum ada kursus untuk tahun " + year + ".");
      td.colSpan = 8;
      none.appendChild(td);
      rows.appendChild(none);
    }
  }
  const t = totals(state, year);
  text(record, "[data-asn-record-planned]", String(t.planned));
  text(record, "[data-asn-record-done]", String(t.done));
  text(record, "[data-asn-record-target]", String(data.target));
  text(record, "[data-asn-record-reached]", t.done >= data.target ?
    "Target " + data.target + " JP tahun " + year + " tercapai." :
    "Kurang " + (data.target - t.done) + " JP dari target " + data.target + " JP tahun " + year + ".");
  text(record, "[data-asn-record-name]", profile.nama || "(nama)");
  text(record, "[data-asn-record-nip]", "NIP " + (profile.nip || "…………………………"));
  text(record, "[data-asn-record-boss]", profile.atasan_nama || "(nama atasan langsung)");
  text(record, "[data-asn-record-boss-nip]", "NIP " + (profile.atasan_nip || "…………………………"));
  stampPrintDate();
}

export function stampPrintDate() {
  all("[data-asn-record-date]").forEach(function (node) { node.textContent = dateId(new Date()); });
}
