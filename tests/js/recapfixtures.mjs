// Shared fixtures of the HR recap's tests (recap.test.mjs, recapfiles.test.mjs): two people, a course,
// an activity, a plan state, its JSON backup, and a recap loaded from [name, text] pairs.
import { addFile, newRecap } from "../../asn_portal/assets/src/recap.mjs";
import { toJson } from "../../asn_portal/assets/src/records.mjs";

export const DATA = { target: 20, redirects: { lama: "baru" }, courses: {}, order: [], site: null, pages: {} };
export const ANI = { nama: "Ani Lestari", nip: "198503122010012005", jabatan: "Analis SDM", unit_kerja: "Bidang PK",
                     instansi: "BKPSDM Contoh" };
export const BUDI = { nama: "Budi Santoso", nip: "197001011995031001", instansi: "Dinas Contoh" };

export function course(slug, extra) {
  return Object.assign({ slug: slug, title: "Kursus " + slug, jp: 8, competency: "Teknis", mode: "daring",
                         mode_label: "Daring", organizer: "BPSDM", certificate: true, status: "selesai",
                         start: "2026-03-01", end: "2026-03-05", certificate_number: "",
                         added: "2026-01-01T00:00:00.000Z" }, extra);
}

export function activity(id, extra) {
  return Object.assign({ id: id, activity: true, title: "Webinar " + id, form: "seminar", organizer: "LAN",
                         jp: 2.5, hours: null, status: "selesai", start: "2026-04-01", end: "2026-04-01",
                         certificate_number: "W-1", competency: "", mode: "", mode_label: "", added: "2026-04-01" },
                       extra);
}

export function state(profile, courses, activities) {
  const s = { version: 3, courses: {}, modules: {}, profile: profile, activities: {} };
  courses.forEach(function (c) { s.courses[c.slug] = c; });
  (activities || []).forEach(function (a) { s.activities[a.id] = a; });
  return s;
}

// The plan page's "Unduh cadangan (JSON)"; ``exported`` replaces its export date (null: none).
export function backup(profile, courses, activities, exported) {
  const out = toJson(state(profile, courses, activities), 20, DATA);
  if (exported !== undefined) out.exported = exported;
  if (exported === null) delete out.exported;
  return JSON.stringify(out, null, 2) + "\n";
}

export function load(files) {
  const recap = newRecap();
  const results = files.map(function (f) { return addFile(recap, f[0], f[1], DATA); });
  return { recap: recap, results: results };
}

export function titles(person) { return person.items.map(function (e) { return e.title; }).sort(); }
