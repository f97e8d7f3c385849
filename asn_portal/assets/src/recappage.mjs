/* asn-portal HR recap, the rekap/ page ([data-asn-recap], templates/recap.md.j2): the files HR picks in
 * input[data-asn-recap-input] (visually hidden: the Indonesian button [data-asn-recap-pick] opens it, as
 * the plan page's import does, instead of the browser's English "Choose Files") or drops on
 * [data-asn-recap-drop] are read with FileReader (no fetch: it runs from file://, in Kiwix and in
 * Kolibri), merged by recap.mjs, and shown one person per row in [data-asn-recap-people] for the year of
 * select[data-asn-recap-year]; [data-asn-recap-export="xlsx" | "siasn"] download the year's files and
 * [data-asn-recap-clear] empties the table. The recap lives in this page's memory only: it is HR's
 * working table of many people, not the reader's plan, so it never goes into localStorage. Every text
 * from a file is set with textContent: the files are untrusted. */

import { el, fillYearSelect, formatJp, formatNip, thisYear } from "./core.mjs";
import { CSV_TYPE, download } from "./downloads.mjs";
import {
  addFile, describe, newRecap, peopleOfYear, recapData, recapFileName, recapSheets, recapSiasn, recapYears
} from "./recap.mjs";
import { MAX_RECAP_BYTES, TOO_BIG } from "./recapfiles.mjs";
import { XLSX_TYPE, workbook } from "./xlsx.mjs";

const COLUMNS = ["No.", "Nama", "NIP", "Instansi / Unit kerja", "JP selesai", "Target", "Keterangan", "Berkas"];

// The files' texts in the order they were picked, then done([{name, text} | {name, error}]).
function readAll(files, done) {
  const out = [];
  let left = files.length;
  const finish = function (i, value) {
    out[i] = value;
    left -= 1;
    if (!left) done(out);
  };
  files.forEach(function (file, i) {
    if (file.size > MAX_RECAP_BYTES) { finish(i, { name: file.name, error: TOO_BIG }); return; }
    const reader = new FileReader();
    reader.onload = function () { finish(i, { name: file.name, text: String(reader.result || "") }); };
    reader.onerror = function () { finish(i, { name: file.name, error: "peramban tidak dapat membaca berkas ini." }); };
    reader.readAsText(file, "utf-8");
  });
}

// A cell with its column's name shown in the card layout (phones) and read by screen readers.
function cell(tr, column, value, tag) {
  const td = el(tag || "td");
  if (tag === "th") td.setAttribute("scope", "row");
  td.appendChild(el("span", "asn-plan__label", COLUMNS[column]));
  td.appendChild(el("span", null, value));
  tr.appendChild(td);
  return td;
}

function personRow(r, i) {
  const p = r.person.profile;
  const tr = el("tr");
  tr.setAttribute("data-asn-recap-person", p.nip || String(i + 1));
  cell(tr, 0, String(i + 1));
  cell(tr, 1, p.nama || "(tanpa nama)", "th");
  // A NIP a spreadsheet broke is not shown as if it were one: the cell says what to ask for.
  cell(tr, 2, r.nipNote || formatNip(p.nip || "") || "–").className = r.nipNote ? "asn-recap__nip-broken"
    : "asn-recap__nip";
  cell(tr, 3, [p.instansi, p.unit_kerja].filter(function (x) { return !!x; }).join(" / ") || "–");
  cell(tr, 4, formatJp(r.done) + " JP").className = "asn-plan__jp";
  cell(tr, 5, r.target + " JP").className = "asn-plan__jp";
  cell(tr, 6, r.remark).className = r.reached ? "asn-recap__reached" : "asn-recap__short";
  cell(tr, 7, r.person.files.join(", ")).className = "asn-recap__files";
  return tr;
}

