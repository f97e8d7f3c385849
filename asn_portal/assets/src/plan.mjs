/* asn-portal learning, the Rencana Belajar page ([data-asn-plan], templates/plan.md.j2): the reader's
 * plan edited in place, one row per course on wide screens and one card per course on phones (the
 * same markup; plan.css lays it out), the JP totals of the chosen year against the target,
 * find-and-add from the catalog, and the toolbar: exports (records.mjs), import, print and clear.
 * The identity form and the printed record are profile.mjs'. shownPlan() tells learning.mjs the plan
 * page on show, so that it repaints it when the plan changes elsewhere (another tab, a "+ Rencana"
 * button). Hooks other code and tests rely on, per course: [data-asn-plan-row=<slug>]; its first
 * select is the status (direncanakan / berjalan / selesai); then two input[type=date], start and
 * end. */

import { STATUSES } from "./constants.mjs";
import {
  STATUS_LABELS, all, el, entryFrom, has, load, modeLabel, norm, save, siteUrl, storageProblem, thisYear, uid,
  validDate
} from "./core.mjs";
import { countsIn, needsEndDate, ordered, planData, reconcile, totals, years } from "./plandata.mjs";
import { fillProfile, renderRecord, setupProfile } from "./profile.mjs";
import { paintBadges, paintButtons } from "./progress.mjs";
import { quizScores } from "./quiz.mjs";
import { bindExport, bindImport } from "./records.mjs";

