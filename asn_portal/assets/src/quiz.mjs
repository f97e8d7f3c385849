/* asn-portal learning, self-check quizzes (form[data-asn-quiz], from macros.j2). "Periksa jawaban"
 * marks every question: an answered one right or wrong, with its correct choice marked
 * ([data-asn-quiz-correct]) and its explanation shown; an unanswered one only says so, so that the
 * answer is never given away before the reader has tried. The score "N/M" (unanswered counts as
 * wrong) takes the focus. "Coba lagi" clears the answers and marks. "Cetak kunci jawaban" prints the
 * page with the answer keys (print.mjs; otherwise print leaves keys and marks out).
 *
 * The last and the best score of each quiz are kept in this browser only, under one localStorage key
 * (cleaned on every read; a broken value reads as no scores), and given to the plan page by
 * asnLearning.quizScores():
 *   {"<data-asn-quiz>": {"course": "<slug>", "title": "<data-asn-quiz-title>",
 *                        "last": {"right": n, "total": m, "date": "YYYY-MM-DD"}, "best": {...}}}
 * Best is the highest share right (the first date it was reached). Without JavaScript the buttons
 * stay hidden and the key stays readable in its closed <details>. withScore and cleanScores are pure
 * (tests/js/quiz.test.mjs). Each check emits an "asn-portal:quiz" event (bubbling, detail {id, course,
 * right, total}) that scorm.mjs reports to an LMS. */

import { SLUG_PATTERN } from "./constants.mjs";
import { MAX_TITLE, all, dateId, el, isObject, localStore, text, today, validDate, validSlug } from "./core.mjs";
import { printKeySheet } from "./print.mjs";

// A form's named children are properties of the form (an explanation's <span id="querySelector"> would be
// form.querySelector), so a form's methods are always taken from the prototype, never read off the form.
function attr(form, name) { return Element.prototype.getAttribute.call(form, name); }
function find(form, selector) { return Element.prototype.querySelector.call(form, selector); }

const KEY = "asn-portal:kuis";  // {version: 1, quizzes: {id: record}}
const MAX_ID = 250;  // an id is a slug: course slug + "-kuis" or "-modul-" + module key
const MAX_QUIZZES = 1000;
const MAX_QUESTIONS = 1000;

// ---------------------------------------------------------------------------------------------
// Scores in localStorage

let memory = null;  // the scores when localStorage is unavailable or refused the last write

function storage() { return localStore(KEY); }

function count(n, min, max) { return typeof n === "number" && n % 1 === 0 && n >= min && n <= max; }
function validId(id) { return typeof id === "string" && id.length <= MAX_ID && SLUG_PATTERN.test(id); }

function cleanScore(raw) {
  if (!isObject(raw) || !count(raw.total, 1, MAX_QUESTIONS) || !count(raw.right, 0, raw.total)) return null;
  if (!validDate(raw.date)) return null;
  return { right: raw.right, total: raw.total, date: raw.date };
}

export function better(a, b) { return a.right * b.total > b.right * a.total; }

function cleanRecord(id, raw) {
  if (!validId(id) || !isObject(raw) || !validSlug(raw.course)) return null;
  let last = cleanScore(raw.last), best = cleanScore(raw.best);
  if (!last && !best) return null;
  if (!last) last = best;
  if (!best || better(last, best)) best = last;
  return { course: raw.course, title: text(raw.title, MAX_TITLE).trim() || "Kuis", last: last, best: best };
}

// The stored scores as kept: {version: 1, quizzes: {id: record}} -> {id: record}, bad parts dropped.
export function cleanScores(raw) {
  let scores = {};
  if (!isObject(raw) || raw.version !== 1 || !isObject(raw.quizzes)) return scores;
  Object.keys(raw.quizzes).slice(0, MAX_QUIZZES).forEach(function (id) {
    const record = cleanRecord(id, raw.quizzes[id]);
    if (record) scores[id] = record;
  });
  return scores;
}

export function quizScores() {
  if (memory) return cleanScores({ version: 1, quizzes: memory });
  let s = storage();
  if (!s) return {};
  try { return cleanScores(JSON.parse(s.getItem(KEY) || "null")); } catch (e) { return {}; }  // corrupt: none
}

