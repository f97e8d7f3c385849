/* asn-portal learning, progress on course and index pages: shows what the reader's plan holds where
 * a course appears, and lets them change it there.
 *  - Index cards and home lists ([data-asn-course] with [data-asn-plan-badge]): "dalam rencana" /
 *    "selesai" badge and a "+ Rencana" toggle (button[data-asn-plan-add]).
 *  - Course pages (.asn-plan-bar[data-asn-course]): add/remove the course to/from the plan, tick
 *    modules done (progress keyed by module key, not position), "N dari M modul selesai"; ticking
 *    moves the course's status in the plan (direncanakan → berjalan → selesai and back).
 * Separate from the plan page (learning-plan.js) because it runs on every other page. Repainting is
 * idempotent: controls already bound carry data-asn-ready, so learning.js can call these after every
 * instant-navigation swap and whenever lists.js adds cards. Needs learning-core.js. */
(function (L) {
  "use strict";

  var all = L.all, has = L.has, el = L.el, load = L.load, save = L.save, readCourse = L.readCourse,
      courseOf = L.courseOf, entryFrom = L.entryFrom;

  function paintBadges(state) {
    all("[data-asn-plan-badge]").forEach(function (badge) {
      var entry = state.courses[badge.getAttribute("data-asn-plan-badge")];
      var done = entry && entry.status === "selesai";
      badge.textContent = entry ? (done ? "selesai" : "dalam rencana") : "";
      badge.classList.toggle("asn-plan-badge--on", !!entry);
      badge.classList.toggle("asn-plan-badge--done", !!done);
    });
  }

  function paintButtons(state) {
    all("button[data-asn-plan-add]").forEach(function (button) {
      var slug = button.getAttribute("data-asn-plan-add");
      var course = courseOf(button);
      if (!course || course.slug !== slug) return;
      if (!button.getAttribute("data-asn-ready")) {
        button.setAttribute("data-asn-ready", "1");
        button.setAttribute("data-asn-add-text", button.textContent.trim() || "Tambahkan ke rencana belajar");
        button.addEventListener("click", function () { toggleCourse(button); });
        button.hidden = false;
      }
      var inPlan = has(state.courses, slug);
      var card = button.classList.contains("asn-plan-add");
      button.textContent = inPlan ? (card ? "Hapus dari rencana" : "Hapus dari rencana belajar")
                                  : button.getAttribute("data-asn-add-text");
      // Many cards on a page: a screen reader hears which course, after the visible words.
      if (card) button.appendChild(el("span", "asn-sr", ": " + course.title));
      button.classList.toggle("asn-plan-add--on", inPlan);
    });
  }

  function toggleCourse(button) {
    var course = courseOf(button);
    if (!course) return;
    var state = load();
    var added = !has(state.courses, course.slug);
    var initial = "direncanakan";
    if (added) {
      var done = doneKeys(state, course);
      var total = moduleKeys(course).length;
      initial = total && done.length === total ? "selesai" : (done.length ? "berjalan" : "direncanakan");
      state.courses[course.slug] = entryFrom(course, initial);
    } else {
      delete state.courses[course.slug];
    }
    var saved = save(state);
    L.refresh();
    var note = document.querySelector('[data-asn-plan-status="' + course.slug + '"]');
    if (note && !button.classList.contains("asn-plan-add")) {
      note.textContent = "";
      note.appendChild(document.createTextNode(added ? "Ditambahkan ke rencana belajar (status: " + initial + "). "
                                                     : "Dihapus dari rencana belajar. "));
      appendPlanLink(note);
      if (!saved) note.appendChild(document.createTextNode(" Catatan: peramban ini tidak dapat menyimpannya."));
    }
  }

  function appendPlanLink(node) {
    var href = L.planHref();
    if (!href) return;
    var a = el("a", null, "Buka rencana belajar");
    a.href = href;
    node.appendChild(a);
  }

  function doneKeys(state, course) {
    var keys = state.modules[course.slug] || [];
    var known = moduleKeys(course);
    return keys.filter(function (k) { return known.indexOf(k) >= 0; });
  }

  function moduleKeys(course) {
    if (course.modules.length) return course.modules.map(function (m) { return m.key; });
    return all('[data-asn-module-done]').map(function (box) { return box.getAttribute("data-asn-module-done"); });
  }

  function paintBars(state) {
    all(".asn-plan-bar[data-asn-course]").forEach(function (bar) {
      var course = readCourse(bar);
      if (!course) return;
      var status = bar.querySelector('[data-asn-plan-status="' + course.slug + '"]');
      if (status && !bar.getAttribute("data-asn-ready")) {
        var entry = state.courses[course.slug];
        status.textContent = "";
        if (entry) {
          status.appendChild(document.createTextNode("Kursus ini ada di rencana belajar Anda (status: " + entry.status + "). "));
          appendPlanLink(status);
        }
      }
      bar.setAttribute("data-asn-ready", "1");
      var keys = moduleKeys(course);
      var done = doneKeys(state, course);
      var progress = bar.querySelector('[data-asn-progress="' + course.slug + '"]');
      if (progress) {
        progress.setAttribute("aria-live", "polite");
        progress.textContent = keys.length ? done.length + " dari " + keys.length + " modul selesai" : "";
        progress.classList.toggle("asn-progress--done", keys.length > 0 && done.length === keys.length);
      }
      all("input[data-asn-module-done]").forEach(function (box) {
        var key = box.getAttribute("data-asn-module-done");
        if (keys.indexOf(key) < 0) return;
        box.checked = done.indexOf(key) >= 0;
        if (!box.getAttribute("data-asn-ready")) {
          box.setAttribute("data-asn-ready", "1");
          box.addEventListener("change", function () { tickModule(course, key, box.checked); });
          var label = box.closest("label");
          if (label) label.hidden = false;
        }
      });
    });
  }

  function tickModule(course, key, checked) {
    var state = load();
    var keys = (state.modules[course.slug] || []).filter(function (k) { return k !== key; });
    if (checked) keys.push(key);
    if (keys.length) state.modules[course.slug] = keys; else delete state.modules[course.slug];
    var total = moduleKeys(course).length;
    var done = doneKeys(state, course).length;
    var entry = state.courses[course.slug];
    var note = "";
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
    L.refresh();
    var status = document.querySelector('[data-asn-plan-status="' + course.slug + '"]');
    if (status && note) status.textContent = note.trim();
  }

  L.paintBadges = paintBadges;
  L.paintButtons = paintButtons;
  L.paintBars = paintBars;
})(window.asnLearning);
