/* asn-portal learning, the Rencana Belajar page ([data-asn-plan], templates/plan.md.j2): the reader's
 * plan edited in place, one row per course or activity on wide screens and one card each on phones
 * (the same markup; plan.css lays it out), the JP totals of the chosen year against the target,
 * find-and-add from the catalog, learning outside the catalog (activity.mjs), and the toolbar:
 * exports and import (downloads.mjs), print and clear. The identity form and the printed record are
 * profile.mjs'. shownPlan() tells learning.mjs the plan page on show, so that it repaints it when
 * the plan changes elsewhere (another tab, a "+ Rencana" button). Hooks other code and tests rely
 * on, per record: [data-asn-plan-row=<slug or activity id>]; its first select is the status
 * (direncanakan / berjalan / selesai); then two input[type=date], start and end; its remove button
 * [data-asn-plan-remove], undone by [data-asn-plan-undo]: the browser holds the only copy of a
 * reader's record, so nothing is lost to one tap (a finished record asks first, and any removal can
 * be undone until the next one or until the page is left). */

import { setupActivityForm } from "./activity.mjs";
import {
  all, el, entryFrom, fillYearSelect, formatJp, has, load, norm, roundJp, save, storageNearlyFull, storageProblem,
  thisYear
} from "./core.mjs";
import { bindExport, bindImport } from "./downloads.mjs";
import { itemKey, ordered, planData, reconcile, totals, years } from "./plandata.mjs";
import { COLUMNS, planRow } from "./planrow.mjs";
import { fillProfile, renderRecord, setupProfile } from "./profile.mjs";
import { paintBadges, paintButtons } from "./progress.mjs";


  // {root, render(state, rebuild)} for the plan on the current page