export function setupRecap(root) {
  if (root.getAttribute("data-asn-ready")) return;
  root.setAttribute("data-asn-ready", "1");
  const data = recapData(root.getAttribute("data-asn-recap-data"));
  const q = function (selector) { return root.querySelector(selector); };
  const input = q("input[data-asn-recap-input]");
  const yearSelect = q("select[data-asn-recap-year]");
  const message = q("[data-asn-recap-message]");
  const table = q("[data-asn-recap-people]");
  const tbody = table ? table.tBodies[0] || table.appendChild(el("tbody")) : null;
  const summary = q("[data-asn-recap-summary]");
  let recap = newRecap();
  let year = thisYear();

  function say(text, lines, problem) {
    if (!message) return;
    message.textContent = "";
    message.appendChild(el("p", null, text));
    if (lines && lines.length) {
      const list = el("ul");
      lines.forEach(function (line) { list.appendChild(el("li", null, line)); });
      message.appendChild(list);
    }
    message.classList.toggle("asn-plan__message--problem", !!problem);
  }

  function paintYears() { if (yearSelect) fillYearSelect(yearSelect, recapYears(recap), year); }

  function paint() {
    const rows = peopleOfYear(recap, year, data.target);
    if (tbody) {
      tbody.textContent = "";
      rows.forEach(function (r, i) { tbody.appendChild(personRow(r, i)); });
    }
    if (table) table.hidden = rows.length === 0;
    if (summary) {
      const reached = rows.filter(function (r) { return r.reached; }).length;
      summary.textContent = rows.length ? "Tahun " + year + ": " + rows.length + " orang, " + reached +
        " mencapai target " + data.target + " JP." : "Belum ada berkas yang dibaca.";
    }
  }

  function take(list) {
    const files = Array.prototype.slice.call(list || []);
    if (!files.length) return;
    say("Membaca " + files.length + " berkas…");
    readAll(files, function (texts) {
      const results = texts.map(function (t) { return t.error ? t : addFile(recap, t.name, t.text, data); });
      if (input) input.value = "";  // the same file can be picked again (and is then counted once)
      const told = describe(results);
      say(told.summary, told.problems.concat(told.notes), told.problems.length > 0);
      paintYears();
      paint();
    });
  }

  if (input) {
    input.addEventListener("change", function () { take(input.files); });
    const pick = q("[data-asn-recap-pick]");
    if (pick) pick.addEventListener("click", function () { input.click(); });
  }

  // Files dropped on the box: read like picked ones (the page is not replaced by the file).
  const drop = q("[data-asn-recap-drop]");
  if (drop) {
    const over = function (on) { drop.classList.toggle("asn-recap__drop--over", on); };
    drop.addEventListener("dragover", function (event) { event.preventDefault(); over(true); });
    drop.addEventListener("dragleave", function () { over(false); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      over(false);
      take(event.dataTransfer && event.dataTransfer.files);
    });
  }

  if (yearSelect) {
    yearSelect.addEventListener("change", function () {
      year = parseInt(yearSelect.value, 10) || thisYear();
      paint();
    });
  }

  Array.prototype.forEach.call(root.querySelectorAll("[data-asn-recap-export]"), function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopPropagation();  // Material's instant navigation must not take the click
      if (!recap.people.length) {
        say("Belum ada berkas peserta yang dibaca. Pilih berkasnya dulu.", [], true);
        return;
      }
      const kind = button.getAttribute("data-asn-recap-export");
      const name = recapFileName(kind, year);
      if (kind === "xlsx") download(name, workbook(recapSheets(recap, year, data.target)), XLSX_TYPE);
      else download(name, recapSiasn(recap, year, data.target), CSV_TYPE);
      say("Berkas " + name + " dibuat untuk " + recap.people.length + " orang, tahun " + year +
          ". Periksa folder unduhan.");
    });
  });

  const clear = q("[data-asn-recap-clear]");
  if (clear) {
    clear.addEventListener("click", function () {
      recap = newRecap();
      if (input) input.value = "";
      paintYears();
      paint();
      say("Tabel dikosongkan. Berkas peserta di komputer ini tidak berubah.");
    });
  }

  paintYears();
  paint();
}
