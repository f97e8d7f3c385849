/* asn-portal learning, one row of the plan page (plan.mjs): a course or an activity outside the
 * catalog, its status, dates, certificate number and actions, as a table row on wide screens and a
 * card on phones (the same markup). ctx: {data, year(), update(fn, rebuild), stored(state, entry),
 * focusIn(key, n), say(msg, problem), remove(entry), edit(activity)}. Hooks: see plan.mjs. */

import { STATUSES } from "./constants.mjs";
import { STATUS_LABELS, el, formLabel, formatJp, load, siteUrl, uid, validDate } from "./core.mjs";
import { countsIn, itemKey, needsEndDate } from "./plandata.mjs";
import { quizScores } from "./quiz.mjs";

export const COLUMNS = ["Kursus/kegiatan", "JP", "Status", "Tanggal mulai", "Tanggal selesai", "Nomor sertifikat",
                        "Tindakan"];

// A visible label in the card layout; in the table the column heading says it (screen readers
// get the label in both).
function field(td, input, labelText) {
  const id = uid("asn-plan");
  input.id = id;
  const label = el("label", "asn-plan__label", labelText);
  label.setAttribute("for", id);
  td.appendChild(label);
  td.appendChild(input);
  return input;
}

function cell(tr, column, className) {
  let td = el("td", className);
  td.setAttribute("data-label", COLUMNS[column]);
  tr.appendChild(td);
  return td;
}

function activityCell(tr, entry) {
  let th = el("th", "asn-plan__course");
  th.setAttribute("scope", "row");
  th.appendChild(el("span", null, entry.title));
  th.appendChild(el("span", "asn-plan__gone", " (di luar katalog)"));
  const facts = [formLabel(entry), entry.organizer].filter(function (x) { return !!x; });
  if (entry.hours) facts.push(String(entry.hours).replace(".", ",") + " jam");
  if (facts.length) th.appendChild(el("span", "asn-plan__facts", facts.join(" · ")));
  tr.appendChild(th);
}

function courseCell(tr, entry, data) {
  if (entry.activity) { activityCell(tr, entry); return; }
  let th = el("th", "asn-plan__course");
  th.setAttribute("scope", "row");
  let course = data.courses[entry.slug];
  const href = course && siteUrl(course.url);
  let title;
  if (href) {
    title = el("a", null, entry.title);
    title.href = href;
    title.setAttribute("data-asn-internal", "");
  } else {
    title = el("span", null, entry.title);
  }
  th.appendChild(title);
  if (!course && data.order.length) th.appendChild(el("span", "asn-plan__gone", " (tidak ada lagi di katalog)"));
  const facts = [entry.competency, formLabel(entry), entry.organizer].filter(function (x) { return !!x; });
  if (facts.length) th.appendChild(el("span", "asn-plan__facts", facts.join(" · ")));
  let scores = scoresText(entry.slug);
  if (scores) th.appendChild(el("span", "asn-plan__scores", scores));
  tr.appendChild(th);
}

function scoresText(slug) {
  const found = [];
  let scores = quizScores();
  Object.keys(scores || {}).sort().forEach(function (id) {
    const s = scores[id];
    if (!s || s.course !== slug || !s.last || !s.best) return;
    found.push((s.title || "Kuis") + ": terakhir " + s.last.right + "/" + s.last.total + ", terbaik " +
                s.best.right + "/" + s.best.total);
  });
  return found.join("; ");
}

export function planRow(entry, ctx) {
  const data = ctx.data, year = ctx.year(), update = ctx.update, stored = ctx.stored, focusIn = ctx.focusIn;
  let tr = el("tr");
  const key = itemKey(entry);
  tr.setAttribute("data-asn-plan-row", key);
  if (entry.activity) tr.setAttribute("data-asn-plan-activity-row", "");
  tr.classList.toggle("asn-plan__row--other-year", !countsIn(entry, year) && !needsEndDate(entry));
  courseCell(tr, entry, data);
  cell(tr, 1, "asn-plan__jp").textContent = formatJp(entry.jp) + " JP";

  let select = el("select");
  STATUSES.forEach(function (s) {
    let option = el("option", null, STATUS_LABELS[s]);
    option.value = s;
    select.appendChild(option);
  });
  select.value = entry.status;
  field(cell(tr, 2, "asn-plan__status"), select, "Status");
  select.addEventListener("change", function () {
    update(function (state) {
      if (stored(state, entry)) stored(state, entry).status = select.value;
    }, true);
    focusIn(key, 0);
  });

  ["start", "end"].forEach(function (name, i) {
    let td = cell(tr, 3 + i, "asn-plan__date");
    let input = el("input");
    input.type = "date";
    input.value = entry[name];
    field(td, input, i ? "Tanggal selesai" : "Tanggal mulai");
    if (name === "end" && needsEndDate(entry)) {
      // Finished but undated: it counts for no year until the reader says when it ended.
      let ask = el("span", "asn-plan__ask", "Isi tanggal selesai agar JP kursus ini terhitung.");
      ask.id = uid("asn-plan-ask");
      input.setAttribute("aria-describedby", ask.id);
      input.setAttribute("aria-invalid", "true");
      td.appendChild(ask);
      tr.classList.add("asn-plan__row--ask");
    }
    input.addEventListener("change", function () {
      const value = validDate(input.value) ? input.value : "";
      update(function (state) {
        const e = stored(state, entry);
        if (!e) return;
        e[name] = value;
        if (e.start && e.end && e.end < e.start) {
          ctx.say("Perhatian: tanggal selesai " + entry.title + " lebih awal dari tanggal mulai.", true);
        }
      }, true);
      focusIn(key, 1 + i);
    });
  });

  const number = el("input");
  number.type = "text";
  number.maxLength = 100;
  number.autocomplete = "off";
  number.value = entry.certificate_number || "";
  number.placeholder = "bila ada";
  field(cell(tr, 5, "asn-plan__number"), number, "Nomor sertifikat");
  number.addEventListener("change", function () {
    update(function (state) {
      if (stored(state, entry)) stored(state, entry).certificate_number = number.value.trim();
    }, false);
  });

  const actions = cell(tr, 6, "asn-plan__actions");
  if (entry.activity) {
    const change = el("button", "md-button asn-plan__edit", "Ubah");
    change.type = "button";
    change.setAttribute("aria-label", "Ubah " + entry.title);
    change.setAttribute("data-asn-plan-edit", "");
    change.addEventListener("click", function () {
      const current = stored(load(), entry);  // another tab may have removed it meanwhile
      if (current) ctx.edit(current);
    });
    actions.appendChild(change);
  }
  const remove = el("button", "md-button asn-plan__remove", "Hapus");
  remove.type = "button";
  remove.setAttribute("aria-label", "Hapus " + entry.title + " dari rencana");
  remove.setAttribute("data-asn-plan-remove", "");
  actions.appendChild(remove);
  remove.addEventListener("click", function () { ctx.remove(entry); });
  return tr;
}
