/* asn-portal learning, the record a reader hands to HR: their identity (form[data-asn-profile] on the
 * plan page, saved in the plan as it changes, exported and imported with it) and the printed record
 * ([data-asn-record]: "Rencana dan Capaian Pengembangan Kompetensi Tahun N", identity, the year's
 * courses with planned and completed JP against the target, and a signature block for the reader and
 * "Mengetahui, Atasan Langsung"). The record is what the plan page prints (print media): nothing to
 * click first. Filled with textContent only: every value may come from an imported file. Needs
 * learning-core.js and learning-plandata.js; learning-plan.js calls it. */
(function (L) {
  "use strict";

  var el = L.el, all = L.all, load = L.load, save = L.save, validNip = L.validNip, PROFILE_FIELDS = L.PROFILE_FIELDS,
      ordered = L.ordered, countsIn = L.countsIn, totals = L.totals, dateId = L.dateId, modeLabel = L.modeLabel;

  var IDENTITY = [["nama", "Nama"], ["nip", "NIP"], ["jabatan", "Jabatan"], ["unit_kerja", "Unit kerja"],
                  ["instansi", "Instansi"]];

  function inputs(root) {
    return all("form[data-asn-profile] [name]", root).filter(function (input) {
      return Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, input.name);
    });
  }

  // A NIP is 18 digits: said next to the field, never refused (what was typed is kept).
  function checkNip(input) {
    if (input.name !== "nip" && input.name !== "atasan_nip") return;
    var value = input.value.replace(/\s+/g, "");
    var wrong = value !== "" && !validNip(value);
    input.setAttribute("aria-invalid", wrong ? "true" : "false");
    var note = input.form && input.form.querySelector('[data-asn-profile-error="' + input.name + '"]');
    if (note) {
      note.hidden = !wrong;
      note.textContent = wrong ? "NIP terdiri atas 18 angka tanpa spasi; yang tertulis " + value.length + " karakter." : "";
    }
  }

  function fillProfile(root, profile) {
    inputs(root).forEach(function (input) {
      input.value = profile[input.name] || "";
      checkNip(input);
    });
  }

  function setupProfile(root, changed) {
    var form = root.querySelector("form[data-asn-profile]");
    if (!form) return;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fillProfile(root, load().profile || {});
    inputs(root).forEach(function (input) {
      input.addEventListener("input", function () {
        var state = load();
        var value = input.name.indexOf("nip") >= 0 ? input.value.replace(/\s+/g, "") : input.value;
        if (value.trim()) state.profile[input.name] = value.slice(0, PROFILE_FIELDS[input.name]);
        else delete state.profile[input.name];
        save(state);
        checkNip(input);
        changed();
      });
    });
  }

  function text(node, selector, value) {
    var target = node.querySelector(selector);
    if (target) target.textContent = value;
  }

  function dmy(date) { return date ? date.slice(8, 10) + "-" + date.slice(5, 7) + "-" + date.slice(0, 4) : "–"; }

  function renderRecord(root, state, data, year) {
    var record = root.querySelector("[data-asn-record]");
    if (!record) return;
    var profile = state.profile || {};
    all("[data-asn-record-year]", record).forEach(function (node) { node.textContent = String(year); });
    var identity = record.querySelector("[data-asn-record-identity]");
    if (identity) {
      identity.textContent = "";
      IDENTITY.forEach(function (pair) {
        var tr = el("tr");
        var th = el("th", null, pair[1]);
        th.setAttribute("scope", "row");
        tr.appendChild(th);
        tr.appendChild(el("td", null, profile[pair[0]] || "…………………………"));
        identity.appendChild(tr);
      });
    }
    var rows = record.querySelector("[data-asn-record-rows]");
    var courses = ordered(state).filter(function (e) { return countsIn(e, year); });
    if (rows) {
      rows.textContent = "";
      courses.forEach(function (e, i) {
        var tr = el("tr");
        [String(i + 1), e.title, e.organizer || "–", modeLabel(e) || "–", dmy(e.start), dmy(e.end), String(e.jp),
         L.STATUS_LABELS[e.status] || e.status].forEach(function (value, n) {
          tr.appendChild(el(n === 1 ? "th" : "td", null, value));
        });
        rows.appendChild(tr);
      });
      if (!courses.length) {
        var none = el("tr");
        var td = el("td", null, "Belum ada kursus untuk tahun " + year + ".");
        td.colSpan = 8;
        none.appendChild(td);
        rows.appendChild(none);
      }
    }
    var t = totals(state, year);
    text(record, "[data-asn-record-planned]", String(t.planned));
    text(record, "[data-asn-record-done]", String(t.done));
    text(record, "[data-asn-record-target]", String(data.target));
    text(record, "[data-asn-record-reached]", t.done >= data.target ?
      "Target " + data.target + " JP tahun " + year + " tercapai." :
      "Kurang " + (data.target - t.done) + " JP dari target " + data.target + " JP tahun " + year + ".");
    text(record, "[data-asn-record-name]", profile.nama || "(nama)");
    text(record, "[data-asn-record-nip]", "NIP " + (profile.nip || "…………………………"));
    text(record, "[data-asn-record-boss]", profile.atasan_nama || "(nama atasan langsung)");
    text(record, "[data-asn-record-boss-nip]", "NIP " + (profile.atasan_nip || "…………………………"));
    stampPrintDate();
  }

  function stampPrintDate() {
    all("[data-asn-record-date]").forEach(function (node) { node.textContent = dateId(new Date()); });
  }

  L.setupProfile = setupProfile;
  L.fillProfile = fillProfile;
  L.renderRecord = renderRecord;
  L.stampPrintDate = stampPrintDate;
})(window.asnLearning);
