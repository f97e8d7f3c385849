/* asn-portal learning, progress on course and index pages: shows what the reader's plan holds where
 * a course appears, and lets them change it there.
 *  - Index cards and home lists ([data-asn-course] with [data-asn-plan-badge]): "dalam rencana" /
 *    "selesai" badge and a "+ Rencana" toggle (button[data-asn-plan-add]).
 *  - Course pages (.asn-plan-bar[data-asn-course]): add/remove the course to/from the plan, tick
 *    modules done (progress keyed by module key, not position), "N dari M modul selesai"; ticking
 *    moves the course's status in the plan (direncanakan → berjalan → selesai and back).
 * Separate from the plan page (plan.mjs) because it runs on every other page. Repainting is
 * idempotent: controls already bound carry data-asn-ready, so learning.mjs can call these after every
 * instant-navigation swap and whenever lists.mjs adds cards. */

import { all, courseOf, el, entryFrom, has, load, planHref, readCourse, save } from "./core.mjs";

// What repaints the page after a button changed the plan (learning.mjs's refresh, set at start).
let refresh = function () {};
export function onPlanChange(fn) { refresh = fn; }

export function paintBadges(state) {
  all("[data-asn-plan-badge]").forEach(function (badge) {
    let entry = state.courses[badge.getAttribute("data-asn-plan-badge")];
    let done = entry && entry.status === "selesai";
    badge.textContent = entry ? (done ? "selesai" : "dalam rencana") : "";
    badge.classList.toggle("asn-plan-badge--on", !!entry);
    badge.classList.toggle("asn-plan-badge--done", !!done);
  });
}

export function paintButtons(state) {
  all("button[data-asn-plan-add]").forEach(function (button) {
    const slug = button.getAttribute("data-asn-plan-add");
    let course = courseOf(button);
    if (!course || course.slug !== slug) return;
    if (!button.getAttribute("data-asn-ready")) {
      button.setAttribute("data-asn-ready", "1");
      button.setAttribute("data-asn-add-text", button.textContent.trim() || "Tambahkan ke rencana belajar");
      button.addEventListener("click", function () { toggleCourse(button); });
      button.hidden = false;
    }
    const inPlan = has(state.courses, slug);
    const card = button.classList.contains("asn-plan-add");
    button.textContent = inPlan ? (card ? "Hapus dari rencana" : "Hapus dari rencana belajar")
                                : button.getAttribute("data-asn-add-text");
    // Many cards on a page: a screen reader hears which course, after the visible words.
    if (card) button.appendChild(el("span", "asn-sr", ": " + course.title));
    button.classList.toggle("asn-plan-add--on", inPlan);
  });
}

function toggleCourse(button) {
  let course = courseOf(button);
  if (!course) return;
  let state = load();
  const added = !has(state.courses, course.slug);
  let initial = "direncanakan";
  if (added) {
    let done = doneKeys(state, course);
    let total = moduleKeys(course).length;
    initial = total && done.length === total ? "selesai" : (done.length ? "berjalan" : "direncanakan");
    state.courses[course.slug] = entryFrom(course, initial);
  } else {
    delete state.courses[course.slug];
  }
  const saved = save(state);
  refresh();
  let note = document.querySelector('[data-asn-plan-status="' + course.slug + '"]');
  if (note && !button.classList.contains("asn-plan-add")) {
    note.textContent = "";
    note.appendChild(document.createTextNode(added ? "Ditambahkan ke rencana belajar (status: " + initial + "). "
                                                    : "Dihapus dari rencana belajar. "));
    appendPlanLink(note);
    if (!saved) note.appendChild(document.createTextNode(" Catatan: peramban ini tidak dapat menyimpannya."));
  }
}

function appendPlanLink(node) {
  const href = planHref();
  if (!href) return;
  const a = el("a", null, "Buka rencana belajar");
  a.href = href;
  node.appendChild(a);
}

function doneKeys(state, course) {
  let keys = state.modules[course.slug] || [];
  const known = moduleKeys(course);
  return keys.filter(function (k) { return known.indexOf(k) >= 0; });
}

function moduleKeys(course) {
  if (course.modules.length) return course.modules.map(function (m) { return m.key; });
  return all("[data-asn-module-done]").map(function (box) { return box.getAttribute("data-asn-module-done"); });
}

export function paintBars(state) {
  all(".asn-plan-bar[data-asn-course]").forEach(function (bar) {
    let course = readCourse(bar);
    if (!course) return;
    let status = bar.querySelector('[data-asn-plan-status="' + course.slug + '"]');
    if (status && !bar.getAttribute("data-asn-ready")) {
      let entry = state.courses[course.slug];
      status.textContent = "";
      if (entry) {
        const said = "Kursus ini ada di rencana belajar Anda (status: " + entry.status + "). ";
        status.appendChild(document.createTextNode(said));
        appendPlanLink(status);
      }
    }
    bar.setAttribute("data-asn-ready", "1");
    let keys = moduleKeys(course);
    let done = doneKeys(state, course);
    let progress = bar.querySelector('[data-asn-progress="' + course.slug + '"]');
    if (progress) {
      progress.setAttribute("aria-live", "polite");
      progress.textContent = keys.length ? done.length + " dari " + keys.length + " modul selesai" : "";
      progress.classList.toggle("asn-progress--done", keys.length > 0 && done.length === keys.length);
    }
    all("input[data-asn-module-done]").forEach(function (box) {
      const key = box.getAttribute("data-asn-module-done");
      if (keys.indexOf(key) < 0) return;
      box.checked = done.indexOf(key) >= 0;
      if (!box.getAttribute("data-asn-ready")) {
        box.setAttribute("data-asn-ready", "1");
        box.addEventListener("change", function () { tickModule(course, key, box.checked); });
        const label = box.closest("label");
        if (label) label.hidden = false;
      }
    });
  });
}

function tickModule(course, key, checked) {
  let state = load();
  let keys = (state.modules[course.slug] || []).filter(function (k) { return k !== key; });
  if (checked) keys.push(key);
  if (keys.length) state.modules[course.slug] = keys; else delete state.modules[course.slug];
  let total = moduleKeys(course).length;
  let done = doneKeys(state, course).length;
  let entry = state.courses[course.slug];
  let note = "";
  if (entry) {
    if (total && done === total && entry.status !== "selesai") {
      entry.status = "selesai";
      note = " Semua modul selesai: status kursus di rencana belajar menjadi selesai.";
    } else if (done < total && entry.status === "selesai") {
      entry.status = "berjalan";
      note = " Status kursus di rencana belajar kembali menjadi berjalan.";
    } else if (done && entry.status === "direncanakan") {
      entry.status = "berjalan";
      note = " Status kursus di rencana belajar menjadi berjalan.";
    }
  }
  save(state);
  refresh();
  let status = document.querySelector('[data-asn-plan-status="' + course.slug + '"]');
  if (status && note) status.textContent = note.trim();
}