export function setupPlan(root) {
  if (root.getAttribute("data-asn-ready")) return;
  root.setAttribute("data-asn-ready", "1");
  const data = planData(root);
  const q = function (selector) { return root.querySelector(selector); };
  const tbody = q("[data-asn-plan-rows]");
  const table = tbody ? tbody.closest("table") : null;
  const emptyNote = q("[data-asn-plan-empty]");
  const message = q("[data-asn-plan-message]");
  const totalNode = q("[data-asn-plan-total]");
  const doneNode = q("[data-asn-plan-done]");
  const yearSelect = q("select[data-asn-plan-year-select]");
  const findForm = q("form[data-asn-plan-find]");
  const importInput = q("input[data-asn-plan-import]");
  const undoBox = q("[data-asn-plan-undo-box]");
  const undoButton = q("[data-asn-plan-undo]");
  const storageBox = q("[data-asn-plan-storage]");
  let year = thisYear();
  let removed = null;  // {entry, modules}: the last record removed, until undone or the next removal
  if (table) prepareTable(table);

  function say(msg, problem) {
    if (!message) return;
    message.textContent = msg;
    message.classList.toggle("asn-plan__message--problem", !!problem);
  }

  // Before the browser's storage is full (or when it refuses), the backup is offered where the
  // reader looks: the storage box holds its own JSON download button.
  function warnStorage() {
    const problem = storageProblem() || storageNearlyFull();
    if (!storageBox) return;
    storageBox.hidden = !problem;
    const text = storageBox.querySelector("[data-asn-plan-storage-text]");
    if (text) text.textContent = problem;
  }

  function update(fn, rebuild) {
    let state = load();
    fn(state);
    const saved = save(state);
    if (!saved) say(storageProblem(), true);
    render(state, rebuild);
    paintBadges(state);
    paintButtons(state);
    warnStorage();
    return saved;
  }

  // The stored object a row shows (the plan kept in localStorage is read again for every change).
  function stored(state, entry) {
    return entry.activity ? state.activities[entry.id] : state.courses[entry.slug];
  }

  function paintTotals(state) {
    const t = totals(state, year);
    if (totalNode) totalNode.textContent = formatJp(t.planned);
    if (doneNode) doneNode.textContent = formatJp(t.done);
    all("[data-asn-plan-year]", root).forEach(function (node) { node.textContent = String(year); });
    const remaining = q("[data-asn-plan-remaining]");
    if (remaining) remaining.textContent = formatJp(Math.max(0, roundJp(data.target - t.done)));
    root.classList.toggle("asn-plan--reached", t.done >= data.target);
  }

  function paintYears(state) {
    if (yearSelect) fillYearSelect(yearSelect, years(state), year);
  }

  const rowContext = { data: data, year: function () { return year; }, update: update, stored: stored,
                      focusIn: focusIn, say: say, remove: removeRecord, edit: null };

  // A finished record is never removed by one tap; any removal can be undone (undoRemoval).
  function removeRecord(entry) {
    const what = entry.activity ? "kegiatan" : "kursus";
    if (entry.status === "selesai" && !window.confirm(entry.title + " sudah selesai dan tercatat dengan tanggal " +
        "dan nomor sertifikatnya. Hapus " + what + " ini dari rencana?")) return;
    if (entry.activity) activityForm.cancel(entry.id);  // an edit of it must not bring it back
    update(function (state) {
      removed = { entry: JSON.parse(JSON.stringify(stored(state, entry) || entry)),
                  modules: entry.activity ? null : (state.modules[entry.slug] || null) };
      if (entry.activity) delete state.activities[entry.id];
      else delete state.courses[entry.slug];
    }, true);
    say(entry.title + " dihapus dari rencana.");
    if (undoBox) {
      undoBox.hidden = false;
      const label = undoBox.querySelector("[data-asn-plan-undo-text]");
      if (label) label.textContent = entry.title + " dihapus.";
    }
    if (undoButton) undoButton.focus();
  }

  function undoRemoval() {
    if (!removed) return;
    const back = removed;
    removed = null;
    update(function (state) {
      if (back.entry.activity) state.activities[back.entry.id] = back.entry;
      else state.courses[back.entry.slug] = back.entry;
      if (back.modules && !state.modules[back.entry.slug]) state.modules[back.entry.slug] = back.modules;
    }, true);
    if (undoBox) undoBox.hidden = true;
    say(back.entry.title + " dikembalikan ke rencana.");
    focusIn(itemKey(back.entry), 0);
  }

  // A rebuilt row gets the focus back where the reader was (0 status, 1 start, 2 end).
  function focusIn(slug, n) {
    let tr = tbody && tbody.querySelector('[data-asn-plan-row="' + slug + '"]');
    const target = tr && tr.querySelectorAll("select, input")[n];
    if (target) target.focus();
  }

  function fillFinder(state) {
    if (!findForm) return;
    const available = data.order.filter(function (slug) { return !has(state.courses, slug); });
    let select = findForm.querySelector("select");
    if (!select) return;
    const keep = select.value;
    select.textContent = "";
    const first = el("option", null, available.length ? "Pilih kursus…" : "Semua kursus sudah ada di rencana");
    first.value = "";
    select.appendChild(first);
    available.forEach(function (slug) {
      let c = data.courses[slug];
      let option = el("option", null, c.title + " (" + c.jp + " JP)");
      option.value = slug;
      select.appendChild(option);
    });
    select.value = available.indexOf(keep) >= 0 ? keep : "";
  }

  function render(state, rebuild) {
    const entries = ordered(state);
    if (tbody && rebuild) {
      tbody.textContent = "";
      entries.forEach(function (entry) { tbody.appendChild(planRow(entry, rowContext)); });
    }
    if (table) table.hidden = entries.length === 0;
    if (emptyNote) emptyNote.hidden = entries.length > 0;
    paintTotals(state);
    if (rebuild) {
      fillFinder(state);
      paintYears(state);
      if (fillProfile) fillProfile(root, state.profile || {});  // an import or another tab changed it
    }
    if (renderRecord) renderRecord(root, state, data, year);
  }

  function find(value) {
    const wanted = norm(value);
    if (!wanted) return null;
    if (data.courses[value]) return value;
    let hit = null;
    data.order.some(function (slug) {
      let c = data.courses[slug];
      if (norm(c.title) === wanted || norm(c.title + " (" + c.jp + " JP)") === wanted) { hit = slug; return true; }
      return false;
    });
    return hit;
  }

  if (findForm) {
    findForm.addEventListener("submit", function (event) {
      event.preventDefault();
      let input = findForm.querySelector("select") || findForm.querySelector("input");
      const slug = input ? find(input.value) : null;
      if (!slug) {
        const why = input && input.value ? "Kursus tidak ditemukan. Pilih judul dari daftar katalog."
          : "Pilih kursus lebih dahulu.";
        say(why, true);
        if (input) input.focus();
        return;
      }
      let course = data.courses[slug];
      const already = has(load().courses, slug);
      if (!already) {
        update(function (state) {
          const done = (state.modules[slug] || []).length;
          state.courses[slug] = entryFrom(course, done ? "berjalan" : "direncanakan");
        }, true);
      }
      say(already ? course.title + " sudah ada di rencana." : course.title + " ditambahkan ke rencana.");
      if (input) { input.value = ""; input.focus(); }
    });
  }

  if (yearSelect) {
    yearSelect.addEventListener("change", function () {
      year = parseInt(yearSelect.value, 10) || thisYear();
      render(load(), true);
      yearSelect.focus();
    });
  }

  const activityForm = setupActivityForm(root, data, function (activity) {
    return update(function (state) { state.activities[activity.id] = activity; }, true);
  }, say);
  rowContext.edit = activityForm.edit;
  if (undoButton) undoButton.addEventListener("click", undoRemoval);
  bindExport(root, data, say, function () { return year; });
  bindImport(importInput, data, say, update);
  const importButton = q("[data-asn-plan-import-button]");
  if (importButton && importInput) importButton.addEventListener("click", function () { importInput.click(); });
  if (setupProfile) setupProfile(root, function () { render(load(), false); });

  const clear = q("[data-asn-plan-clear]");
  if (clear) {
    clear.addEventListener("click", function () {
      if (!window.confirm("Hapus seluruh rencana belajar, catatan modul dan identitas Anda dari peramban ini? " +
                          "Tindakan ini tidak dapat dibatalkan. " +
                          "Unduh rekap atau berkas JSON dulu bila masih diperlukan.")) return;
      update(function (state) { state.courses = {}; state.modules = {}; state.profile = {}; state.activities = {}; },
        true);
      removed = null;  // nothing of the shared laptop's last reader may come back
      if (undoBox) undoBox.hidden = true;
      activityForm.cancel();
      say("Rencana belajar dan identitas sudah dihapus dari peramban ini.");
    });
  }

  const printButton = q("[data-asn-plan-print]");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });

  let state = reconcile(load(), data);
  shown = { root: root, render: render };
  render(state, true);
  if (storageProblem()) say(storageProblem(), true);
  warnStorage();
}

// Column headers and caption, unless the template already has them.
function prepareTable(table) {
  if (!table.caption) {
    const caption = table.createCaption();
    caption.className = "asn-sr";
    caption.textContent = "Kursus dalam rencana belajar";
  }
  if (!table.tHead) {
    let tr = table.createTHead().insertRow();
    COLUMNS.forEach(function (name) {
      let th = el("th", null, name);
      th.setAttribute("scope", "col");
      tr.appendChild(th);
    });
  }
}

// The plan page on show, {root, render}, so that learning.mjs repaints it when the plan changes
// elsewhere (another tab, a "+ Rencana" button); null once instant navigation took it away.
let shown = null;
export function shownPlan() {
  if (shown && !document.body.contains(shown.root)) shown = null;
  return shown;
}