const COLUMNS = ["Kursus", "JP", "Status", "Tanggal mulai", "Tanggal selesai", "Nomor sertifikat", "Tindakan"];

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
  let year = thisYear();
  if (table) prepareTable(table);

  function say(msg, problem) {
    if (!message) return;
    message.textContent = msg;
    message.classList.toggle("asn-plan__message--problem", !!problem);
  }

  function update(fn, rebuild) {
    let state = load();
    fn(state);
    const saved = save(state);
    if (!saved) say(storageProblem(), true);
    render(state, rebuild);
    paintBadges(state);
    paintButtons(state);
    return saved;
  }

  function paintTotals(state) {
    const t = totals(state, year);
    if (totalNode) totalNode.textContent = String(t.planned);
    if (doneNode) doneNode.textContent = String(t.done);
    all("[data-asn-plan-year]", root).forEach(function (node) { node.textContent = String(year); });
    const remaining = q("[data-asn-plan-remaining]");
    if (remaining) remaining.textContent = String(Math.max(0, data.target - t.done));
    root.classList.toggle("asn-plan--reached", t.done >= data.target);
  }

  function paintYears(state) {
    if (!yearSelect) return;
    yearSelect.textContent = "";
    years(state).forEach(function (y) {
      let option = el("option", null, String(y));
      option.value = String(y);
      yearSelect.appendChild(option);
    });
    yearSelect.value = String(year);
  }

  // A visible label in the card layout; in the table the column heading says it (screen readers
  // get the label in both).
  function field(td, input, labelText) {
    const id = uid("asn-plan");
    input.id = id;
    const label = el("label", "asn-plan__label", labelText);
    label.setAttribute("for", id);
    td.appendChild(label);
    td.appendChild(input);
    return input;
  }

  function cell(tr, column, className) {
    let td = el("td", className);
    td.setAttribute("data-label", COLUMNS[column]);
    tr.appendChild(td);
    return td;
  }

  function courseCell(tr, entry) {
    let th = el("th", "asn-plan__course");
    th.setAttribute("scope", "row");
    let course = data.courses[entry.slug];
    const href = course && siteUrl(course.url);
    let title;
    if (href) {
      title = el("a", null, entry.title);
      title.href = href;
      title.setAttribute("data-asn-internal", "");
    } else {
      title = el("span", null, entry.title);
    }
    th.appendChild(title);
    if (!course && data.order.length) th.appendChild(el("span", "asn-plan__gone", " (tidak ada lagi di katalog)"));
    const facts = [entry.competency, modeLabel(entry), entry.organizer].filter(function (x) { return !!x; });
    if (facts.length) th.appendChild(el("span", "asn-plan__facts", facts.join(" · ")));
    let scores = scoresText(entry.slug);
    if (scores) th.appendChild(el("span", "asn-plan__scores", scores));
    tr.appendChild(th);
  }

  function scoresText(slug) {
    const found = [];
    let scores = quizScores();
    Object.keys(scores || {}).sort().forEach(function (id) {
      const s = scores[id];
      if (!s || s.course !== slug || !s.last || !s.best) return;
      found.push((s.title || "Kuis") + ": terakhir " + s.last.right + "/" + s.last.total + ", terbaik " +
                  s.best.right + "/" + s.best.total);
    });
    return found.join("; ");
  }

  function row(entry) {
    let tr = el("tr");
    tr.setAttribute("data-asn-plan-row", entry.slug);
    tr.classList.toggle("asn-plan__row--other-year", !countsIn(entry, year) && !needsEndDate(entry));
    courseCell(tr, entry);
    cell(tr, 1, "asn-plan__jp").textContent = entry.jp + " JP";

    let select = el("select");
    STATUSES.forEach(function (s) {
      let option = el("option", null, STATUS_LABELS[s]);
      option.value = s;
      select.appendChild(option);
    });
    select.value = entry.status;
    field(cell(tr, 2, "asn-plan__status"), select, "Status");
    select.addEventListener("change", function () {
      update(function (state) {
        if (state.courses[entry.slug]) state.courses[entry.slug].status = select.value;
      }, true);
      focusIn(entry.slug, 0);
    });

    ["start", "end"].forEach(function (name, i) {
      let td = cell(tr, 3 + i, "asn-plan__date");
      let input = el("input");
      input.type = "date";
      input.value = entry[name];
      field(td, input, i ? "Tanggal selesai" : "Tanggal mulai");
      if (name === "end" && needsEndDate(entry)) {
        // Finished but undated: it counts for no year until the reader says when it ended.
        let ask = el("span", "asn-plan__ask", "Isi tanggal selesai agar JP kursus ini terhitung.");
        ask.id = uid("asn-plan-ask");
        input.setAttribute("aria-describedby", ask.id);
        input.setAttribute("aria-invalid", "true");
        td.appendChild(ask);
        tr.classList.add("asn-plan__row--ask");
      }
      input.addEventListener("change", function () {
        const value = validDate(input.value) ? input.value : "";
        update(function (state) {
          const e = state.courses[entry.slug];
          if (!e) return;
          e[name] = value;
          if (e.start && e.end && e.end < e.start) {
            say("Perhatian: tanggal selesai " + entry.title + " lebih awal dari tanggal mulai.", true);
          }
        }, true);
        focusIn(entry.slug, 1 + i);
      });
    });

    const number = el("input");
    number.type = "text";
    number.maxLength = 100;
    number.autocomplete = "off";
    number.value = entry.certificate_number || "";
    number.placeholder = "bila ada";
    field(cell(tr, 5, "asn-plan__number"), number, "Nomor sertifikat");
    number.addEventListener("change", function () {
      update(function (state) {
        if (state.courses[entry.slug]) state.courses[entry.slug].certificate_number = number.value.trim();
      }, false);
    });

    const remove = el("button", "md-button asn-plan__remove", "Hapus");
    remove.type = "button";
    remove.setAttribute("aria-label", "Hapus " + entry.title + " dari rencana");
    cell(tr, 6, "asn-plan__actions").appendChild(remove);
    remove.addEventListener("click", function () {
      update(function (state) { delete state.courses[entry.slug]; }, true);
      say(entry.title + " dihapus dari rencana.");
      const next = tbody && tbody.querySelector("select, button");
      if (next) {
        next.focus();
      } else if (findForm) {
        const f = findForm.querySelector("input, select");
        if (f) f.focus();
      }
    });
    return tr;
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
      entries.forEach(function (entry) { tbody.appendChild(row(entry)); });
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
      update(function (state) { state.courses = {}; state.modules = {}; state.profile = {}; }, true);
      say("Rencana belajar dan identitas sudah dihapus dari peramban ini.");
    });
  }

  const printButton = q("[data-asn-plan-print]");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });

  let state = reconcile(load(), data);
  shown = { root: root, render: render };
  render(state, true);
  if (storageProblem()) say(storageProblem(), true);
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