function saveScores(scores) {
  let s = memory ? null : storage();
  if (s) {
    try {
      s.setItem(KEY, JSON.stringify({ version: 1, quizzes: scores }));
      return;
    } catch (e) { /* full or refused: keep them for this visit */ }
  }
  memory = scores;
}

// The score of one check of the form, kept as its last and, when higher, its best.
function record(form, right, total) {
  let scores = withScore(quizScores(), attr(form, "data-asn-quiz"), attr(form, "data-asn-quiz-course"),
                          attr(form, "data-asn-quiz-title"), right, total, today());
  if (scores) saveScores(scores);
}

// `scores` (changed) with one more check of quiz `id`: `right` of `total` on `date`, kept as the
// quiz's last score and, when higher, its best; at most MAX_QUIZZES quizzes (the one last taken
// longest ago makes room). null for an id, course or count that is not valid.
export function withScore(scores, id, course, title, right, total, date) {
  if (!validId(id) || !validSlug(course) || !count(total, 1, MAX_QUESTIONS) || !count(right, 0, total)) return null;
  let score = { right: right, total: total, date: date };
  const before = scores[id];
  if (!before) {
    const ids = Object.keys(scores);
    if (ids.length >= MAX_QUIZZES) {  // make room: the quiz last taken longest ago goes
      ids.sort(function (a, b) { return scores[a].last.date < scores[b].last.date ? -1 : 1; });
      delete scores[ids[0]];
    }
  }
  scores[id] = {
    course: course, title: text(title, MAX_TITLE).trim() || "Kuis",
    last: score, best: before && !better(score, before.best) ? before.best : score
  };
  return scores;
}

// ---------------------------------------------------------------------------------------------
// The form

function dateText(iso) {
  return dateId(new Date(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)));
}

function paintBest(form, scores) {
  const place = find(form, "[data-asn-quiz-best]");
  if (!place) return;
  const found = (scores || quizScores())[attr(form, "data-asn-quiz")];
  place.textContent = "";
  place.hidden = !found;
  if (!found) return;
  let best = found.best, last = found.last;
  place.appendChild(document.createTextNode("Skor terbaik: "));
  place.appendChild(el("strong", "", best.right + "/" + best.total));
  let said = " (" + dateText(best.date) + ")";
  if (last.right !== best.right || last.total !== best.total || last.date !== best.date) {
    said += ". Skor terakhir: " + last.right + "/" + last.total + " (" + dateText(last.date) + ")";
  }
  place.appendChild(document.createTextNode(said + "."));
}

function labelOf(radio) { return radio.closest("label"); }

function choiceText(radio) {
  let label = labelOf(radio);
  const text = label && label.querySelector(".asn-quiz__text");
  return ((text || label || {}).textContent || "").trim();
}

// " <span>words</span>" after the choice's text: the space keeps "20 JP jawaban benar" apart when read.
function addMark(radio, className, words) {
  let label = labelOf(radio);
  if (!label) return;
  const mark = el("span", "asn-quiz__mark " + className, " ");
  mark.appendChild(el("span", "", words));
  (label.querySelector(".asn-quiz__text") || label).appendChild(mark);
}

// Back to unchecked: no verdict, no marks, explanations hidden.
function clearMarks(q) {
  q.classList.remove("asn-quiz__q--right", "asn-quiz__q--wrong", "asn-quiz__q--unanswered");
  all("[data-asn-quiz-correct]", q).forEach(function (x) { x.removeAttribute("data-asn-quiz-correct"); });
  all(".asn-quiz__option--wrong", q).forEach(function (x) { x.classList.remove("asn-quiz__option--wrong"); });
  all(".asn-quiz__mark, .asn-quiz__verdict", q).forEach(function (x) { x.parentNode.removeChild(x); });
  all(".asn-quiz__explanation", q).forEach(function (x) { x.hidden = true; });
}

