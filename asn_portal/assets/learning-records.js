/* asn-portal learning, the plan as a file: CSV and JSON export ("rencana-belajar-<year>.csv/.json",
 * downloaded without a server, from file:// too) and JSON import. The CSV follows the columns of a
 * development record (Bentuk Pengembangan ... Slug Portal; ";" separated, UTF-8 with BOM, cells that
 * a spreadsheet would read as a formula prefixed with "'"). The JSON ("format": "asn-portal-rencana",
 * version 1; see docs/rencana-belajar.md) is the backup a reader moves to another browser: an
 * imported file is untrusted, so a wrong shape is refused as a whole and bad entries are skipped.
 * Its own file because file formats change for other reasons than the plan page's table. The plan
 * page (learning-plan.js) binds its controls with bindExport / bindImport. Needs learning-core.js
 * and learning-plandata.js. */
(function (L) {
  "use strict";

  var FORMS = { luring: "klasikal", daring: "nonklasikal", mandiri: "nonklasikal",
                campuran: "klasikal dan nonklasikal" };
  var MAX_IMPORT_BYTES = 1024 * 1024;
  var FORMAT = "asn-portal-rencana";
  var CSV_HEADERS = ["Bentuk Pengembangan", "Judul Kursus", "Penyelenggara", "Mode", "Tanggal Mulai",
                     "Tanggal Selesai", "JP", "Sertifikat", "Status", "Slug Portal"];

  var each = L.each, all = L.all, has = L.has, isObject = L.isObject, today = L.today, thisYear = L.thisYear,
      validSlug = L.validSlug, validJp = L.validJp, validDate = L.validDate, text = L.text, statusRank = L.statusRank,
      MODES = L.MODES, MAX_TITLE = L.MAX_TITLE, cleanKeys = L.cleanKeys, load = L.load, modeLabel = L.modeLabel,
      refreshFromCatalog = L.refreshFromCatalog, ordered = L.ordered, follow = L.follow, mergeEntry = L.mergeEntry,
      mergeModules = L.mergeModules;

  function exportCourses(state) {
    return ordered(state).map(function (e) {
      return { slug: e.slug, title: e.title, form: FORMS[e.mode] || "", organizer: e.organizer, mode: e.mode,
               start: e.start, end: e.end, jp: e.jp, certificate: e.certificate, status: e.status };
    });
  }

  function toJson(state, target) {
    return { format: FORMAT, version: 1, exported: today(), target_jp: target,
             courses: exportCourses(state), modules: state.modules };
  }

  // A spreadsheet must read no cell as a formula, even one that splits lines on "," or ";" and
  // ignores quotes: a formula start (= + - @ tab CR) gets a "'" at the start of the text and after
  // every separator or line break inside it (spaces and quotes before it included). RFC 4180: every
  // text cell quoted, quotes doubled; numbers stay numbers.
  function csvCell(value) {
    if (typeof value === "number" && isFinite(value)) return String(value);
    var s = value === null || value === undefined ? "" : String(value);
    s = s.replace(/(^|[,;\n])([ "]*)(?=[=+\-@\t\r])/g, "$1$2'");
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function toCsv(state) {
    var lines = [CSV_HEADERS.map(csvCell).join(";")];
    ordered(state).forEach(function (e) {
      var certificate = e.certificate === true ? "Ya" : e.certificate === false ? "Tidak" : "";
      lines.push([FORMS[e.mode] || "", e.title, e.organizer || "", modeLabel(e), e.start, e.end, e.jp, certificate,
                  e.status, e.slug].map(csvCell).join(";"));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function download(name, content, type) {
    var a = document.createElement("a");
    a.download = name;
    a.style.display = "none";
    var objectUrl = null;
    try {
      objectUrl = URL.createObjectURL(new Blob([content], { type: type }));
      a.href = objectUrl;
    } catch (e) {
      a.href = "data:" + type + "," + encodeURIComponent(content);  // no Blob URLs here
    }
    a.addEventListener("click", function (event) { event.stopPropagation(); });  // not for instant navigation
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () {
      a.parentNode.removeChild(a);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    }, 1000);
  }

  // An imported file is untrusted: refuse a wrong shape as a whole, skip single bad entries.
  function parseImport(content, data) {
    var refuse = "Berkas tidak diimpor: ";
    var raw;
    if (content.length > MAX_IMPORT_BYTES) return { error: refuse + "ukurannya lebih dari 1 MB." };
    try { raw = JSON.parse(content.replace(/^\uFEFF/, "")); } catch (e) {
      return { error: refuse + "isinya bukan JSON yang sah. Pilih berkas rencana-belajar-….json yang diunduh dari halaman ini." };
    }
    if (!isObject(raw) || raw.format !== FORMAT) {
      return { error: refuse + "ini bukan berkas rencana belajar asn-portal (format tidak dikenali)." };
    }
    if (raw.version !== 1) return { error: refuse + "versi berkas (" + String(raw.version).slice(0, 20) + ") tidak dikenali; versi yang didukung: 1." };
    if (!Array.isArray(raw.courses)) return { error: refuse + "daftar kursus (courses) tidak ditemukan." };
    if (raw.courses.length > 5000) return { error: refuse + "berisi terlalu banyak kursus." };
    var entries = [], skipped = 0, seen = {};
    raw.courses.forEach(function (c) {
      if (!isObject(c) || !validSlug(c.slug) || typeof c.title !== "string" || !c.title || c.title.length > MAX_TITLE ||
          !validJp(c.jp) || statusRank(c.status) < 0 ||
          (c.start !== undefined && c.start !== "" && c.start !== null && !validDate(c.start)) ||
          (c.end !== undefined && c.end !== "" && c.end !== null && !validDate(c.end))) {
        skipped += 1;
        return;
      }
      var slug = follow(c.slug, data.redirects);
      if (seen[slug]) { skipped += 1; return; }
      seen[slug] = true;
      entries.push({
        slug: slug, title: c.title, jp: c.jp, competency: "", mode: has(MODES, c.mode) ? c.mode : "",
        mode_label: has(MODES, c.mode) ? MODES[c.mode] : "",
        organizer: typeof c.organizer === "string" ? text(c.organizer) : null,
        certificate: c.certificate === true || c.certificate === false ? c.certificate : null,
        status: c.status, start: validDate(c.start) ? c.start : "", end: validDate(c.end) ? c.end : "",
        added: new Date().toISOString()
      });
    });
    var modules = {};
    if (isObject(raw.modules)) {
      Object.keys(raw.modules).forEach(function (slug) {
        var keys = validSlug(slug) && cleanKeys(raw.modules[slug]);
        if (keys && keys.length) modules[follow(slug, data.redirects)] = keys;
      });
    }
    return { entries: entries, skipped: skipped, modules: modules };
  }

  // The plan page's download links ([data-asn-plan-export="csv"|"json"]); say(msg, problem) reports.
  function bindExport(root, data, say) {
    each(all("[data-asn-plan-export]", root), function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();  // Material's instant navigation would otherwise reload the page for href="#"
        var kind = link.getAttribute("data-asn-plan-export");
        var state = load();
        var name = "rencana-belajar-" + thisYear() + "." + (kind === "csv" ? "csv" : "json");
        if (kind === "csv") download(name, "\uFEFF" + toCsv(state), "text/csv;charset=utf-8");
        else download(name, JSON.stringify(toJson(state, data.target), null, 2) + "\n", "application/json");
        say("Berkas " + name + " dibuat. Periksa folder unduhan.");
      });
    });
  }

  // The plan page's file input (input[data-asn-plan-import]); update(fn, rebuild) saves and repaints.
  function bindImport(importInput, data, say, update) {
    if (!importInput) return;
    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) return;
      if (file.size > MAX_IMPORT_BYTES) {
        say("Berkas tidak diimpor: ukurannya lebih dari 1 MB, jadi bukan berkas rencana belajar.", true);
        importInput.value = "";
        return;
      }
      var reader = new FileReader();
      reader.onerror = function () { say("Berkas tidak dapat dibaca.", true); importInput.value = ""; };
      reader.onload = function () {
        importInput.value = "";
        var result = parseImport(String(reader.result || ""), data);
        if (result.error) { say(result.error, true); return; }
        update(function (state) {
          result.entries.forEach(function (entry) {
            var course = data.courses[entry.slug];
            if (course) refreshFromCatalog(entry, course);
            mergeEntry(state, entry);
          });
          Object.keys(result.modules).forEach(function (slug) { mergeModules(state, slug, result.modules[slug]); });
        }, true);
        var msg = result.entries.length + " kursus diimpor dari " + file.name + ".";
        if (result.skipped) msg += " " + result.skipped + " entri dilewati karena tidak valid.";
        say(msg, false);
      };
      reader.readAsText(file, "utf-8");
    });
  }

  L.bindExport = bindExport;
  L.bindImport = bindImport;
})(window.asnLearning);
