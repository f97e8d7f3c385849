/* asn-portal learning, the core: what the other learning modules share. Rencana belajar, kemajuan
 * modul dan kuis run entirely in the reader's browser; this module holds their small helpers, the
 * site root, the reader's plan in localStorage and the course data the templates put in
 * data-asn-course attributes (the values shared with Python come from constants.mjs).
 *
 * The modules are bundled into one classic script (asn-portal.js, by asn_portal/render/scripts.py):
 * it must run from file:// (the offline bundle: no ES modules, no fetch) and with Material's
 * instant navigation, which keeps scripts loaded across page swaps. Nothing here touches the page
 * when imported, so the pure parts run in Node.js (tests/js/). Oldest browsers supported:
 * Chrome/Edge 80+, Firefox 78 ESR+.
 *
 * Everything is kept in localStorage under one key (see docs/rencana-belajar.md for the format):
 * {version:2, courses:{slug:{...}}, modules:{slug:[keys done]}, profile:{nama, nip, ...}}; a stored
 * version 1 (no profile) is read as version 2. Chromium shares one localStorage
 * among all file:// pages, Firefox keeps one per file: so every plan edit can also be made on the
 * plan page itself. Contributor-provided text (course titles, organizers, option texts) is only
 * ever set with textContent / value, never as HTML. */

import { FORMS, MAX_SLUG, MODES, MONTHS, SLUG_PATTERN, STATUSES } from "./constants.mjs";
import { fold } from "./search-words.mjs";

export const KEY = "asn-portal:rencana";
export const STATUS_LABELS = { direncanakan: "Direncanakan", berjalan: "Sedang berjalan", selesai: "Selesai" };
export const MAX_TITLE = 300;
const MAX_TEXT = 300;
export const MAX_JP = 1000;
// The reader's identity on the record HR files (form[data-asn-profile]): field -> longest length.
// A NIP is kept as its 18 digits (nipDigits); tempat is the place on the printed record's date line.
export const PROFILE_FIELDS = { nama: 120, nip: 18, jabatan: 160, unit_kerja: 160, instansi: 160, atasan_nama: 120,
                        atasan_nip: 18, atasan_jabatan: 160, tempat: 80 };
export const NIP_FIELDS = ["nip", "atasan_nip"];

// ---------------------------------------------------------------------------------------------
// Small helpers

export function each(list, fn) { Array.prototype.forEach.call(list, fn); }
export function all(selector, scope) {
  return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
}
export function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
export function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
function pad(n) { return (n < 10 ? "0" : "") + n; }
export function today() {
  const d = new Date();
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}
export function thisYear() { return new Date().getFullYear(); }
// "2026-03-09" as records write it, "09-03-2026" (SIASN's dd-mm-yyyy); "" for no date.
export function dmy(date) { return date ? date.slice(8, 10) + "-" + date.slice(5, 7) + "-" + date.slice(0, 4) : ""; }
export function dateId(d) { return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear(); }

export function validSlug(slug) {
  return typeof slug === "string" && slug.length <= MAX_SLUG && SLUG_PATTERN.test(slug);
}
export function validJp(jp) { return typeof jp === "number" && jp % 1 === 0 && jp > 0 && jp <= MAX_JP; }
export function validDate(text) {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  let y = +text.slice(0, 4), m = +text.slice(5, 7), d = +text.slice(8, 10);
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
export function text(value, max) { return typeof value === "string" ? value.slice(0, max || MAX_TEXT) : ""; }

// Text from a file or a form as the plan keeps it: control characters become spaces; bidi overrides
// and isolates (a title that reads "gnp.exe" backwards), lone surrogates and non-characters go. One
// cleaner for every text the plan takes in (stored, imported, typed).
export function cleanText(value, max) {
  return text(value, max).replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])/g, "").replace(/(^|[^\ud800-\udbff])[\udc00-\udfff]/g, "$1");
}
export function statusRank(status) { return STATUSES.indexOf(status); }
export function laterStatus(a, b) { return statusRank(a) >= statusRank(b) ? a : b; }