// Marks one question; returns "right", "wrong" or "" (not answered).
function mark(q) {
  clearMarks(q);
  const answer = q.getAttribute("data-answer");
  const radios = all('input[type="radio"]', q);
  const chosen = radios.filter(function (r) { return r.checked; })[0];
  const verdict = el("p", "asn-quiz__verdict");
  const explanation = q.querySelector(".asn-quiz__explanation");
  q.insertBefore(verdict, explanation && explanation.parentNode === q ? explanation : null);
  if (!chosen) {
    q.classList.add("asn-quiz__q--unanswered");
    verdict.textContent = "Belum dijawab. Pilih satu jawaban, lalu tekan \u201cPeriksa jawaban\u201d lagi.";
    return "";
  }
  let correct = radios.filter(function (r) { return r.value === answer; })[0];
  const option = correct ? choiceText(correct) : "";
  const ok = chosen === correct;
  q.classList.add(ok ? "asn-quiz__q--right" : "asn-quiz__q--wrong");
  if (correct && labelOf(correct)) {
    labelOf(correct).setAttribute("data-asn-quiz-correct", "");
    addMark(correct, "asn-quiz__mark--correct", "jawaban benar");
  }
  if (!ok && labelOf(chosen)) {
    labelOf(chosen).classList.add("asn-quiz__option--wrong");
    addMark(chosen, "asn-quiz__mark--wrong", "pilihan Anda");
  }
  verdict.textContent = ok ? "Benar" : "Salah, jawaban: " + answer + (option ? " (" + option + ")" : "");
  if (explanation) explanation.hidden = false;
  return ok ? "right" : "wrong";
}

function check(form) {
  const questions = all("[data-asn-quiz-question]", form);
  if (!questions.length) return;
  let right = 0, unanswered = 0;
  questions.forEach(function (q) {
    const outcome = mark(q);
    if (outcome === "right") right += 1;
    if (!outcome) unanswered += 1;
  });
  const total = questions.length;
  let score = find(form, "[data-asn-quiz-score]");
  if (score) score.textContent = right + "/" + total;
  let said = find(form, ".asn-quiz__said");
  if (said) {
    said.textContent = " (benar " + right + " dari " + total + " soal" +
      (unanswered ? ", " + unanswered + " belum dijawab" : "") + ")";
  }
  record(form, right, total);
  paintBest(form);
  // for scorm.mjs (an LMS's score), and anyone else listening: which quiz, and its score
  EventTarget.prototype.dispatchEvent.call(form, new CustomEvent("asn-portal:quiz", { bubbles: true, detail: {
    id: attr(form, "data-asn-quiz"), course: attr(form, "data-asn-quiz-course"),
    right: right, total: total
  } }));
  const retry = find(form, "[data-asn-quiz-retry]");
  if (retry) retry.hidden = false;
  let result = find(form, ".asn-quiz__result");
  if (result) {
    result.hidden = false;
    result.setAttribute("tabindex", "-1");
    result.focus();
  }
}

function retry(form) {
  all('input[type="radio"]', form).forEach(function (r) { r.checked = false; });
  all("[data-asn-quiz-question]", form).forEach(clearMarks);
  let result = find(form, ".asn-quiz__result");
  if (result) result.hidden = true;
  let score = find(form, "[data-asn-quiz-score]");
  if (score) score.textContent = "";
  let said = find(form, ".asn-quiz__said");
  if (said) said.textContent = "";
  const button = find(form, "[data-asn-quiz-retry]");
  if (button) button.hidden = true;
  const first = find(form, 'input[type="radio"]');
  if (first) first.focus();
}

export function setupQuiz(form) {
  if (attr(form, "data-asn-ready")) return;
  Element.prototype.setAttribute.call(form, "data-asn-ready", "1");
  EventTarget.prototype.addEventListener.call(form, "submit", function (event) {
    event.preventDefault();
    check(form);
  });
  const again = find(form, "[data-asn-quiz-retry]");
  if (again) again.addEventListener("click", function () { retry(form); });
  const keys = find(form, "[data-asn-quiz-keysheet]");
  if (keys) {
    keys.hidden = false;
    keys.addEventListener("click", function () {
      printKeySheet();
    });
  }
  all(".asn-quiz__actions", form).forEach(function (x) { x.hidden = false; });
  paintBest(form);
}

// Another tab or window took a quiz: its best score here follows (learning.mjs calls this once).
export function followOtherTabs() {
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    let scores = quizScores();
    all("form[data-asn-quiz][data-asn-ready]").forEach(function (form) { paintBest(form, scores); });
  });
}
