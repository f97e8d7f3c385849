/* asn-portal: rencana belajar, kemajuan modul dan kuis, sepenuhnya di peramban pembaca.
 *
 * Plain classic script in ES5 style, no dependencies, no modules: works online, from file://
 * (the offline bundle) and with Material's instant navigation (init runs again on every
 * document$ emission; elements already set up carry data-asn-ready and are skipped).
 * Oldest browsers supported: Chrome/Edge 80+, Firefox 78 ESR+.
 *
 *  - Course pages (.asn-plan-bar[data-asn-course]): add/remove the course to/from the plan, tick
 *    modules done (progress keyed by module key, not position).
 *  - Index cards and home lists ([data-asn-course] with [data-asn-plan-badge]): "dalam rencana" /
 *    "selesai" badge and a "+ Rencana" toggle.
 *  - Quizzes (form.asn-quiz): marks answers, reveals explanations, score "N/M".
 *  - Plan page ([data-asn-plan]): table of planned courses, JP totals for the current year against
 *    the target, find-and-add, CSV/JSON export, JSON import, clear, print.
 *
 * Everything is kept in localStorage under one key (see docs/rencana-belajar.md for the format).
 * Chromium shares one localStorage among all file:// pages, Firefox keeps one per file: so every
 * plan edit can also be made on the plan page itself. Contributor-provided text (course titles,
 * organizers, option texts) is only ever set with textContent / value, never as HTML. */
