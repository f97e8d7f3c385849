/* asn-portal in an LMS: SCORM 1.2 reporting for the package `asn-portal scorm --course SLUG` writes
 * (asn_portal/kit/scorm.py). Part of every page's bundle, it does nothing unless an LMS's API is
 * found the standard SCORM 1.2 way: `window.API` on this window or its parents, then on
 * `window.opener` and its parents, at most MAX_DEPTH steps each. Without it the page makes no call.
 *
 * With it: LMSInitialize("") when the page starts; a lesson_status "not attempted" becomes
 * "incomplete". A course page without a final quiz reports "completed" when opened; with one, its
 * introduction says the score goes to the LMS (it says answers go nowhere). Checking a
 * course's final quiz (data-asn-quiz = "<course>-kuis"; module quizzes are not reported, nor the quiz of
 * another course page in the package: only the launched course's, named by the package) sets
 * cmi.core.score.raw (0-100, rounded; the best of this session), score.min 0, score.max 100 and
 * lesson_status "passed" at MASTERY or more, else "failed", then LMSCommit(""). LMSFinish("") once,
 * on pagehide or beforeunload. findApi, scoreValues, bestRaw, isCourseQuiz, reportsToLms and openedStatus are pure
 * (tests/js/scorm.test.mjs). */

import { all, readCourse } from "./core.mjs";
import { onEveryPage } from "./page.mjs";

export const MASTERY = 70;  // percent right for "passed" (README: Paket SCORM)
export const MAX_DEPTH = 7;  // windows searched up each chain: the usual bound of SCORM 1.2's finder

function apiOf(win) {
  try {
    const api = win && win.API;
    return api && typeof api.LMSInitialize === "function" && typeof api.LMSSetValue === "function" ? api : null;
  } catch (e) {
    return null;  // a parent of another origin: not ours to read
  }
}

function parentOf(win) {
  try { return win.parent && win.parent !== win ? win.parent : null; } catch (e) { return null; }
}

function chain(win) {
  let steps = 0;
  while (win && steps <= MAX_DEPTH) {
    const api = apiOf(win);
    if (api) return api;
    win = parentOf(win);
    steps += 1;
  }
  return null;
}

// The LMS's API object seen from `win` (this window, its parents, then its opener's), or null.
export function findApi(win) {
  if (!win) return null;
  let api = chain(win);
  if (api) return api;
  let opener = null;
  try { opener = win.opener || null; } catch (e) { opener = null; }
  return opener ? chain(opener) : null;
}

// `right` of `total` as the cmi values to set, in the order they are set; null for counts that are not valid.
export function scoreValues(right, total) {
  if (typeof right !== "number" || typeof total !== "number" || right % 1 !== 0 || total % 1 !== 0 ||
      total < 1 || right < 0 || right > total) return null;
  const raw = Math.round(right * 100 / total);
  return [
    ["cmi.core.score.raw", String(raw)],
    ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"],
    ["cmi.core.lesson_status", raw >= MASTERY ? "passed" : "failed"]
  ];
}

// The score to report: the better of this session's earlier best (`before`, null if none) and `right`/`total`.
export function bestRaw(before, right, total) {
  const values = scoreValues(right, total);
  if (!values) return before;
  const raw = Number(values[0][1]);
  return before === null || raw > before ? raw : before;
}

// Whether quiz `id` of `course` is the course's final quiz (module quizzes end "-modul-<key>").
export function isCourseQuiz(id, course) {
  return typeof id === "string" && typeof course === "string" && course !== "" && id === course + "-kuis";
}

// Whether quiz `id` of `course` reports to the LMS: only the final quiz of the course the package launches
// (`launched`, from the package's <meta name="asn-scorm-course">; another course page the package holds
// because the launched one links it reports nothing).
export function reportsToLms(id, course, launched) {
  return isCourseQuiz(id, course) && course === launched;
}

// The lesson_status to set when a page opens (current `status`, whether it is a course page and whether
// that course has a final quiz), or "" to leave it.
export function openedStatus(status, coursePage, hasQuiz) {
  if (status === "passed" || status === "completed") return "";
  if (coursePage && !hasQuiz) return "completed";
  return status === "not attempted" || status === "" ? "incomplete" : "";
}

const LMS_INTRO = "Periksa pemahaman Anda: pilih jawaban, lalu tekan \u201cPeriksa jawaban\u201d. Skor kuis akhir " +
  "ini dikirim ke LMS (lulus bila minimal " + MASTERY + "); skor terakhir dan terbaik juga disimpan di peramban ini.";

let lms = null;  // the API while this page's session is open
let launched = "";  // the slug of the course the package launches (kit/scorm.py marks every page)
let best = null;  // the best raw score reported in this session

function call(name, args) {
  try { return String(lms[name].apply(lms, args)); } catch (e) { return "false"; }
}

function finish() {
  if (!lms) return;
  call("LMSFinish", [""]);
  lms = null;
}

function report(event) {
  const d = event.detail || {};
  if (!lms || !reportsToLms(d.id, d.course, launched)) return;
  const raw = bestRaw(best, d.right, d.total);
  if (raw === null) return;
  best = raw;
  scoreValues(raw, 100).forEach(function (pair) { call("LMSSetValue", pair); });
  call("LMSCommit", [""]);
}

// The slug of the course this page is about (its plan bar), or "" on any other page.
function pageCourse() {
  const bar = document.querySelector(".asn-plan-bar[data-asn-course]");
  const course = bar && readCourse(bar);
  return course ? course.slug : "";
}

// A page opened: "not attempted" becomes "incomplete"; a course page without a final quiz is "completed".
function markStatus() {
  if (!lms) return;
  const status = call("LMSGetValue", ["cmi.core.lesson_status"]);
  const course = pageCourse() === launched ? launched : "";
  const quiz = all("form[data-asn-quiz]").filter(function (form) {
    return reportsToLms(Element.prototype.getAttribute.call(form, "data-asn-quiz"), course, launched);
  })[0];
  // the page says answers go nowhere; in an LMS the final quiz's score does
  const intro = quiz && quiz.previousElementSibling;
  if (intro && intro.classList.contains("asn-quiz__intro")) intro.textContent = LMS_INTRO;
  const next = openedStatus(status, course !== "", Boolean(quiz));
  if (next) {
    call("LMSSetValue", ["cmi.core.lesson_status", next]);
    call("LMSCommit", [""]);
  }
}

// Looks for an LMS once, when the page's script starts; without one nothing else happens.
export function startScorm() {
  const api = findApi(window);
  if (!api) return;
  const mark = document.querySelector("meta[name=\"asn-scorm-course\"]");
  launched = (mark && mark.getAttribute("content")) || "";
  lms = api;
  if (call("LMSInitialize", [""]) !== "true") {
    lms = null;
    return;
  }
  onEveryPage(markStatus);
  document.addEventListener("asn-portal:quiz", report);
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
}