export function norm(value) {
  return fold(value || "").replace(/\s+/g, " ").trim();  // as search folds, blanks squeezed
}

let nextId = 0;
export function uid(prefix) { nextId += 1; return prefix + "-" + nextId; }

// A year select ([data-asn-plan-year-select], the recap's): the years offered, the one chosen.
export function fillYearSelect(select, offered, chosen) {
  select.textContent = "";
  offered.forEach(function (y) {
    const option = el("option", null, String(y));
    option.value = String(y);
    select.appendChild(option);
  });
  select.value = String(chosen);
}

export function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}

// The site root, computed once when this script first runs: Material's instant navigation swaps
// pages without re-running this script and without replacing __config, whose "base" is relative to
// the page the reader first opened.
const ROOT = typeof document === "undefined" ? null : (function () {  // null: in Node.js tests
  let base = null;
  try { base = JSON.parse(document.getElementById("__config").textContent).base; } catch (e) { /* below */ }
  if (typeof base === "string") return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  const script = document.currentScript;  // assets/asn-portal/asn-portal.js
  if (script && script.src) return new URL("../../", script.src);
  return new URL("./", document.baseURI);
})();

export function siteUrl(path) {
  // Only relative page paths from the template data ("kursus/x/", "kursus/x.html").
  if (typeof path !== "string" || !path || /^[a-z][a-z0-9+.-]*:|^\/|^\\|\.\.|\s/i.test(path)) return null;
  let url = new URL(path, ROOT);
  return url.protocol === ROOT.protocol ? url.href : null;
}

// ---------------------------------------------------------------------------------------------
// Storage: {version:2, courses:{slug:{...}}, modules:{slug:[keys done]}, profile:{...}}

let memory = null;        // the state when localStorage is unavailable or refused the last write
let problem = "";  // why, in Indonesian, for the plan page

export const VERSION = 3;
function empty() { return { version: VERSION, courses: {}, modules: {}, profile: {}, activities: {} }; }
function knownVersion(v) { return v === 1 || v === 2 || v === VERSION; }

// The browser's localStorage when it may be used (private modes and policies refuse it), else null.
export function localStore(key) {
  try {
    const s = window.localStorage;
    s.getItem(key);
    return s;
  } catch (e) {
    return null;
  }
}

function storage() {
  const s = localStore(KEY);
  if (!s) {
    problem = "Peramban ini tidak mengizinkan penyimpanan (localStorage), misalnya karena mode privat " +
      "atau pengaturan keamanan. Rencana hanya tersimpan selama halaman ini terbuka: " +
      "unduh berkas JSON agar tidak hilang.";
  }
  return s;
}

function cleanEntry(slug, raw) {
  if (!validSlug(slug) || !isObject(raw) || raw.slug !== slug) return null;
  const title = cleanText(raw.title, MAX_TITLE).trim();
  if (!title || !validJp(raw.jp)) return null;
  return {
    slug: slug, title: title, jp: raw.jp,
    competency: text(raw.competency), mode: has(MODES, raw.mode) ? raw.mode : "",
    mode_label: text(raw.mode_label), organizer: typeof raw.organizer === "string" ? cleanText(raw.organizer) : null,
    certificate: raw.certificate === true || raw.certificate === false ? raw.certificate : null,
    status: statusRank(raw.status) >= 0 ? raw.status : "direncanakan",
    start: validDate(raw.start) ? raw.start : "", end: validDate(raw.end) ? raw.end : "",
    certificate_number: text(raw.certificate_number, 100),
    added: typeof raw.added === "string" ? raw.added.slice(0, 40) : ""
  };
}

// Only the known fields, as text; a NIP keeps what was typed (the form says when it is not 18 digits).
export function cleanProfile(raw) {
  const profile = {};
  if (!isObject(raw)) return profile;
  Object.keys(PROFILE_FIELDS).forEach(function (field) {
    let value = typeof raw[field] === "string" && NIP_FIELDS.indexOf(field) >= 0 ? nipDigits(raw[field]) : raw[field];
    value = cleanText(value, PROFILE_FIELDS[field]);
    if (value.trim()) profile[field] = value;
  });
  return profile;
}