(function () {
  "use strict";

  var KEY = "asn-portal:rencana";
  var STATUSES = ["direncanakan", "berjalan", "selesai"];
  var STATUS_LABELS = { direncanakan: "Direncanakan", berjalan: "Berjalan", selesai: "Selesai" };
  var MODES = { daring: "Daring", luring: "Luring", campuran: "Campuran", mandiri: "Mandiri" };
  var FORMS = { luring: "klasikal", daring: "nonklasikal", mandiri: "nonklasikal",
                campuran: "klasikal dan nonklasikal" };
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                "Oktober", "November", "Desember"];
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_SLUG = 100;
  var MAX_TITLE = 300;
  var MAX_TEXT = 300;
  var MAX_JP = 1000;
  var MAX_IMPORT_BYTES = 1024 * 1024;
  var FORMAT = "asn-portal-rencana";
  var CSV_HEADERS = ["Bentuk Pengembangan", "Judul Kursus", "Penyelenggara", "Mode", "Tanggal Mulai",
                     "Tanggal Selesai", "JP", "Sertifikat", "Status", "Slug Portal"];

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function all(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() { var d = new Date(); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function thisYear() { return new Date().getFullYear(); }
  function dateId(d) { return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear(); }

  function validSlug(slug) { return typeof slug === "string" && slug.length <= MAX_SLUG && SLUG.test(slug); }
  function validJp(jp) { return typeof jp === "number" && jp % 1 === 0 && jp > 0 && jp <= MAX_JP; }
  function validDate(text) {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var y = +text.slice(0, 4), m = +text.slice(5, 7), d = +text.slice(8, 10);
    var date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }
  function text(value, max) { return typeof value === "string" ? value.slice(0, max || MAX_TEXT) : ""; }
  function statusRank(status) { return STATUSES.indexOf(status); }
  function laterStatus(a, b) { return statusRank(a) >= statusRank(b) ? a : b; }

  function norm(value) {
    return String(value || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  var nextId = 0;
  function uid(prefix) { nextId += 1; return prefix + "-" + nextId; }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  // The site root, computed once when this script first runs: Material's instant navigation swaps
  // pages without re-running this script and without replacing __config, whose "base" is relative to
  // the page the reader first opened.
  var ROOT = (function () {
    var base = null;
    try { base = JSON.parse(document.getElementById("__config").textContent).base; } catch (e) { /* below */ }
    if (typeof base === "string") return new URL(base.replace(/\/?$/, "/"), document.baseURI);
    var script = document.currentScript;  // assets/asn-portal/learning.js
    if (script && script.src) return new URL("../../", script.src);
    return new URL("./", document.baseURI);
  })();

  function siteUrl(path) {
    // Only relative page paths from the template data ("kursus/x/", "kursus/x.html").
    if (typeof path !== "string" || !path || /^[a-z][a-z0-9+.-]*:|^\/|^\\|\.\.|\s/i.test(path)) return null;
    var url = new URL(path, ROOT);
    return url.protocol === ROOT.protocol ? url.href : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Storage: {version:1, courses:{slug:{...}}, modules:{slug:[keys done]}}

  var memory = null;        // the state when localStorage is unavailable or refused the last write
  var storageProblem = "";  // why, in Indonesian, for the plan page

  function empty() { return { version: 1, courses: {}, modules: {} }; }

  function storage() {
    try {
      var s = window.localStorage;
      s.getItem(KEY);
      return s;
    } catch (e) {
      storageProblem = "Peramban ini tidak mengizinkan penyimpanan (localStorage), misalnya karena mode privat " +
        "atau pengaturan keamanan. Rencana hanya tersimpan selama halaman ini terbuka: unduh berkas JSON agar tidak hilang.";
      return null;
    }
  }

  function cleanEntry(slug, raw) {
    if (!validSlug(slug) || !isObject(raw) || raw.slug !== slug) return null;
    var title = text(raw.title, MAX_TITLE);
    if (!title || !validJp(raw.jp)) return null;
    return {
      slug: slug, title: title, jp: raw.jp,
      competency: text(raw.competency), mode: has(MODES, raw.mode) ? raw.mode : "",
      mode_label: text(raw.mode_label), organizer: typeof raw.organizer === "string" ? text(raw.organizer) : null,
      certificate: raw.certificate === true || raw.certificate === false ? raw.certificate : null,
      status: statusRank(raw.status) >= 0 ? raw.status : "direncanakan",
      start: validDate(raw.start) ? raw.start : "", end: validDate(raw.end) ? raw.end : "",
      added: typeof raw.added === "string" ? raw.added.slice(0, 40) : ""
    };
  }

  function cleanKeys(raw) {
    if (!Array.isArray(raw)) return null;
    var keys = [];
    raw.forEach(function (k) {
      if (typeof k === "string" && k && k.length <= MAX_SLUG && keys.indexOf(k) < 0 && keys.length < 500) keys.push(k);
    });
    return keys;
  }

  function clean(raw) {
    var state = empty();
    if (!isObject(raw) || raw.version !== 1) return state;
    if (isObject(raw.courses)) {
      Object.keys(raw.courses).forEach(function (slug) {
        var entry = cleanEntry(slug, raw.courses[slug]);
        if (entry) state.courses[slug] = entry;
      });
    }
    if (isObject(raw.modules)) {
      Object.keys(raw.modules).forEach(function (slug) {
        var keys = validSlug(slug) && cleanKeys(raw.modules[slug]);
        if (keys && keys.length) state.modules[slug] = keys;
      });
    }
    return state;
  }

  function load() {
    if (memory) return clean(memory);
    var s = storage();
    if (!s) { memory = empty(); return clean(memory); }
    var raw = null;
    try { raw = JSON.parse(s.getItem(KEY) || "null"); } catch (e) { raw = null; }  // corrupt: start empty
    return clean(raw);
  }

  function save(state) {
    var s = memory ? null : storage();
    if (s) {
      try {
        s.setItem(KEY, JSON.stringify(state));
        return true;
      } catch (e) {
        storageProblem = "Rencana tidak dapat disimpan di peramban ini (penyimpanan penuh atau ditolak). " +
          "Perubahan hanya berlaku selama halaman ini terbuka: unduh berkas JSON agar tidak hilang.";
      }
    }
    memory = JSON.parse(JSON.stringify(state));
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Course data from the templates' data-asn-course JSON

  function readCourse(node) {
    var raw;
    try { raw = JSON.parse(node.getAttribute("data-asn-course") || "null"); } catch (e) { return null; }
    if (!isObject(raw) || !validSlug(raw.slug) || typeof raw.title !== "string" || !validJp(raw.jp)) return null;
    var modules = [];
    if (Array.isArray(raw.modules)) {
      raw.modules.forEach(function (m) {
        if (isObject(m) && typeof m.key === "string" && m.key) {
          modules.push({ key: m.key, title: text(m.title), jp: validJp(m.jp) ? m.jp : null });
        }
      });
    }
    return {
      slug: raw.slug, title: text(raw.title, MAX_TITLE), jp: raw.jp, competency: text(raw.competency),
      mode: has(MODES, raw.mode) ? raw.mode : "", mode_label: text(raw.mode_label),
      organizer: typeof raw.organizer === "string" ? text(raw.organizer) : null,
      certificate: raw.certificate === true || raw.certificate === false ? raw.certificate : null,
      url: typeof raw.url === "string" ? raw.url : "", modules: modules
    };
  }

  function entryFrom(course, status) {
    return {
      slug: course.slug, title: course.title, jp: course.jp, competency: course.competency || "",
      mode: course.mode || "", mode_label: course.mode_label || MODES[course.mode] || "",
      organizer: course.organizer === undefined ? null : course.organizer,
      certificate: course.certificate === undefined ? null : course.certificate,
      status: status || "direncanakan", start: "", end: "", added: new Date().toISOString()
    };
  }

  // Catalog facts win over what the plan remembers, except the JP of a finished course (the record).
  function refreshFromCatalog(entry, course) {
    ["title", "competency", "mode", "mode_label", "organizer", "certificate"].forEach(function (k) {
      if (course[k] !== undefined && course[k] !== "") entry[k] = course[k];
    });
    if (entry.status !== "selesai") entry.jp = course.jp;
  }

  function modeLabel(entry) { return entry.mode_label || MODES[entry.mode] || ""; }

  function courseOf(node) {
    var holder = node.closest("[data-asn-course]");
    return holder ? readCourse(holder) : null;
  }

  // The plan page, when the site links it (the "Rencana Belajar" tab).
  function planHref() {
    var found = null;
    all("a[href]").some(function (a) {
      var url;
      try { url = new URL(a.getAttribute("href"), document.baseURI); } catch (e) { return false; }
      if (url.protocol !== ROOT.protocol || url.host !== ROOT.host || url.pathname.indexOf(ROOT.pathname) !== 0) return false;
      var rel = url.pathname.slice(ROOT.pathname.length);
      if (rel === "rencana/" || rel === "rencana.html" || rel === "rencana/index.html") { found = url.href; return true; }
      return false;
    });
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Badges, add buttons, the course page bar and module ticks

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
    refresh();
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
    var href = planHref();
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
    refresh();
    var status = document.querySelector('[data-asn-plan-status="' + course.slug + '"]');
    if (status && note) status.textContent = note.trim();
  }

  // ---------------------------------------------------------------------------------------------
  // Quiz

  function setupQuiz(form) {
    if (form.getAttribute("data-asn-ready")) return;
    form.setAttribute("data-asn-ready", "1");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var questions = all("fieldset.asn-quiz__q", form);
      var right = 0;
      questions.forEach(function (q) {
        var answer = q.getAttribute("data-answer");
        var radios = all('input[type="radio"]', q);
        var chosen = radios.filter(function (r) { return r.checked; })[0];
        var correct = radios.filter(function (r) { return r.value === answer; })[0];
        var ok = !!chosen && chosen.value === answer;
        if (ok) right += 1;
        radios.forEach(function (r) {
          var label = r.closest("label");
          if (label) label.classList.toggle("asn-quiz__option--answer", r === correct);
        });
        q.classList.toggle("asn-quiz__q--right", ok);
        q.classList.toggle("asn-quiz__q--wrong", !ok);
        q.classList.toggle("asn-quiz__q--unanswered", !chosen);
        var verdict = q.querySelector(".asn-quiz__verdict");
        if (!verdict) {
          verdict = el("p", "asn-quiz__verdict");
          var explanation = q.querySelector(".asn-quiz__explanation");
          q.insertBefore(verdict, explanation && explanation.parentNode === q ? explanation : null);
        }
        var optionText = correct && correct.closest("label") ? correct.closest("label").textContent.trim() : "";
        var solution = "jawaban: " + answer + (optionText ? " (" + optionText + ")" : "");
        verdict.textContent = ok ? "Benar" : (chosen ? "Salah, " : "Belum dijawab, ") + solution;
        all(".asn-quiz__explanation", q).forEach(function (x) { x.hidden = false; });
      });
      var result = form.querySelector(".asn-quiz__result");
      var score = form.querySelector("[data-asn-quiz-score]");
      if (score) score.textContent = right + "/" + questions.length;
      if (result) {
        result.hidden = false;
        result.setAttribute("tabindex", "-1");
        result.focus();
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Plan page

  var plan = null;  // {root, data, render(rows)} for the plan on the current page

  function planData(root) {
    var data = { target: 20, courses: {}, order: [], redirects: {} };
    var target = parseInt(root.getAttribute("data-asn-target"), 10);
    // Preferred: the data-asn-plan-data attribute. A <script type="application/json"> in the page
    // content does not survive Material's instant navigation, which re-creates every inline script
    // without its attributes (so without type and id) and runs it; its text is still read here.
    var source = root.getAttribute("data-asn-plan-data");
    if (source === null) {
      var script = root.querySelector("#asn-plan-data") || document.getElementById("asn-plan-data") ||
                   root.querySelector("script");
      source = script ? script.textContent : "null";
    }
    var raw = null;
    try { raw = JSON.parse(source); } catch (e) { raw = null; }
    if (isObject(raw)) {
      if (validJp(raw.target)) target = raw.target;
      if (Array.isArray(raw.entries)) {
        raw.entries.forEach(function (c) {
          var holder = document.createElement("div");
          holder.setAttribute("data-asn-course", JSON.stringify(c));
          var course = readCourse(holder);
          if (course && !has(data.courses, course.slug)) { data.courses[course.slug] = course; data.order.push(course.slug); }
        });
      }
      if (isObject(raw.redirects)) {
        Object.keys(raw.redirects).forEach(function (old) {
          if (validSlug(old) && validSlug(raw.redirects[old])) data.redirects[old] = raw.redirects[old];
        });
      }
    }
    if (target > 0) data.target = target;
    data.order.sort(function (a, b) { return data.courses[a].title.localeCompare(data.courses[b].title, "id"); });
    return data;
  }

  function follow(slug, redirects) {
    var seen = {};
    while (has(redirects, slug) && !seen[slug]) { seen[slug] = true; slug = redirects[slug]; }
    return slug;
  }

  function mergeEntry(state, entry) {
    var old = state.courses[entry.slug];
    if (!old) { state.courses[entry.slug] = entry; return; }
    old.status = laterStatus(old.status, entry.status);
    if (entry.start) old.start = entry.start;
    if (entry.end) old.end = entry.end;
  }

  function mergeModules(state, slug, keys) {
    var have = state.modules[slug] || [];
    keys.forEach(function (k) { if (have.indexOf(k) < 0) have.push(k); });
    if (have.length) state.modules[slug] = have;
  }

  // Renamed courses (old slug -> new) and fresh catalog facts; saved only when something changed.
  function reconcile(state, data) {
    var before = JSON.stringify(state);
    Object.keys(state.courses).forEach(function (slug) {
      var target = follow(slug, data.redirects);
      if (target === slug) return;
      var entry = state.courses[slug];
      delete state.courses[slug];
      entry.slug = target;
      if (state.courses[target]) {
        var kept = state.courses[target];
        kept.status = laterStatus(kept.status, entry.status);
        kept.start = kept.start || entry.start;
        kept.end = kept.end || entry.end;
      } else {
        state.courses[target] = entry;
      }
    });
    Object.keys(state.modules).forEach(function (slug) {
      var target = follow(slug, data.redirects);
      if (target === slug) return;
      var keys = state.modules[slug];
      delete state.modules[slug];
      mergeModules(state, target, keys);
    });
    Object.keys(state.courses).forEach(function (slug) {
      if (data.courses[slug]) refreshFromCatalog(state.courses[slug], data.courses[slug]);
    });
    if (JSON.stringify(state) !== before) save(state);
    return state;
  }

  function counted(entry, year) {
    if (!entry.start && !entry.end) return true;
    return entry.start.slice(0, 4) === String(year) || entry.end.slice(0, 4) === String(year);
  }

  function totals(state) {
    var year = thisYear(), planned = 0, done = 0;
    Object.keys(state.courses).forEach(function (slug) {
      var e = state.courses[slug];
      if (!counted(e, year)) return;
      planned += e.jp;
      if (e.status === "selesai") done += e.jp;
    });
    return { planned: planned, done: done, year: year };
  }

  function ordered(state) {
    return Object.keys(state.courses).map(function (s) { return state.courses[s]; }).sort(function (a, b) {
      return a.added < b.added ? -1 : a.added > b.added ? 1 : a.title.localeCompare(b.title, "id");
    });
  }

  function setupPlan(root) {
    if (root.getAttribute("data-asn-ready")) return;
    root.setAttribute("data-asn-ready", "1");
    var data = planData(root);
    var q = function (selector) { return root.querySelector(selector); };
    var tbody = q("[data-asn-plan-rows]");
    var table = tbody ? tbody.closest("table") : null;
    var emptyNote = q("[data-asn-plan-empty]");
    var message = q("[data-asn-plan-message]");
    var totalNode = q("[data-asn-plan-total]");
    var doneNode = q("[data-asn-plan-done]");
    var findForm = q("form[data-asn-plan-find]");
    var importInput = q("input[data-asn-plan-import]");
    if (table) prepareTable(table);
    // Paragraphs that only hold controls are left out of the printed record.
    all("[data-asn-plan-export], [data-asn-plan-import], [data-asn-plan-clear], [data-asn-plan-print]", root)
      .forEach(function (control) {
        var parent = control.closest("p");
        if (parent && root.contains(parent)) parent.classList.add("asn-plan__controls");
      });

    function say(msg, problem) {
      if (!message) return;
      message.textContent = msg;
      message.classList.toggle("asn-plan__message--problem", !!problem);
    }

    function update(fn, rebuild) {
      var state = load();
      fn(state);
      var saved = save(state);
      if (!saved) say(storageProblem, true);
      render(state, rebuild);
      paintBadges(state);
      paintButtons(state);
      return saved;
    }

    function paintTotals(state) {
      var t = totals(state);
      if (totalNode) totalNode.textContent = String(t.planned);
      if (doneNode) doneNode.textContent = String(t.done);
      var remaining = q("[data-asn-plan-remaining]");
      if (remaining) remaining.textContent = String(Math.max(0, data.target - t.done));
      var year = q("[data-asn-plan-year]");
      if (year) year.textContent = String(t.year);
      root.classList.toggle("asn-plan--reached", t.done >= data.target);
    }

    function cell(row, content, className) {
      var td = el("td", className);
      if (content !== undefined) td.textContent = content;
      row.appendChild(td);
      return td;
    }

    function control(td, input, labelText, printed) {
      var id = uid("asn-plan");
      input.id = id;
      var label = el("label", "asn-sr", labelText);
      label.setAttribute("for", id);
      var print = el("span", "asn-print-only", printed);
      td.appendChild(label);
      td.appendChild(input);
      td.appendChild(print);
      return print;
    }

    function row(entry) {
      var tr = el("tr");
      tr.setAttribute("data-asn-plan-row", entry.slug);
      var th = el("th");
      th.setAttribute("scope", "row");
      var course = data.courses[entry.slug];
      var href = course && siteUrl(course.url);
      if (href) {
        var a = el("a", null, entry.title);
        a.href = href;
        a.setAttribute("data-asn-internal", "");
        th.appendChild(a);
      } else {
        th.appendChild(el("span", null, entry.title));
        if (!course && data.order.length) th.appendChild(el("span", "asn-plan__gone", " (tidak ada lagi di katalog)"));
      }
      tr.appendChild(th);
      cell(tr, entry.competency);
      cell(tr, modeLabel(entry));
      cell(tr, entry.organizer || "");
      cell(tr, String(entry.jp), "asn-plan__jp");

      var statusCell = cell(tr, undefined, "asn-plan__status");
      var select = el("select");
      STATUSES.forEach(function (s) {
        var option = el("option", null, STATUS_LABELS[s]);
        option.value = s;
        select.appendChild(option);
      });
      select.value = entry.status;
      var statusPrint = control(statusCell, select, "Status " + entry.title, STATUS_LABELS[entry.status]);
      select.addEventListener("change", function () {
        statusPrint.textContent = STATUS_LABELS[select.value] || "";
        update(function (state) { if (state.courses[entry.slug]) state.courses[entry.slug].status = select.value; }, false);
      });

      ["start", "end"].forEach(function (field) {
        var td = cell(tr, undefined, "asn-plan__date");
        var input = el("input");
        input.type = "date";
        input.value = entry[field];
        var printed = control(td, input, (field === "start" ? "Tanggal mulai " : "Tanggal selesai ") + entry.title,
                              entry[field]);
        input.addEventListener("change", function () {
          var value = validDate(input.value) ? input.value : "";
          printed.textContent = value;
          update(function (state) {
            var e = state.courses[entry.slug];
            if (!e) return;
            e[field] = value;
            if (e.start && e.end && e.end < e.start) say("Perhatian: tanggal selesai " + entry.title + " lebih awal dari tanggal mulai.", true);
          }, false);
        });
      });

      var actions = cell(tr, undefined, "asn-plan__actions");
      var remove = el("button", "md-button asn-plan__remove", "Hapus");
      remove.type = "button";
      remove.setAttribute("aria-label", "Hapus " + entry.title + " dari rencana");
      remove.addEventListener("click", function () {
        update(function (state) { delete state.courses[entry.slug]; }, true);
        say(entry.title + " dihapus dari rencana.");
        var next = tbody && tbody.querySelector("select, button");
        if (next) next.focus(); else if (findForm) { var f = findForm.querySelector("input, select"); if (f) f.focus(); }
      });
      actions.appendChild(remove);
      return tr;
    }

    function fillFinder(state) {
      if (!findForm) return;
      var available = data.order.filter(function (slug) { return !has(state.courses, slug); });
      var select = findForm.querySelector("select");
      if (select) {
        var keep = select.value;
        select.textContent = "";
        var first = el("option", null, available.length ? "Pilih kursus…" : "Semua kursus sudah ada di rencana");
        first.value = "";
        select.appendChild(first);
        available.forEach(function (slug) {
          var c = data.courses[slug];
          var option = el("option", null, c.title + " (" + c.jp + " JP)");
          option.value = slug;
          select.appendChild(option);
        });
        select.value = available.indexOf(keep) >= 0 ? keep : "";
      }
      var input = findForm.querySelector("input[list]");
      var list = input && document.getElementById(input.getAttribute("list"));
      if (list) {
        list.textContent = "";
        available.forEach(function (slug) {
          var option = el("option");
          option.value = data.courses[slug].title;
          list.appendChild(option);
        });
      }
    }

    function render(state, rebuild) {
      var entries = ordered(state);
      if (tbody && rebuild) {
        tbody.textContent = "";
        entries.forEach(function (entry) { tbody.appendChild(row(entry)); });
      }
      if (table) {
        table.hidden = entries.length === 0;
        if (table.parentNode.classList.contains("asn-plan__scroll")) table.parentNode.hidden = table.hidden;
      }
      if (emptyNote) emptyNote.hidden = entries.length > 0;
      paintTotals(state);
      if (rebuild) fillFinder(state);
      stampPrintDate();
    }

    function find(value) {
      var wanted = norm(value);
      if (!wanted) return null;
      if (data.courses[value]) return value;
      var hit = null;
      data.order.some(function (slug) {
        var c = data.courses[slug];
        if (norm(c.title) === wanted || norm(c.title + " (" + c.jp + " JP)") === wanted) { hit = slug; return true; }
        return false;
      });
      return hit;
    }

    if (findForm) {
      findForm.addEventListener("submit", function (event) {
        event.preventDefault();
        var field = findForm.querySelector("select") || findForm.querySelector("input[list]") ||
                    findForm.querySelector("input");
        var slug = field ? find(field.value) : null;
        if (!slug) {
          say(field && field.value ? "Kursus tidak ditemukan. Pilih judul dari daftar katalog." : "Pilih kursus lebih dahulu.", true);
          if (field) field.focus();
          return;
        }
        var course = data.courses[slug];
        var already = has(load().courses, slug);
        if (!already) {
          update(function (state) {
            var done = (state.modules[slug] || []).length;
            state.courses[slug] = entryFrom(course, done ? "berjalan" : "direncanakan");
          }, true);
        }
        say(already ? course.title + " sudah ada di rencana." : course.title + " ditambahkan ke rencana.");
        if (field) { field.value = ""; field.focus(); }
      });
    }

    each(all("[data-asn-plan-export]", root), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();  // Material's instant navigation would otherwise reload the page for href="#"
        var kind = link.getAttribute("data-asn-plan-export");
        var state = load();
        var name = "rencana-belajar-" + thisYear() + "." + (kind === "csv" ? "csv" : "json");
        if (kind === "csv") download(name, "\uFEFF" + toCsv(state), "text/csv;charset=utf-8");
        else download(name, JSON.stringify(toJson(state, data.target), null, 2) + "\n", "application/json");
        say("Berkas " + name + " dibuat. Periksa folder unduhan.");
      });
    });

    if (importInput) {
      importInput.addEventListener("change", function () {
        var file = importInput.files && importInput.files[0];
        if (!file) return;
        if (file.size > MAX_IMPORT_BYTES) {
          say("Berkas tidak diimpor: ukurannya lebih dari 1 MB, jadi bukan berkas rencana belajar.", true);
          importInput.value = "";
          return;
        }
        var reader = new FileReader();
        reader.onerror = function () { say("Berkas tidak dapat dibaca.", true); importInput.value = ""; };
        reader.onload = function () {
          importInput.value = "";
          var result = parseImport(String(reader.result || ""), data);
          if (result.error) { say(result.error, true); return; }
          update(function (state) {
            result.entries.forEach(function (entry) {
              var course = data.courses[entry.slug];
              if (course) refreshFromCatalog(entry, course);
              mergeEntry(state, entry);
            });
            Object.keys(result.modules).forEach(function (slug) { mergeModules(state, slug, result.modules[slug]); });
          }, true);
          var msg = result.entries.length + " kursus diimpor dari " + file.name + ".";
          if (result.skipped) msg += " " + result.skipped + " entri dilewati karena tidak valid.";
          say(msg, false);
        };
        reader.readAsText(file, "utf-8");
      });
    }

    var clear = q("[data-asn-plan-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        if (!window.confirm("Hapus seluruh rencana belajar dan catatan modul dari peramban ini? " +
                            "Tindakan ini tidak dapat dibatalkan. Unduh berkas JSON dulu bila masih diperlukan.")) return;
        update(function (state) { state.courses = {}; state.modules = {}; }, true);
        say("Rencana belajar sudah dihapus dari peramban ini.");
      });
    }

    var printButton = q("[data-asn-plan-print]");
    if (printButton) printButton.addEventListener("click", function () { window.print(); });

    var state = reconcile(load(), data);
    plan = { root: root, render: render };
    render(state, true);
    if (storageProblem) say(storageProblem, true);
  }

  // Column headers, caption and a focusable scroll box, unless the template already has them.
  var COLUMNS = ["Kursus", "Kompetensi", "Mode", "Penyelenggara", "JP", "Status", "Mulai", "Selesai", "Tindakan"];
  function prepareTable(table) {
    if (!table.caption) {
      var caption = table.createCaption();
      caption.className = "asn-sr";
      caption.textContent = "Kursus dalam rencana belajar";
    }
    if (!table.tHead) {
      var head = table.createTHead();
      var tr = head.insertRow();
      COLUMNS.forEach(function (name, i) {
        var th = el("th", i === COLUMNS.length - 1 ? "asn-plan__actions" : (name === "JP" ? "asn-plan__jp" : null), name);
        th.setAttribute("scope", "col");
        tr.appendChild(th);
      });
    }
    var heads = table.tHead.rows.length ? table.tHead.rows[0].cells : [];
    if (heads.length === COLUMNS.length) heads[heads.length - 1].classList.add("asn-plan__actions");
    var parent = table.parentNode;
    if (parent && !parent.classList.contains("asn-plan__scroll")) {
      var box = el("div", "asn-plan__scroll");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabel rencana belajar");
      parent.insertBefore(box, table);
      box.appendChild(table);
    }
  }

  function stampPrintDate() {
    if (!plan) return;
    var stamp = plan.root.querySelector(".asn-plan__printed");
    if (!stamp) {
      stamp = el("p", "asn-plan__printed asn-print-only");
      plan.root.appendChild(stamp);
    }
    stamp.textContent = "Dicetak: " + dateId(new Date());
  }

  // ---------------------------------------------------------------------------------------------
  // Export and import

  function exportCourses(state) {
    return ordered(state).map(function (e) {
      return { slug: e.slug, title: e.title, form: FORMS[e.mode] || "", organizer: e.organizer, mode: e.mode,
               start: e.start, end: e.end, jp: e.jp, certificate: e.certificate, status: e.status };
    });
  }

  function toJson(state, target) {
    return { format: FORMAT, version: 1, exported: today(), target_jp: target,
             courses: exportCourses(state), modules: state.modules };
  }

  function csvCell(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // a spreadsheet must not read a cell as a formula
    if (/[;"\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
    return s;
  }

  function toCsv(state) {
    var lines = [CSV_HEADERS.map(csvCell).join(";")];
    ordered(state).forEach(function (e) {
      var certificate = e.certificate === true ? "Ya" : e.certificate === false ? "Tidak" : "";
      lines.push([FORMS[e.mode] || "", e.title, e.organizer || "", modeLabel(e), e.start, e.end, e.jp, certificate,
                  e.status, e.slug].map(csvCell).join(";"));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download(name, content, type) {
    var a = document.createElement("a");
    a.download = name;
    a.style.display = "none";
    var objectUrl = null;
    try {
      objectUrl = URL.createObjectURL(new Blob([content], { type: type }));
      a.href = objectUrl;
    } catch (e) {
      a.href = "data:" + type + "," + encodeURIComponent(content);  // no Blob URLs here
    }
    a.addEventListener("click", function (event) { event.stopPropagation(); });  // not for instant navigation
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () {
      a.parentNode.removeChild(a);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    }, 1000);
  }

  // An imported file is untrusted: refuse a wrong shape as a whole, skip single bad entries.
  function parseImport(content, data) {
    var refuse = "Berkas tidak diimpor: ";
    var raw;
    if (content.length > MAX_IMPORT_BYTES) return { error: refuse + "ukurannya lebih dari 1 MB." };
    try { raw = JSON.parse(content.replace(/^\uFEFF/, "")); } catch (e) {
      return { error: refuse + "isinya bukan JSON yang sah. Pilih berkas rencana-belajar-….json yang diunduh dari halaman ini." };
    }
    if (!isObject(raw) || raw.format !== FORMAT) {
      return { error: refuse + "ini bukan berkas rencana belajar asn-portal (format tidak dikenali)." };
    }
    if (raw.version !== 1) return { error: refuse + "versi berkas (" + String(raw.version).slice(0, 20) + ") tidak dikenali; versi yang didukung: 1." };
    if (!Array.isArray(raw.courses)) return { error: refuse + "daftar kursus (courses) tidak ditemukan." };
    if (raw.courses.length > 5000) return { error: refuse + "berisi terlalu banyak kursus." };
    var entries = [], skipped = 0, seen = {};
    raw.courses.forEach(function (c) {
      if (!isObject(c) || !validSlug(c.slug) || typeof c.title !== "string" || !c.title || c.title.length > MAX_TITLE ||
          !validJp(c.jp) || statusRank(c.status) < 0 ||
          (c.start !== undefined && c.start !== "" && c.start !== null && !validDate(c.start)) ||
          (c.end !== undefined && c.end !== "" && c.end !== null && !validDate(c.end))) {
        skipped += 1;
        return;
      }
      var slug = follow(c.slug, data.redirects);
      if (seen[slug]) { skipped += 1; return; }
      seen[slug] = true;
      entries.push({
        slug: slug, title: c.title, jp: c.jp, competency: "", mode: has(MODES, c.mode) ? c.mode : "",
        mode_label: has(MODES, c.mode) ? MODES[c.mode] : "",
        organizer: typeof c.organizer === "string" ? text(c.organizer) : null,
        certificate: c.certificate === true || c.certificate === false ? c.certificate : null,
        status: c.status, start: validDate(c.start) ? c.start : "", end: validDate(c.end) ? c.end : "",
        added: new Date().toISOString()
      });
    });
    var modules = {};
    if (isObject(raw.modules)) {
      Object.keys(raw.modules).forEach(function (slug) {
        var keys = validSlug(slug) && cleanKeys(raw.modules[slug]);
        if (keys && keys.length) modules[follow(slug, data.redirects)] = keys;
      });
    }
    return { entries: entries, skipped: skipped, modules: modules };
  }

  // ---------------------------------------------------------------------------------------------
  // Print: the quiz key is part of the handout

  // Material's instant navigation makes every href absolute: mark the portal's own links so that the
  // printed handout spells out only where external links go.
  function markInternalLinks() {
    all(".md-typeset a[href]").forEach(function (a) {
      if (a.protocol === location.protocol && a.host === location.host) a.setAttribute("data-asn-internal", "");
    });
  }

  var opened = [];
  function beforePrint() {
    markInternalLinks();
    all("details.asn-quiz__key").forEach(function (details) {
      if (!details.open) { details.open = true; opened.push(details); }
    });
    stampPrintDate();
  }
  function afterPrint() {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  }

  // ---------------------------------------------------------------------------------------------

  function refresh() {
    var state = load();
    paintBadges(state);
    paintButtons(state);
    paintBars(state);
    if (plan && document.body.contains(plan.root)) plan.render(state, true);
  }

  function init() {
    if (plan && !document.body.contains(plan.root)) plan = null;
    all("form.asn-quiz").forEach(setupQuiz);
    markInternalLinks();
    all("[data-asn-plan]").forEach(setupPlan);
    var state = load();
    paintBadges(state);
    paintButtons(state);
    paintBars(state);
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) refresh();  // another tab or window changed the plan
  });
  document.addEventListener("asn-portal:cards", refresh);  // lists.js added cards to a long listing
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  // Print emulation (and some browsers' print preview) only flips the media query.
  if (window.matchMedia) {
    var printQuery = window.matchMedia("print");
    var onPrint = function (event) { if (event.matches) beforePrint(); else afterPrint(); };
    if (printQuery.addEventListener) printQuery.addEventListener("change", onPrint);
    else if (printQuery.addListener) printQuery.addListener(onPrint);
  }

  window.asnPortalOnEveryPage(init);  // portal.js, listed before this file
})();
