/* asn-portal learning, the plan page's files: the export buttons ([data-asn-plan-export="csv" | "siasn"
 * | "xlsx" | "json"]) and the JSON import (input[data-asn-plan-import]). The rows and file names are
 * records.mjs' (pure); this module only reads the plan, makes the file and hands it to the browser.
 * A download is an <a download> on a Blob URL (a data: URL where Blob URLs are refused): it works
 * over http, from file:// and inside Kiwix and Kolibri, and nothing leaves the browser. */

import { all, each, load, refreshFromCatalog, thisYear } from "./core.mjs";
import { mergeActivity, mergeEntry, mergeModules, needsEndDate, ordered, totals } from "./plandata.mjs";
import {
  MAX_IMPORT_BYTES, fileName, parseImport, recordSheets, siasnRows, toHrCsv, toJson, toSiasnCsv
} from "./records.mjs";
import { XLSX_TYPE, workbook } from "./xlsx.mjs";

export const CSV_TYPE = "text/csv;charset=utf-8";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Bytes as base64, by hand: the browser's own encoder is a window global that an element id could shadow.
export function base64(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += BASE64[n >> 18 & 63] + BASE64[n >> 12 & 63] + (i + 1 < bytes.length ? BASE64[n >> 6 & 63] : "=") +
      (i + 2 < bytes.length ? BASE64[n & 63] : "=");
  }
  return out;
}

function dataUrl(content, type) {
  if (typeof content === "string") return "data:" + type + "," + encodeURIComponent(content);
  return "data:" + type + ";base64," + base64(content);
}

export function download(name, content, type) {
  const a = document.createElement("a");
  a.download = name;
  a.style.display = "none";
  let objectUrl = null;
  try {
    objectUrl = URL.createObjectURL(new Blob([content], { type: type }));
    a.href = objectUrl;
  } catch (e) {
    a.href = dataUrl(content, type);  // no Blob URLs here
  }
  a.addEventListener("click", function (event) { event.stopPropagation(); });  // not for instant navigation
  document.body.appendChild(a);
  a.click();
  window.setTimeout(function () {
    a.parentNode.removeChild(a);
    if (objectUrl) URL.revokeObjectURL(objectUrl);
  }, 1000);
}

// The file a button makes: [name, content, type, what to say].
function made(kind, state, year, data) {
  const p = state.profile;
  if (kind === "csv") {
    const name = fileName("rekap-pengembangan-kompetensi", p, year, "csv");
    return [name, "\uFEFF" + toHrCsv(state, year, data), CSV_TYPE, ""];
  }
  if (kind === "xlsx") {
    const name = fileName("rekap-pengembangan-kompetensi", p, year, "xlsx");
    return [name, workbook(recordSheets(state, year, data, totals(state, year))), XLSX_TYPE, ""];
  }
  if (kind === "siasn") {
    const name = fileName("siasn-riwayat-kursus", p, year, "csv");
    const undated = ordered(state).filter(needsEndDate).length;
    return [name, "\uFEFF" + toSiasnCsv(state, year), CSV_TYPE, "Berkas " + name + " dibuat: " +
      siasnRows(state, year).length + " kursus/kegiatan selesai tahun " + year + "." + (undated ? " " + undated +
      " kursus selesai belum diberi tanggal selesai, jadi belum masuk." : "")];
  }
  const name = fileName("rencana-belajar", p, thisYear(), "json");
  return [name, JSON.stringify(toJson(state, data.target, data), null, 2) + "\n", "application/json", ""];
}

// year() is the year the reader is looking at; say(msg, problem) reports.
export function bindExport(root, data, say, year) {
  // [data-asn-plan-backup]: the JSON backup offered where the plan warns that storage is nearly full.
  each(all("[data-asn-plan-export], [data-asn-plan-backup]", root), function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();  // Material's instant navigation must not take the click
      const file = made(button.getAttribute("data-asn-plan-export") || "json", load(), year(), data);
      download(file[0], file[1], file[2]);
      say(file[3] || "Berkas " + file[0] + " dibuat. Periksa folder unduhan.");
    });
  });
}

function merge(state, result, data) {
  result.entries.forEach(function (entry) {
    const course = data.courses[entry.slug];
    if (course) refreshFromCatalog(entry, course);
    mergeEntry(state, entry);
  });
  result.activities.forEach(function (activity) { mergeActivity(state, activity); });
  Object.keys(result.modules).forEach(function (slug) { mergeModules(state, slug, result.modules[slug]); });
  // The identity moves with the plan; what this browser already holds is kept.
  Object.keys(result.profile).forEach(function (field) {
    if (!state.profile[field]) state.profile[field] = result.profile[field];
  });
}

// update(fn, rebuild) saves and repaints.
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
      update(function (state) { merge(state, result, data); }, true);
      let msg = result.entries.length + " kursus" + (result.activities.length ? " dan " + result.activities.length +
        " kegiatan" : "") + " diimpor dari " + file.name + ".";
      if (result.skipped) msg += " " + result.skipped + " entri dilewati karena tidak valid.";
      say(msg, false);
    };
    reader.readAsText(file, "utf-8");
  });
}
