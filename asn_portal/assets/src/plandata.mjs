/* asn-portal learning, the plan as data (no DOM but the plan page's data attribute): the catalog the
 * plan page carries (planData: plannable courses, yearly JP target, renamed slugs), following
 * renames, merging imported entries and module ticks, bringing stored entries up to date with the
 * catalog (reconcile), the year's JP totals and the plan's order. Shared by the plan page
 * (plan.mjs) and export/import (records.mjs), so the rules that decide what the plan holds live in
 * one place; no DOM when imported, so tests/js/plan.test.mjs runs it in Node.js. */

import {
  has, isObject, laterStatus, readCourse, refreshFromCatalog, roundJp, save, thisYear, validJp, validSlug
} from "./core.mjs";

export function planData(root) {
  const data = { target: 20, courses: {}, order: [], redirects: {}, site: null, pages: {} };
  let target = parseInt(root.getAttribute("data-asn-target"), 10);
  // Preferred: the data-asn-plan-data attribute. A <script type="application/json"> in the page
  // content does not survive Material's instant navigation, which re-creates every inline script
  // without its attributes (so without type and id) and runs it; its text is still read here.
  let source = root.getAttribute("data-asn-plan-data");
  if (source === null) {
    const script = root.querySelector("#asn-plan-data") || document.getElementById("asn-plan-data") ||
                  root.querySelector("script");
    source = script ? script.textContent : "null";
  }
  let raw = null;
  try { raw = JSON.parse(source); } catch (e) { raw = null; }
  if (isObject(raw)) {
    if (validJp(raw.target)) target = raw.target;
    if (Array.isArray(raw.entries)) {
      raw.entries.forEach(function (c) {
        const holder = document.createElement("div");
        holder.setAttribute("data-asn-course", JSON.stringify(c));
        const course = readCourse(holder);
        if (course && !has(data.courses, course.slug)) {
          data.courses[course.slug] = course;
          data.order.push(course.slug);
        }
      });
    }
    // The published site and each course's path on it, for the address column of the HR record.
    if (typeof raw.site === "string" && /^https?:\/\/[^\s"<>\\]+$/.test(raw.site) && isObject(raw.pages)) {
      data.site = raw.site;
      Object.keys(raw.pages).forEach(function (slug) {
        const path = raw.pages[slug];
        if (validSlug(slug) && typeof path === "string" && !/^[a-z][a-z0-9+.-]*:|^\/|\.\.|\s|\\/i.test(path)) {
          data.pages[slug] = path;
        }
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

export function follow(slug, redirects) {
  const seen = Object.create(null);  // a slug may be "constructor"
  while (has(redirects, slug) && !seen[slug]) { seen[slug] = true; slug = redirects[slug]; }
  return slug;
}

export function mergeEntry(state, entry) {
  const old = state.courses[entry.slug];
  if (!old) { state.courses[entry.slug] = entry; return; }
  old.status = laterStatus(old.status, entry.status);
  if (entry.start) old.start = entry.start;
  if (entry.end) old.end = entry.end;
  if (entry.certificate_number) old.certificate_number = entry.certificate_number;
}

// An imported activity: a new one is added; one the plan has (same id) keeps its edits, takes the
// later status and fills what it lacks.
export function mergeActivity(state, activity) {
  const old = state.activities[activity.id];
  if (!old) { state.activities[activity.id] = activity; return; }
  old.status = laterStatus(old.status, activity.status);
  ["start", "end", "certificate_number", "organizer"].forEach(function (k) { if (!old[k]) old[k] = activity[k]; });
}

export function mergeModules(state, slug, keys) {
  const have = state.modules[slug] || [];
  keys.forEach(function (k) { if (have.indexOf(k) < 0) have.push(k); });
  if (have.length) state.modules[slug] = have;
}

// Renamed courses (old slug -> new) and fresh catalog facts; saved only when something changed.
export function reconcile(state, data) {
  const before = JSON.stringify(state);
  Object.keys(state.courses).forEach(function (slug) {
    let target = follow(slug, data.redirects);
    if (target === slug) return;
    const entry = state.courses[slug];
    delete state.courses[slug];
    entry.slug = target;
    if (state.courses[target]) {
      const kept = state.courses[target];
      kept.status = laterStatus(kept.status, entry.status);
      kept.start = kept.start || entry.start;
      kept.end = kept.end || entry.end;
      kept.certificate_number = kept.certificate_number || entry.certificate_number;
    } else {
      state.courses[target] = entry;
    }
  });
  Object.keys(state.modules).forEach(function (slug) {
    let target = follow(slug, data.redirects);
    if (target === slug) return;
    const keys = state.modules[slug];
    delete state.modules[slug];
    mergeModules(state, target, keys);
  });
  Object.keys(state.courses).forEach(function (slug) {
    if (data.courses[slug]) refreshFromCatalog(state.courses[slug], data.courses[slug]);
  });
  if (JSON.stringify(state) !== before) save(state);
  return state;
}

// Which year a course counts for. A finished course counts in the year of its end date and nowhere
// without one (the plan page asks for it: a record HR files needs the date). Any other course counts
// in the year of its start or end date, or, undated, in whichever year the reader is looking at.
export function countsIn(entry, year) {
  const y = String(year);
  if (entry.status === "selesai") return !!entry.end && entry.end.slice(0, 4) === y;
  if (!entry.start && !entry.end) return true;
  return entry.start.slice(0, 4) === y || entry.end.slice(0, 4) === y;
}

export function needsEndDate(entry) { return entry.status === "selesai" && !entry.end; }

// JP of ``year`` (this year by default): planned = every course counted that year, done = the
// finished ones among them.
export function totals(state, year) {
  year = year || thisYear();
  let planned = 0, done = 0;
  items(state).forEach(function (e) {
    if (!countsIn(e, year)) return;
    planned += e.jp;
    if (e.status === "selesai") done += e.jp;
  });
  return { planned: roundJp(planned), done: roundJp(done), year: year };
}

// Years a reader may look at: this year, the one before and after, and every year a date names.
export function years(state) {
  let found = {}, now = thisYear();
  [now - 1, now, now + 1].forEach(function (y) { found[y] = true; });
  items(state).forEach(function (e) {
    [e.start, e.end].forEach(function (d) { if (d) found[+d.slice(0, 4)] = true; });
  });
  return Object.keys(found).map(Number).sort(function (a, b) { return b - a; });
}

// Every record of the plan: its courses and the activities outside the catalog (activity: true).
export function items(state) {
  const courses = Object.keys(state.courses).map(function (s) { return state.courses[s]; });
  const activities = state.activities || {};
  return courses.concat(Object.keys(activities).map(function (id) { return activities[id]; }));
}

// A record's key in the plan page's rows and in undo: the course's slug or the activity's id.
export function itemKey(entry) { return entry.activity ? entry.id : entry.slug; }

export function ordered(state) {
  return items(state).sort(function (a, b) {
    return a.added < b.added ? -1 : a.added > b.added ? 1 : a.title.localeCompare(b.title, "id");
  });
}
