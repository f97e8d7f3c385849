// Self-check quiz scores (assets/src/quiz.mjs): what a check keeps, what a stored record keeps.
import { test } from "node:test";
import assert from "node:assert/strict";

import { better, cleanScores, withScore } from "../../asn_portal/assets/src/quiz.mjs";

test("a better score is a higher share of right answers", () => {
  assert.equal(better({ right: 3, total: 4 }, { right: 2, total: 3 }), true);
  assert.equal(better({ right: 2, total: 4 }, { right: 1, total: 2 }), false);
});

test("a check is kept as the last score and, when higher, the best", () => {
  let scores = withScore({}, "kursus-a-kuis", "kursus-a", "Kuis A", 2, 4, "2026-01-01");
  assert.deepEqual(scores["kursus-a-kuis"].best, { right: 2, total: 4, date: "2026-01-01" });
  scores = withScore(scores, "kursus-a-kuis", "kursus-a", "Kuis A", 1, 4, "2026-01-02");
  assert.equal(scores["kursus-a-kuis"].last.right, 1);
  assert.equal(scores["kursus-a-kuis"].best.right, 2);
  scores = withScore(scores, "kursus-a-kuis", "kursus-a", "Kuis A", 4, 4, "2026-01-03");
  assert.equal(scores["kursus-a-kuis"].best.right, 4);
});

test("a check with a bad id, course or count is not kept", () => {
  assert.equal(withScore({}, "Bad Id", "kursus-a", "", 1, 2, "2026-01-01"), null);
  assert.equal(withScore({}, "a-kuis", "../x", "", 1, 2, "2026-01-01"), null);
  assert.equal(withScore({}, "a-kuis", "a", "", 3, 2, "2026-01-01"), null);
  assert.equal(withScore({}, "a-kuis", "a", "", 0, 0, "2026-01-01"), null);
});

test("an untitled quiz is called Kuis", () => {
  assert.equal(withScore({}, "a-kuis", "a", "  ", 1, 1, "2026-01-01")["a-kuis"].title, "Kuis");
});

test("the quiz taken longest ago makes room at a thousand quizzes", () => {
  const scores = {};
  for (let i = 0; i < 1000; i += 1) {
    const day = "2026-01-" + String(1 + (i % 28)).padStart(2, "0");
    scores["q" + i] = { course: "a", title: "Kuis", last: { right: 1, total: 1, date: i === 500 ? "2025-01-01" : day },
                        best: { right: 1, total: 1, date: day } };
  }
  const after = withScore(scores, "baru", "a", "Kuis", 1, 1, "2026-02-01");
  assert.equal(Object.keys(after).length, 1000);
  assert.equal(after.q500, undefined);
  assert.ok(after.baru);
});

test("stored scores are cleaned: wrong version none, bad records dropped, best never below last", () => {
  assert.deepEqual(cleanScores({ version: 2, quizzes: { a: {} } }), {});
  assert.deepEqual(cleanScores("x"), {});
  const got = cleanScores({ version: 1, quizzes: {
    "a-kuis": { course: "a", title: "T", last: { right: 3, total: 3, date: "2026-01-01" },
                best: { right: 1, total: 3, date: "2025-01-01" } },
    "b-kuis": { course: "b", last: { right: 5, total: 3, date: "2026-01-01" } },
    "C": { course: "c", last: { right: 1, total: 1, date: "2026-01-01" } },
    "d-kuis": { course: "d", best: { right: 1, total: 2, date: "2026-01-01" } }
  } });
  assert.deepEqual(Object.keys(got).sort(), ["a-kuis", "d-kuis"]);
  assert.equal(got["a-kuis"].best.right, 3);
  assert.deepEqual(got["d-kuis"].last, got["d-kuis"].best);
  assert.equal(got["d-kuis"].title, "Kuis");
});