export function validNip(value) { return /^[0-9]{18}$/.test(String(value || "")); }

// A NIP as people write it (ID cards print "19850312 201001 2 005"; some write dots or dashes): the
// digits when only spaces, dots and dashes stand between them, else what was typed, trimmed.
export function nipDigits(value) {
  const typed = String(value || "").trim();
  return /^[0-9][0-9\s.\-]*$/.test(typed) ? typed.replace(/[\s.\-]/g, "") : typed;
}

// 18 digits in their usual printed form: birth date, appointment month, sex, number.
export function formatNip(value) {
  const d = nipDigits(value);
  return validNip(d) ? d.slice(0, 8) + " " + d.slice(8, 14) + " " + d.slice(14, 15) + " " + d.slice(15) : d;
}

export function cleanKeys(raw) {
  if (!Array.isArray(raw)) return null;
  let keys = [];
  raw.forEach(function (k) {
    if (typeof k === "string" && k && k.length <= MAX_SLUG && keys.indexOf(k) < 0 && keys.length < 500) keys.push(k);
  });
  return keys;
}

// A stored or remembered plan, cleaned: unknown versions give an empty plan, bad entries are dropped.
export function cleanPlan(raw) {
  const state = empty();
  if (!isObject(raw) || !knownVersion(raw.version)) return state;
  state.profile = cleanProfile(raw.profile);
  if (isObject(raw.courses)) {
    Object.keys(raw.courses).forEach(function (slug) {
      const entry = cleanEntry(slug, raw.courses[slug]);
      if (entry) state.courses[slug] = entry;
    });
  }
  if (isObject(raw.modules)) {
    Object.keys(raw.modules).forEach(function (slug) {
      let keys = validSlug(slug) && cleanKeys(raw.modules[slug]);
      if (keys && keys.length) state.modules[slug] = keys;
    });
  }
  if (isObject(raw.activities)) {
    Object.keys(raw.activities).slice(0, MAX_ACTIVITIES).forEach(function (id) {
      const activity = cleanActivity(id, raw.activities[id]);
      if (activity) state.activities[id] = activity;
    });
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Learning outside the catalog (the plan page's form[data-asn-plan-activity]): a webinar, coaching
// by the supervisor, a course on another agency's LMS. Kept beside the courses in
// state.activities[id]; everything that lists, counts, prints or exports the plan reads both
// through plandata.items(). An activity's JP may have decimals (hours converted at 45 minutes).

export const ACTIVITY_ID = /^k-[a-z0-9]{1,24}$/;
export const MAX_ACTIVITIES = 1000;

export function validActivityJp(jp) { return typeof jp === "number" && isFinite(jp) && jp > 0 && jp <= MAX_JP; }
export function roundJp(jp) { return Math.round(jp * 100) / 100; }
// JP as Indonesian writes numbers: a decimal comma ("2,67"), integers as they are.
export function formatJp(jp) { return String(roundJp(jp)).replace(".", ","); }
export function activityId() { return "k-" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36); }

// A stored, imported or submitted activity, cleaned like a course entry; null when unusable.
export function cleanActivity(id, raw) {
  if (typeof id !== "string" || !ACTIVITY_ID.test(id) || !isObject(raw)) return null;
  const title = cleanText(raw.title, MAX_TITLE).trim();
  if (!title || !validActivityJp(raw.jp)) return null;
  const hours = typeof raw.hours === "number" && isFinite(raw.hours) && raw.hours > 0 && raw.hours <= MAX_JP;
  return {
    id: id, activity: true, title: title, form: has(FORMS, raw.form) ? raw.form : "lainnya",
    organizer: cleanText(raw.organizer).trim(), jp: roundJp(raw.jp),
    hours: hours ? roundJp(raw.hours) : null,
    status: statusRank(raw.status) >= 0 ? raw.status : "selesai",
    start: validDate(raw.start) ? raw.start : "", end: validDate(raw.end) ? raw.end : "",
    certificate_number: cleanText(raw.certificate_number, 100).trim(), competency: "", mode: "", mode_label: "",
    added: typeof raw.added === "string" ? raw.added.slice(0, 40) : ""
  };
}

// What a record's "Bentuk" column says: an activity's form, a course's mode.
export function formLabel(entry) { return entry.activity ? FORMS[entry.form] || "" : modeLabel(entry); }

export function load() {
  if (memory) return cleanPlan(memory);
  let s = storage();
  if (!s) { memory = empty(); return cleanPlan(memory); }
  let raw = null;
  try { raw = JSON.parse(s.getItem(KEY) || "null"); } catch (e) { raw = null; }  // corrupt: start empty
  return cleanPlan(raw);
}

export function save(state) {
  let s = memory ? null : storage();
  if (s) {
    try {
      s.setItem(KEY, JSON.stringify(state));
      return true;
    } catch (e) {
      problem = "Rencana tidak dapat disimpan di peramban ini (penyimpanan penuh atau ditolak). " +
        "Perubahan hanya berlaku selama halaman ini terbuka: unduh berkas JSON agar tidak hilang.";
    }
  }
  memory = JSON.parse(JSON.stringify(state));
  return false;
}

// Why the plan is not kept, in Indonesian ("" when it is): read after load() or save().
export function storageProblem() { return problem; }

// Browsers give a site about 5 million characters of localStorage (Chromium: 10 MB of UTF-16; from
// file:// every page and every other file:// site shares it). Past 80 % of that the reader is told,
// with the backup at hand, before a save is refused.
const STORAGE_CHARS = 5000000;
export function storageUsed(s) {
  let used = 0;
  for (let i = 0; i < s.length; i += 1) {
    const key = s.key(i);
    used += key.length + (s.getItem(key) || "").length;
  }
  return used;
}
export function storageNearlyFull() {
  const s = memory ? null : localStore(KEY);
  if (!s) return "";
  let used = 0;
  try { used = storageUsed(s); } catch (e) { return ""; }
  if (used < STORAGE_CHARS * 0.8) return "";
  return "Penyimpanan peramban ini hampir penuh (" + Math.round(used / STORAGE_CHARS * 100) + " %). Rencana " +
    "mungkin tidak tersimpan lagi: unduh cadangan (JSON) sekarang.";
}

// ---------------------------------------------------------------------------------------------
// Course data from the templates' data-asn-course JSON

export function readCourse(node) {
  let raw;
  try { raw = JSON.parse(node.getAttribute("data-asn-course") || "null"); } catch (e) { return null; }
  if (!isObject(raw) || !validSlug(raw.slug) || typeof raw.title !== "string" || !validJp(raw.jp)) return null;
  const modules = [];
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

export function entryFrom(course, status) {
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
export function refreshFromCatalog(entry, course) {
  ["title", "competency", "mode", "mode_label", "organizer", "certificate"].forEach(function (k) {
    if (course[k] !== undefined && course[k] !== "") entry[k] = course[k];
  });
  if (entry.status !== "selesai") entry.jp = course.jp;
}

export function modeLabel(entry) { return entry.mode_label || MODES[entry.mode] || ""; }

export function courseOf(node) {
  const holder = node.closest("[data-asn-course]");
  return holder ? readCourse(holder) : null;
}

// The plan page, when the site links it (the "Rencana Belajar" tab).
export function planHref() {
  let found = null;
  all("a[href]").some(function (a) {
    let url;
    try { url = new URL(a.getAttribute("href"), document.baseURI); } catch (e) { return false; }
    if (url.protocol !== ROOT.protocol || url.host !== ROOT.host) return false;
    if (url.pathname.indexOf(ROOT.pathname) !== 0) return false;
    const rel = url.pathname.slice(ROOT.pathname.length);
    if (rel === "rencana/" || rel === "rencana.html" || rel === "rencana/index.html") { found = url.href; return true; }
    return false;
  });
  return found;
}
