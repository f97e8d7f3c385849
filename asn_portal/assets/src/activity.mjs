/* asn-portal learning, learning outside the catalog: the plan page's form[data-asn-plan-activity].
 * Most of an ASN's 20 JP comes from elsewhere (a webinar announced in a WhatsApp group, coaching by
 * the supervisor, a course on another agency's LMS), so the reader records it here and it counts,
 * prints and exports like a course. Fields (names are a contract): kegiatan, bentuk, penyelenggara,
 * mulai, selesai, jp (as the certificate or letter writes it, a decimal comma allowed), satuan (JP or
 * jam: hours become JP at the site's minutes per JP for that form, 45 unless mkdocs.yml says
 * otherwise), nomor_sertifikat. The same form edits an activity ("Ubah" on its row). Pure parts
 * (readActivity) are tested in Node.js. */

import { FORMS, JP_MINUTES } from "./constants.mjs";
import {
  MAX_ACTIVITIES, MAX_JP, MAX_TITLE, activityId, cleanActivity, cleanText, formatJp, has, load, roundJp,
  storageProblem, today, validDate
} from "./core.mjs";

// "2,5" or "2.5" -> 2.5; anything else -> NaN.
export function readNumber(value) {
  const s = String(value || "").trim().replace(",", ".");
  return /^[0-9]+(\.[0-9]+)?$/.test(s) ? parseFloat(s) : NaN;
}

// The form's values -> {activity} or {error, field} (Indonesian, naming the field to fix).
// ``old``: the activity being edited (keeps its id, status and when it was added).
export function readActivity(values, minutes, old) {
  const typed = String(values.kegiatan || "");
  const title = cleanText(typed, typed.length).trim();
  if (!title) return { error: "Tulis nama kegiatan, misalnya \"Webinar Manajemen Risiko\".", field: "kegiatan" };
  if (title.length > MAX_TITLE) {
    return { error: "Nama kegiatan terlalu panjang (paling banyak " + MAX_TITLE + " huruf).", field: "kegiatan" };
  }
  if (!has(FORMS, values.bentuk)) {
    return { error: "Pilih bentuk kegiatan (seminar/webinar, coaching, e-learning …): SIASN mencatatnya.",
            field: "bentuk" };
  }
  const end = values.selesai || "";
  if (!validDate(end)) {
    return { error: "Isi tanggal selesai kegiatan (untuk kegiatan satu hari: tanggalnya).", field: "selesai" };
  }
  const start = values.mulai || end;
  if (!validDate(start)) return { error: "Tanggal mulai tidak valid.", field: "mulai" };
  if (start > end) return { error: "Tanggal mulai lebih akhir dari tanggal selesai.", field: "mulai" };
  const amount = readNumber(values.jp);
  if (!(amount > 0) || amount > MAX_JP) {
    return { error: "Tulis JP (atau jam) sebagai angka lebih dari 0, misalnya 2 atau 2,5.", field: "jp" };
  }
  const form = values.bentuk;
  const hours = values.satuan === "jam";
  const jp = hours ? roundJp(amount * 60 / ((minutes && minutes[form]) || JP_MINUTES)) : roundJp(amount);
  if (!(jp > 0) || jp > MAX_JP) return { error: "JP hasil hitungan di luar batas (0–" + MAX_JP + ").", field: "jp" };
  const id = old ? old.id : activityId();
  const status = old && old.status !== "direncanakan" ? old.status : end <= today() ? "selesai" : "direncanakan";
  const activity = cleanActivity(id, {
    title: title, form: form, organizer: values.penyelenggara, start: start, end: end, jp: jp,
    hours: hours ? amount : null, certificate_number: String(values.nomor_sertifikat || "").trim(), status: status,
    added: old ? old.added : new Date().toISOString()
  });
  return activity ? { activity: activity } : { error: "Kegiatan tidak dapat disimpan.", field: "kegiatan" };
}

function valuesOf(form) {
  const values = {};
  Array.prototype.forEach.call(form.elements, function (input) { if (input.name) values[input.name] = input.value; });
  return values;
}

