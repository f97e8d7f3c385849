/* asn-portal learning, the core: what every other learning-*.js file shares. Rencana belajar,
 * kemajuan modul dan kuis run entirely in the reader's browser; this file holds their constants,
 * small helpers, the site root, the reader's plan in localStorage and the course data the
 * templates put in data-asn-course attributes. It creates the namespace window.asnLearning, so it
 * loads first (after portal.js and lists.js); the others add to it, and learning.js, last, runs
 * them on every page.
 *
 * Why split into plain classic scripts sharing one object: they must run from file:// (the offline
 * bundle: no ES modules, no fetch) and with Material's instant navigation, which keeps scripts
 * loaded across page swaps. ES5 style, no dependencies. Oldest browsers supported: Chrome/Edge
 * 80+, Firefox 78 ESR+.
 *
 * Everything is kept in localStorage under one key (see docs/rencana-belajar.md for the format):
 * {version:2, courses:{slug:{...}}, modules:{slug:[keys done]}, profile:{nama, nip, ...}}; a stored
 * version 1 (no profile) is read as version 2. Chromium shares one localStorage
 * among all file:// pages, Firefox keeps one per file: so every plan edit can also be made on the
 * plan page itself. Contributor-provided text (course titles, organizers, option texts) is only
 * ever set with textContent / value, never as HTML. */
(function (L) {
  "use strict";

  var KEY = "asn-portal:rencana";
  var STATUSES = ["direncanakan", "berjalan", "selesai"];
  var MODES = { daring: "Daring", luring: "Luring", campuran: "Campuran", mandiri: "Mandiri" };
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                "Oktober", "November", "Desember"];
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_SLUG = 100;
  var MAX_TITLE = 300;
  var MAX_TEXT = 300;
  var MAX_JP = 1000;
  // The reader's identity on the record HR files (form[data-asn-profile]): field -> longest length.
  var PROFILE_FIELDS = { nama: 120, nip: 18, jabatan: 160, unit_kerja: 160, instansi: 160, atasan_nama: 120,
                         atasan_nip: 18 };

  L.KEY = KEY;
  L.STATUSES = STATUSES;
  L.MODES = MODES;
  L.MAX_TITLE = MAX_TITLE;
  L.PROFILE_FIELDS = PROFILE_FIELDS;

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

  L.each = each; L.all = all; L.has = has; L.isObject = isObject; L.today = today; L.thisYear = thisYear;
  L.dateId = dateId; L.validSlug = validSlug; L.validJp = validJp; L.validDate = validDate; L.text = text;
  L.statusRank = statusRank; L.laterStatus = laterStatus; L.norm = norm; L.uid = uid; L.el = el;

  // The site root, computed once when this script first runs: Material's instant navigation swaps
  // pages without re-running this script and without replacing __config, whose "base" is relative to
  // the page the reader first opened.
  var ROOT = (function () {
    var base = null;
    try { base = JSON.parse(document.getElementById("__config").textContent).base; } catch (e) { /* below */ }
    if (typeof base === "string") return new URL(base.replace(/\/?$/, "/"), document.baseURI);
    var script = document.currentScript;  // assets/asn-portal/learning-core.js
    if (script && script.src) return new URL("../../", script.src);
    return new URL("./", document.baseURI);
  })();

  function siteUrl(path) {
    // Only relative page paths from the template data ("kursus/x/", "kursus/x.html").
    if (typeof path !== "string" || !path || /^[a-z][a-z0-9+.-]*:|^\/|^\\|\.\.|\s/i.test(path)) return null;
    var url = new URL(path, ROOT);
    return url.protocol === ROOT.protocol ? url.href : null;
  }

  L.siteUrl = siteUrl;

  // ---------------------------------------------------------------------------------------------
  // Storage: {version:2, courses:{slug:{...}}, modules:{slug:[keys done]}, profile:{...}}

  var memory = null;        // the state when localStorage is unavailable or refused the last write
  var storageProblem = "";  // why, in Indonesian, for the plan page

  function empty() { return { version: 2, courses: {}, modules: {}, profile: {} }; }

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
      certificate_number: text(raw.certificate_number, 100),
      added: typeof raw.added === "string" ? raw.added.slice(0, 40) : ""
    };
  }

  // Only the known fields, as text; a NIP keeps what was typed (the form says when it is not 18 digits).
  function cleanProfile(raw) {
    var profile = {};
    if (!isObject(raw)) return profile;
    Object.keys(PROFILE_FIELDS).forEach(function (field) {
      var value = text(raw[field], PROFILE_FIELDS[field]).replace(/[\u0000-\u001f\u007f]/g, " ");
      if (value.trim()) profile[field] = value;
    });
    return profile;
  }

  function validNip(value) { return /^[0-9]{18}$/.test(String(value || "")); }

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
    if (!isObject(raw) || (raw.version !== 1 && raw.version !== 2)) return state;
    state.profile = cleanProfile(raw.profile);
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

  L.cleanKeys = cleanKeys;
  L.cleanProfile = cleanProfile;
  L.validNip = validNip;
  L.load = load;
  L.save = save;
  L.storageProblem = function () { return storageProblem; };  // read after load() or save()

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
      status: status || "direncanakan", start: "", end: "", certificate_number: "",
      added: new Date().toISOString()
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

  L.readCourse = readCourse;
  L.entryFrom = entryFrom;
  L.refreshFromCatalog = refreshFromCatalog;
  L.modeLabel = modeLabel;
  L.courseOf = courseOf;
  L.planHref = planHref;
})(window.asnLearning = window.asnLearning || {});
