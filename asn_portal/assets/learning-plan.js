/* asn-portal learning, the Rencana Belajar page ([data-asn-plan], templates/plan.md.j2): the reader's
 * plan edited in place, one row per course on wide screens and one card per course on phones (the
 * same markup; learning-plan.css lays it out), the JP totals of the chosen year against the target,
 * find-and-add from the catalog, and the toolbar: exports (learning-records.js), import, print and
 * clear. The identity form and the printed record are learning-profile.js'. Sets L.plan while a plan
 * page is shown, so learning.js repaints it when the plan changes elsewhere (another tab, a
 * "+ Rencana" button). Hooks other code and tests rely on, per course: [data-asn-plan-row=<slug>];
 * its first select is the status (direncanakan / berjalan / selesai); then two input[type=date],
 * start and end. Needs learning-core.js, learning-progress.js, learning-plandata.js,
 * learning-records.js, learning-profile.js. */
(function (L) {
  "use strict";

  var STATUS_LABELS = { direncanakan: "Direncanakan", berjalan: "Sedang berjalan", selesai: "Selesai" };
  var COLUMNS = ["Kursus", "JP", "Status", "Tanggal mulai", "Tanggal selesai", "Nomor sertifikat", "Tindakan"];

  var all = L.all, has = L.has, el = L.el, uid = L.uid, norm = L.norm, validDate = L.validDate, siteUrl = L.siteUrl,
      STATUSES = L.STATUSES, load = L.load, save = L.save, modeLabel = L.modeLabel, entryFrom = L.entryFrom,
      paintBadges = L.paintBadges, paintButtons = L.paintButtons, planData = L.planData, reconcile = L.reconcile,
      totals = L.totals, ordered = L.ordered, needsEndDate = L.needsEndDate, countsIn = L.countsIn, years = L.years,
      thisYear = L.thisYear;

  L.plan = null;  // {root, render(state, rebuild)} for the plan on the current page

  function setupPlan(root) {
    if (root.getAttribute("data-asn-ready")) return;
    root.setAttribute("data-asn-ready", "1");
    var data = planData(root);
    var q = function (selector) { return root.querySelector(selector); };
    var tbody = q("[data-asn-plan-rows]");
    var table = tbody ? tbody.closest("table") : null;
    var emptyNote = q("[data-asn-plan-empty]");
    var message = q("[data-asn-plan-message]");
    var totalNode = q("[data-asn-plan-total]");
    var doneNode = q("[data-asn-plan-done]");
    var yearSelect = q("select[data-asn-plan-year-select]");
    var findForm = q("form[data-asn-plan-find]");
    var importInput = q("input[data-asn-plan-import]");
    var year = thisYear();
    if (table) prepareTable(table);

    function say(msg, problem) {
      if (!message) return;
      message.textContent = msg;
      message.classList.toggle("asn-plan__message--problem", !!problem);
    }

    function update(fn, rebuild) {
      var state = load();
      fn(state);
      var saved = save(state);
      if (!saved) say(L.storageProblem(), true);
      render(state, rebuild);
      paintBadges(state);
      paintButtons(state);
      return saved;
    }

    function paintTotals(state) {
      var t = totals(state, year);
      if (totalNode) totalNode.textContent = String(t.planned);
      if (doneNode) doneNode.textContent = String(t.done);
      all("[data-asn-plan-year]", root).forEach(function (node) { node.textContent = String(year); });
      var remaining = q("[data-asn-plan-remaining]");
      if (remaining) remaining.textContent = String(Math.max(0, data.target - t.done));
      root.classList.toggle("asn-plan--reached", t.done >= data.target);
    }

    function paintYears(state) {
      if (!yearSelect) return;
      yearSelect.textContent = "";
      years(state).forEach(function (y) {
        var option = el("option", null, String(y));
        option.value = String(y);
        yearSelect.appendChild(option);
      });
      yearSelect.value = String(year);
    }

    // A visible label in the card layout; in the table the column heading says it (screen readers
    // get the label in both).
    function field(td, input, labelText) {
      var id = uid("asn-plan");
      input.id = id;
      var label = el("label", "asn-plan__label", labelText);
      label.setAttribute("for", id);
      td.appendChild(label);
      td.appendChild(input);
      return input;
    }

    function cell(tr, column, className) {
      var td = el("td", className);
      td.setAttribute("data-label", COLUMNS[column]);
      tr.appendChild(td);
      return td;
    }

    function courseCell(tr, entry) {
      var th = el("th", "asn-plan__course");
      th.setAttribute("scope", "row");
      var course = data.courses[entry.slug];
      var href = course && siteUrl(course.url);
      var title;
      if (href) {
        title = el("a", null, entry.title);
        title.href = href;
        title.setAttribute("data-asn-internal", "");
      } else {
        title = el("span", null, entry.title);
      }
      th.appendChild(title);
      if (!course && data.order.length) th.appendChild(el("span", "asn-plan__gone", " (tidak ada lagi di katalog)"));
      var facts = [entry.competency, modeLabel(entry), entry.organizer].filter(function (x) { return !!x; });
      if (facts.length) th.appendChild(el("span", "asn-plan__facts", facts.join(" · ")));
      var scores = quizScores(entry.slug);
      if (scores) th.appendChild(el("span", "asn-plan__scores", scores));
      tr.appendChild(th);
    }

    function quizScores(slug) {
      var found = [];
      var scores = typeof L.quizScores === "function" ? L.quizScores() : {};
      Object.keys(scores || {}).sort().forEach(function (id) {
        var s = scores[id];
        if (!s || s.course !== slug || !s.last || !s.best) return;
        found.push((s.title || "Kuis") + ": terakhir " + s.last.right + "/" + s.last.total + ", terbaik " +
                   s.best.right + "/" + s.best.total);
      });
      return found.join("; ");
    }

    function row(entry) {
      var tr = el("tr");
      tr.setAttribute("data-asn-plan-row", entry.slug);
      tr.classList.toggle("asn-plan__row--other-year", !countsIn(entry, year) && !needsEndDate(entry));
      courseCell(tr, entry);
      cell(tr, 1, "asn-plan__jp").textContent = entry.jp + " JP";

      var select = el("select");
      STATUSES.forEach(function (s) {
        var option = el("option", null, STATUS_LABELS[s]);
        option.value = s;
        select.appendChild(option);
      });
      select.value = entry.status;
      field(cell(tr, 2, "asn-plan__status"), select, "Status");
      select.addEventListener("change", function () {
        update(function (state) { if (state.courses[entry.slug]) state.courses[entry.slug].status = select.value; }, true);
        focusIn(entry.slug, 0);
      });

      ["start", "end"].forEach(function (name, i) {
        var td = cell(tr, 3 + i, "asn-plan__date");
        var input = el("input");
        input.type = "date";
        input.value = entry[name];
        field(td, input, i ? "Tanggal selesai" : "Tanggal mulai");
        if (name === "end" && needsEndDate(entry)) {
          // Finished but undated: it counts for no year until the reader says when it ended.
          var ask = el("span", "asn-plan__ask", "Isi tanggal selesai agar JP kursus ini terhitung.");
          ask.id = uid("asn-plan-ask");
          input.setAttribute("aria-describedby", ask.id);
          input.setAttribute("aria-invalid", "true");
          td.appendChild(ask);
          tr.classList.add("asn-plan__row--ask");
        }
        input.addEventListener("change", function () {
          var value = validDate(input.value) ? input.value : "";
          update(function (state) {
            var e = state.courses[entry.slug];
            if (!e) return;
            e[name] = value;
            if (e.start && e.end && e.end < e.start) say("Perhatian: tanggal selesai " + entry.title + " lebih awal dari tanggal mulai.", true);
          }, true);
          focusIn(entry.slug, 1 + i);
        });
      });

      var number = el("input");
      number.type = "text";
      number.maxLength = 100;
      number.autocomplete = "off";
      number.value = entry.certificate_number || "";
      number.placeholder = "bila ada";
      field(cell(tr, 5, "asn-plan__number"), number, "Nomor sertifikat");
      number.addEventListener("change", function () {
        update(function (state) { if (state.courses[entry.slug]) state.courses[entry.slug].certificate_number = number.value.trim(); }, false);
      });

      var remove = el("button", "md-button asn-plan__remove", "Hapus");
      remove.type = "button";
      remove.setAttribute("aria-label", "Hapus " + entry.title + " dari rencana");
      cell(tr, 6, "asn-plan__actions").appendChild(remove);
      remove.addEventListener("click", function () {
        update(function (state) { delete state.courses[entry.slug]; }, true);
        say(entry.title + " dihapus dari rencana.");
        var next = tbody && tbody.querySelector("select, button");
        if (next) next.focus(); else if (findForm) { var f = findForm.querySelector("input, select"); if (f) f.focus(); }
      });
      return tr;
    }

    // A rebuilt row gets the focus back where the reader was (0 status, 1 start, 2 end).
    function focusIn(slug, n) {
      var tr = tbody && tbody.querySelector('[data-asn-plan-row="' + slug + '"]');
      var target = tr && tr.querySelectorAll("select, input")[n];
      if (target) target.focus();
    }

    function fillFinder(state) {
      if (!findForm) return;
      var available = data.order.filter(function (slug) { return !has(state.courses, slug); });
      var select = findForm.querySelector("select");
      if (!select) return;
      var keep = select.value;
      select.textContent = "";
      var first = el("option", null, available.length ? "Pilih kursus…" : "Semua kursus sudah ada di rencana");
      first.value = "";
      select.appendChild(first);
      available.forEach(function (slug) {
        var c = data.courses[slug];
        var option = el("option", null, c.title + " (" + c.jp + " JP)");
        option.value = slug;
        select.appendChild(option);
      });
      select.value = available.indexOf(keep) >= 0 ? keep : "";
    }

    function render(state, rebuild) {
      var entries = ordered(state);
      if (tbody && rebuild) {
        tbody.textContent = "";
        entries.forEach(function (entry) { tbody.appendChild(row(entry)); });
      }
      if (table) table.hidden = entries.length === 0;
      if (emptyNote) emptyNote.hidden = entries.length > 0;
      paintTotals(state);
      if (rebuild) {
        fillFinder(state);
        paintYears(state);
        if (L.fillProfile) L.fillProfile(root, state.profile || {});  // an import or another tab changed it
      }
      if (L.renderRecord) L.renderRecord(root, state, data, year);
    }

    function find(value) {
      var wanted = norm(value);
      if (!wanted) return null;
      if (data.courses[value]) return value;
      var hit = null;
      data.order.some(function (slug) {
        var c = data.courses[slug];
        if (norm(c.title) === wanted || norm(c.title + " (" + c.jp + " JP)") === wanted) { hit = slug; return true; }
        return false;
      });
      return hit;
    }

    if (findForm) {
      findForm.addEventListener("submit", function (event) {
        event.preventDefault();
        var input = findForm.querySelector("select") || findForm.querySelector("input");
        var slug = input ? find(input.value) : null;
        if (!slug) {
          say(input && input.value ? "Kursus tidak ditemukan. Pilih judul dari daftar katalog." : "Pilih kursus lebih dahulu.", true);
          if (input) input.focus();
          return;
        }
        var course = data.courses[slug];
        var already = has(load().courses, slug);
        if (!already) {
          update(function (state) {
            var done = (state.modules[slug] || []).length;
            state.courses[slug] = entryFrom(course, done ? "berjalan" : "direncanakan");
          }, true);
        }
        say(already ? course.title + " sudah ada di rencana." : course.title + " ditambahkan ke rencana.");
        if (input) { input.value = ""; input.focus(); }
      });
    }

    if (yearSelect) {
      yearSelect.addEventListener("change", function () {
        year = parseInt(yearSelect.value, 10) || thisYear();
        render(load(), true);
        yearSelect.focus();
      });
    }

    L.bindExport(root, data, say, function () { return year; });
    L.bindImport(importInput, data, say, update);
    var importButton = q("[data-asn-plan-import-button]");
    if (importButton && importInput) importButton.addEventListener("click", function () { importInput.click(); });
    if (L.setupProfile) L.setupProfile(root, function () { render(load(), false); });

    var clear = q("[data-asn-plan-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        if (!window.confirm("Hapus seluruh rencana belajar, catatan modul dan identitas Anda dari peramban ini? " +
                            "Tindakan ini tidak dapat dibatalkan. Unduh rekap atau berkas JSON dulu bila masih diperlukan.")) return;
        update(function (state) { state.courses = {}; state.modules = {}; state.profile = {}; }, true);
        say("Rencana belajar dan identitas sudah dihapus dari peramban ini.");
      });
    }

    var printButton = q("[data-asn-plan-print]");
    if (printButton) printButton.addEventListener("click", function () { window.print(); });

    var state = reconcile(load(), data);
    L.plan = { root: root, render: render };
    render(state, true);
    if (L.storageProblem()) say(L.storageProblem(), true);
  }

  // Column headers and caption, unless the template already has them.
  function prepareTable(table) {
    if (!table.caption) {
      var caption = table.createCaption();
      caption.className = "asn-sr";
      caption.textContent = "Kursus dalam rencana belajar";
    }
    if (!table.tHead) {
      var tr = table.createTHead().insertRow();
      COLUMNS.forEach(function (name) {
        var th = el("th", null, name);
        th.setAttribute("scope", "col");
        tr.appendChild(th);
      });
    }
  }

  L.setupPlan = setupPlan;
  L.STATUS_LABELS = STATUS_LABELS;
})(window.asnLearning);