// The form's controls for an activity being edited (hours shown as hours when it was given so).
function fill(form, a) {
  const set = function (name, value) { const input = form.elements.namedItem(name); if (input) input.value = value; };
  set("kegiatan", a.title);
  set("bentuk", a.form);
  set("penyelenggara", a.organizer || "");
  set("mulai", a.start);
  set("selesai", a.end);
  set("jp", formatJp(a.hours || a.jp));
  set("satuan", a.hours ? "jam" : "jp");
  set("nomor_sertifikat", a.certificate_number || "");
}

// Binds the form; save(activity) stores it (false: the browser refused), say(msg, problem) reports.
// Returns {edit(activity), cancel(id)}: cancel() ends an edit (of that activity only, when id is given).
export function setupActivityForm(root, data, save, say) {
  const form = root.querySelector("form[data-asn-plan-activity]");
  if (!form) return { edit: function () {}, cancel: function () {} };
  const message = form.querySelector("[data-asn-activity-message]");
  const cancel = form.querySelector("[data-asn-activity-cancel]");
  const submit = form.querySelector("button[type=submit]");
  let editing = null;

  // field: the control to mark (aria-invalid); problem: shown as one even without a field.
  function tell(text, field, problem) {
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name) input.setAttribute("aria-invalid", input.name === field ? "true" : "false");
    });
    if (message) {
      message.textContent = text;
      message.classList.toggle("asn-plan__message--problem", !!field || !!problem);
    }
  }

  function reset() {
    editing = null;
    form.reset();
    if (cancel) cancel.hidden = true;
    if (submit) submit.textContent = "Simpan kegiatan";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const stored = load().activities;
    if (editing && !has(stored, editing.id)) {  // removed (here or in another tab) while being edited
      reset();
      tell("Kegiatan yang sedang diubah sudah dihapus. Isi formulir lagi untuk mencatatnya sebagai kegiatan baru.",
          "kegiatan");
      return;
    }
    if (!editing && Object.keys(stored).length >= MAX_ACTIVITIES) {
      tell("Rencana ini sudah memuat " + MAX_ACTIVITIES + " kegiatan, batas yang disimpan peramban. Hapus kegiatan " +
          "tahun-tahun lama (unduh cadangan JSON dulu) sebelum mencatat yang baru.", "kegiatan");
      return;
    }
    // The stored activity, not the one the edit began with: a status changed in its row since stays.
    const result = readActivity(valuesOf(form), data.jp_minutes, editing ? stored[editing.id] : null);
    if (result.error) {
      tell(result.error, result.field);
      const bad = form.elements.namedItem(result.field);
      if (bad) bad.focus();
      return;
    }
    const a = result.activity;
    if (!save(a)) {  // kept for this page only: say so, never "saved"
      reset();
      tell("Kegiatan \"" + a.title + "\" tercatat, tetapi " + storageProblem().charAt(0).toLowerCase() +
          storageProblem().slice(1), "", true);
      return;
    }
    const counted = a.hours ? " (" + formatJp(a.hours) + " jam = " + formatJp(a.jp) + " JP)" : "";
    const what = editing ? " diperbarui." : " dicatat" + counted + ".";
    reset();
    tell("Kegiatan \"" + a.title + "\"" + what, "");
    say("Kegiatan \"" + a.title + "\"" + what);
  });
  if (cancel) cancel.addEventListener("click", function () { reset(); tell("", ""); });

  function edit(activity) {
    editing = activity;
    fill(form, activity);
    if (cancel) cancel.hidden = false;
    if (submit) submit.textContent = "Simpan perubahan";
    tell("Mengubah \"" + activity.title + "\". Simpan perubahan atau batalkan.", "");
    const first = form.elements.namedItem("kegiatan");
    if (first) first.focus();
  }

  return { edit: edit, cancel: function (id) {
    if (editing && (id === undefined || editing.id === id)) { reset(); tell("", ""); }
  } };
}
