// The learning plan as data (assets/src/plandata.mjs, core.mjs): merging, renames, the year a
// course counts for and its JP totals, and a stored plan cleaned on every read.
import { test } from "node:test";
import assert from "node:assert/strict";

import { cleanPlan, laterStatus, validDate, validSlug } from "../../asn_portal/assets/src/core.mjs";
import { countsIn, follow, mergeEntry, mergeModules, needsEndDate, ordered, reconcile, totals, years }
  from "../../asn_portal/assets/src/plandata.mjs";

function course(slug, extra) {
  return Object.assign({ slug: slug, title: "Kursus " + slug, jp: 10, competency: "", mode: "daring",
                         mode_label: "Daring", organizer: null, certificate: null, status: "direncanakan",
                         start: "", end: "", certificate_number: "", added: "2026-01-01T00:00:00.000Z" }, extra);
}

function plan(...courses) {
  const state = { version: 2, courses: {}, modules: {}, profile: {} };
  courses.forEach(function (c) { state.courses[c.slug] = c; });
  return state;
}

test("a finished course counts in the year of its end date", () => {
  const c = course("a", { status: "selesai", start: "2025-12-01", end: "2026-01-15" });
  assert.equal(countsIn(c, 2026), true);
  assert.equal(countsIn(c, 2025), false);
});

test("a finished course without an end date counts in no year and asks for one", () => {
  const c = course("a", { status: "selesai", start: "2026-03-01" });
  assert.equal(countsIn(c, 2026), false);
  assert.equal(needsEndDate(c), true);
  assert.equal(needsEndDate(course("b", { status: "berjalan" })), false);
});

test("an undated planned course counts in whichever year is viewed", () => {
  const c = course("a");
  assert.equal(countsIn(c, 2020), true);
  assert.equal(countsIn(c, 2031), true);
});

test("a dated course in progress counts in the year of its start or its end", () => {
  const c = course("a", { status: "berjalan", start: "2025-11-01", end: "2026-02-01" });
  assert.equal(countsIn(c, 2025), true);
  assert.equal(countsIn(c, 2026), true);
  assert.equal(countsIn(c, 2027), false);
});

test("totals per year: planned is every course counted, done the finished ones", () => {
  const state = plan(course("a", { jp: 8 }), course("b", { jp: 12, status: "selesai", end: "2026-05-01" }),
                     course("c", { jp: 20, status: "selesai", end: "2025-05-01" }),
                     course("d", { jp: 4, status: "selesai" }));
  assert.deepEqual(totals(state, 2026), { planned: 20, done: 12, year: 2026 });
  assert.deepEqual(totals(state, 2025), { planned: 28, done: 20, year: 2025 });
});

test("years offered: around this year and every year a date names, newest first", () => {
  const now = new Date().getFullYear();
  const found = years(plan(course("a", { start: "2019-02-01" })));
  assert.deepEqual(found, [now + 1, now, now - 1, 2019].sort((a, b) => b - a));
});

test("merging an imported course keeps the later status and fills dates", () => {
  const state = plan(course("a", { status: "berjalan", start: "2026-01-02" }));
  mergeEntry(state, course("a", { status: "direncanakan", end: "2026-03-01", certificate_number: "X-1" }));
  assert.equal(state.courses.a.status, "berjalan");
  assert.equal(state.courses.a.start, "2026-01-02");
  assert.equal(state.courses.a.end, "2026-03-01");
  assert.equal(state.courses.a.certificate_number, "X-1");
  mergeEntry(state, course("b"));
  assert.ok(state.courses.b);
});

test("the later status wins in either order", () => {
  assert.equal(laterStatus("selesai", "direncanakan"), "selesai");
  assert.equal(laterStatus("direncanakan", "berjalan"), "berjalan");
});

test("module ticks merge without duplicates", () => {
  const state = plan();
  state.modules.a = ["m1"];
  mergeModules(state, "a", ["m1", "m2"]);
  mergeModules(state, "b", []);
  assert.deepEqual(state.modules, { a: ["m1", "m2"] });
});

test("renamed slugs are followed, a redirect loop ends", () => {
  assert.equal(follow("lama", { lama: "baru", baru: "terbaru" }), "terbaru");
  assert.equal(follow("x", { x: "y", y: "x" }), "x");
  assert.equal(follow("z", {}), "z");
});

test("reconcile moves a renamed course onto its new slug and refreshes catalog facts", () => {
  const state = plan(course("lama", { status: "selesai", end: "2026-02-02", jp: 7 }), course("baru"));
  state.modules.lama = ["m1"];
  const catalog = { title: "Judul Baru", jp: 9, competency: "Teknis", mode: "luring", mode_label: "Luring",
                    organizer: "BPSDM", certificate: true };
  reconcile(state, { redirects: { lama: "baru" }, courses: { baru: catalog } });
  assert.deepEqual(Object.keys(state.courses), ["baru"]);
  const kept = state.courses.baru;
  assert.equal(kept.status, "selesai");
  assert.equal(kept.end, "2026-02-02");
  assert.equal(kept.title, "Judul Baru");
  assert.equal(kept.jp, 10, "the JP of a finished course is its record, not the catalog's");
  assert.deepEqual(state.modules, { baru: ["m1"] });
});

test("the plan's order: when added, then title", () => {
  const state = plan(course("b", { added: "2026-02-01" }), course("a", { added: "2026-01-01" }),
                     course("c", { added: "2026-01-01", title: "Awal" }));
  assert.deepEqual(ordered(state).map((c) => c.slug), ["c", "a", "b"]);
});

test("a stored plan is cleaned: version 1 read as 3, bad entries dropped, unknown values emptied", () => {
  const raw = { version: 1, courses: {
    ok: { slug: "ok", title: "Baik", jp: 3, mode: "teleportasi", status: "entah", start: "2026-02-30" },
    "Bad Slug": { slug: "Bad Slug", title: "x", jp: 1 },
    mismatch: { slug: "other", title: "x", jp: 1 },
    nojp: { slug: "nojp", title: "x", jp: 0 }
  }, modules: { ok: ["a", "a", 5, "b"], "../x": ["a"] } };
  const state = cleanPlan(raw);
  assert.equal(state.version, 3);
  assert.deepEqual(Object.keys(state.courses), ["ok"]);
  assert.equal(state.courses.ok.mode, "");
  assert.equal(state.courses.ok.status, "direncanakan");
  assert.equal(state.courses.ok.start, "");
  assert.deepEqual(state.modules, { ok: ["a", "b"] });
  assert.deepEqual(cleanPlan({ version: 4, courses: { ok: raw.courses.ok } }).courses, {});
  assert.deepEqual(cleanPlan(null), { version: 3, courses: {}, modules: {}, profile: {}, activities: {} });
});

test("dates and slugs are checked as the catalog checks them", () => {
  assert.equal(validDate("2024-02-29"), true);
  assert.equal(validDate("2026-02-29"), false);
  assert.equal(validDate("1899-12-31"), false);
  assert.equal(validSlug("kursus-satu"), true);
  assert.equal(validSlug("Kursus"), false);
  assert.equal(validSlug("a".repeat(101)), false);
});
