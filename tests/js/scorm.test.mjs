// SCORM 1.2 in an LMS (assets/src/scorm.mjs): finding the API, and a quiz's score as cmi values.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  MASTERY, MAX_DEPTH, bestRaw, findApi, isCourseQuiz, openedStatus, reportsToLms, scoreValues
} from "../../asn_portal/assets/src/scorm.mjs";

function api(name) {
  return { name: name, LMSInitialize: function () { return "true"; }, LMSSetValue: function () { return "true"; } };
}

// A chain of windows, the first being the page's: each one's parent is the next, the last its own parent.
function windows(count) {
  const list = [];
  for (let i = 0; i < count; i += 1) list.push({});
  list.forEach(function (w, i) { w.parent = list[i + 1] || w; });
  return list;
}

test("the API is found on the page's own window first", () => {
  const [page, top] = windows(2);
  page.API = api("own");
  top.API = api("top");
  assert.equal(findApi(page).name, "own");
});

test("the API is found up the parent chain", () => {
  const chain = windows(4);
  chain[3].API = api("lms");
  assert.equal(findApi(chain[0]).name, "lms");
});

test("the search up the chain stops after MAX_DEPTH windows", () => {
  const near = windows(MAX_DEPTH + 1);
  near[MAX_DEPTH].API = api("edge");
  assert.equal(findApi(near[0]).name, "edge");
  const far = windows(MAX_DEPTH + 3);
  far[MAX_DEPTH + 2].API = api("too far");
  assert.equal(findApi(far[0]), null);
});

test("then the opener and its parents are searched", () => {
  const [page] = windows(2);
  const [opener, openerTop] = windows(2);
  openerTop.API = api("popup");
  page.opener = opener;
  assert.equal(findApi(page).name, "popup");
});

test("no API, a broken one or a parent that throws gives null", () => {
  const [page, top] = windows(2);
  assert.equal(findApi(page), null);
  top.API = { LMSInitialize: "not a function" };
  assert.equal(findApi(page), null);
  const guarded = {};
  Object.defineProperty(guarded, "parent", { get() { throw new Error("SecurityError"); } });
  assert.equal(findApi(guarded), null);
  assert.equal(findApi(null), null);
});

test("a score becomes raw 0-100 rounded, min, max and a status by the mastery threshold", () => {
  assert.equal(MASTERY, 70);
  assert.deepEqual(scoreValues(2, 3), [
    ["cmi.core.score.raw", "67"], ["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
    ["cmi.core.lesson_status", "failed"]
  ]);
  assert.equal(scoreValues(7, 10)[3][1], "passed");
  assert.equal(scoreValues(3, 3)[0][1], "100");
  assert.equal(scoreValues(0, 4)[0][1], "0");
  assert.equal(scoreValues(139, 200)[0][1], "70");  // 69.5 rounds up to the threshold
  assert.equal(scoreValues(139, 200)[3][1], "passed");
});

test("counts that are not a score give nothing", () => {
  assert.equal(scoreValues(3, 2), null);
  assert.equal(scoreValues(0, 0), null);
  assert.equal(scoreValues(-1, 2), null);
  assert.equal(scoreValues(1.5, 2), null);
  assert.equal(scoreValues("1", 2), null);
});

test("the session reports its best score", () => {
  assert.equal(bestRaw(null, 1, 2), 50);
  assert.equal(bestRaw(50, 1, 4), 50);
  assert.equal(bestRaw(50, 3, 4), 75);
  assert.equal(bestRaw(50, 5, 4), 50);
});

test("only the course's final quiz is reported", () => {
  assert.equal(isCourseQuiz("coaching-mentoring-kuis", "coaching-mentoring"), true);
  assert.equal(isCourseQuiz("coaching-mentoring-modul-dasar", "coaching-mentoring"), false);
  assert.equal(isCourseQuiz("lain-kuis", "coaching-mentoring"), false);
  assert.equal(isCourseQuiz("-kuis", ""), false);
});

test("only the launched course's final quiz reports: another course page in the package reports nothing", () => {
  assert.equal(reportsToLms("anggaran-kuis", "anggaran", "anggaran"), true);
  assert.equal(reportsToLms("arsip-kuis", "arsip", "anggaran"), false);
  assert.equal(reportsToLms("anggaran-modul-satu", "anggaran", "anggaran"), false);
  assert.equal(reportsToLms("-kuis", "", ""), false);
});

test("opening a page: incomplete, completed for a course without a final quiz, never a step back", () => {
  assert.equal(openedStatus("not attempted", true, true), "incomplete");
  assert.equal(openedStatus("", false, false), "incomplete");
  assert.equal(openedStatus("not attempted", true, false), "completed");
  assert.equal(openedStatus("failed", true, false), "completed");
  assert.equal(openedStatus("failed", true, true), "");
  assert.equal(openedStatus("passed", true, false), "");
  assert.equal(openedStatus("completed", true, true), "");
  assert.equal(openedStatus("incomplete", false, false), "");
});
