/* asn-portal learning, the Rencana Belajar page ([data-asn-plan], templates/plan.md.j2): the reader's
 * plan as a table they edit in place (status, start and end dates, remove), the JP totals of the
 * current year against the target, find-and-add from the catalog, and the controls for CSV/JSON
 * export, JSON import (learning-records.js does the files), clear and print. Its own file because it
 * is the one page that edits the whole plan; the rules about what the plan holds are in
 * learning-plandata.js. Sets L.plan while a plan page is shown, so learning.js repaints it when the
 * plan changes elsewhere (another tab, a "+ Rencana" button) and learning-print.js stamps the print
 * date. Needs learning-core.js, learning-progress.js, learning-plandata.js, learning-records.js. */
(function (L) {
  "use strict";

  var STATUS_LABELS = { direncanakan: "Direncanakan", berjalan: "Berjalan", selesai: "Selesai" };

  var all = L.all, has = L.has, el = L.el, uid = L.uid, norm = L.norm, dateId = L.dateId, validDate = L.validDate,
      siteUrl = L.siteUrl, STATUSES = L.STATUSES, load = L.load, save = L.save, modeLabel = L.modeLabel,
      entryFrom = L.entryFrom, paintBadges = L.paintBadges, paintButtons = L.paintButtons, planData = L.planData,
      reconcile = L.reconcile, totals = L.totals, ordered = L.ordered;

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
    var findForm = q("form[data-asn-plan-find]");
    var importInput = q("input[data-asn-plan-import]");
    if (table) prepareTable(table);
    // Paragraphs that only hold controls are left out of the printed record.
    all("[data-asn-plan-export], [data-asn-plan-import], [data-asn-plan-clear], [data-asn-plan-print]", root)
      .forEach(function (control) {
        var parent = control.closest("p");
        if (parent && root.contains(parent)) parent.classList.add("asn-plan__controls");
      });

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
      var t = totals(state);
      if (totalNode) totalNode.textContent = String(t.planned);
      if (doneNode) doneNode.textContent = String(t.done);
      var remaining = q("[data-asn-plan-remaining]");
      if (remaining) remaining.textContent = String(Math.max(0, data.target - t.done));
      var year = q("[data-asn-plan-year]");
      if (year) year.textContent = String(t.year);
      root.classList.toggle("asn-plan--reached", t.done >= data.target);
    }

    function cell(row, content, className) {
      var td = el("td", className);
      if (content !== undefined) td.textContent = content;
      row.appendChild(td);
      return td;
    }

    function control(td, input, labelText, printed) {
      var id = uid("asn-plan");
      input.id = id;
      var label = el("label", "asn-sr", labelText);
      label.setAttribute("for", id);
      var print = el("span", "asn-print-only", printed);
      td.appendChild(label);
      td.appendChild(input);
      td.appendChild(print);
      return print;
    }

    function row(entry) {
      var tr = el("tr");
      tr.setAttribute("data-asn-plan-row", entry.slug);
      var th = el("th");
      th.setAttribute("scope", "row");
      var course = data.courses[entry.slug];
      var href = course && siteUrl(course.url);
      if (href) {
        var a = el("a", null, entry.title);
        a.href = href;
        a.setAttribute("data-asn-internal", "");
        th.appendChild(a);
      } else {
        th.appendChild(el("span", null, entry.title));
        if (!course && data.order.length) th.appendChild(el("span", "asn-plan__gone", " (tidak ada lagi di katalog)"));
      }
      tr.appendChild(th);
      cell(tr, entry.competency);
      cell(tr, modeLabel(entry));
      cell(tr, entry.organizer || "");
      cell(tr, String(entry.jp), "asn-plan__jp");

      var statusCell = cell(tr, undefined, "asn-plan__status");
      var select = el("select");
      STATUSES.forEach(function (s) {
        var option = el("option", null, STATUS_LABELS[s]);
        option.value = s;
        select.appendChild(option);
      });
      select.value = entry.status;
      var statusPrint = control(statusCell, select, "Status " + entry.title, STATUS_LABELS[entry.status]);
      select.addEventListener("change", function () {
        statusPrint.textContent = STATUS_LABELS[select.value] || "";
        update(function (state) { if (state.courses[entry.slug]) state.courses[entry.slug].status = select.value; }, false);
      });

      ["start", "end"].forEach(function (field) {
        var td = cell(tr, undefined, "asn-plan__date");
        var input = el("input");
        input.type = "date";
        input.value = entry[field];
        var printed = control(td, input, (field === "start" ? "Tanggal mulai " : "Tanggal selesai ") + entry.title,
                              entry[field]);
        input.addEventListener("change", function () {
          var value = validDate(input.value) ? input.value : "";
          printed.textContent = value;
          update(function (state) {
            var e = state.courses[entry.slug];
            if (!e) return;
            e[field] = value;
            if (e.start && e.end && e.end < e.start) say("Perhatian: tanggal selesai " + entry.title + " lebih awal dari tanggal mulai.", true);
          }, false);
        });
      });

      var actions = cell(tr, undefined, "asn-plan__actions");
      var remove = el("button", "md-button asn-plan__remove", "Hapus");
      remove.type = "button";
      remove.setAttribute("aria-label", "Hapus " + entry.title + " dari rencana");
      remove.addEventListener("click", function () {
        update(function (state) { delete state.courses[entry.slug]; }, true);
        say(entry.title + " dihapus dari rencana.");
        var next = tbody && tbody.querySelector("select, button");
        if (next) next.focus(); else if (findForm) { var f = findForm.querySelector("input, select"); if (f) f.focus(); }
      });
      actions.appendChild(remove);
      return tr;
    }

    function fillFinder(state) {
      if (!findForm) return;
      var available = data.order.filter(function (slug) { return !has(state.courses, slug); });
      var select = findForm.querySelector("select");
      if (select) {
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
      var input = findForm.querySelector("input[list]");
      var list = input && document.getElementById(input.getAttribute("list"));
      if (list) {
        list.textContent = "";
        available.forEach(function (slug) {
          var option = el("option");
          option.value = data.courses[slug].title;
          list.appendChild(option);
        });
      }
    }

    function render(state, rebuild) {
      var entries = ordered(state);
      if (tbody && rebuild) {
        tbody.textContent = "";
        entries.forEach(function (entry) { tbody.appendChild(row(entry)); });
      }
      if (table) {
        table.hidden = entries.length === 0;
        if (table.parentNode.classList.contains("asn-plan__scroll")) table.parentNode.hidden = table.hidden;
      }
      if (emptyNote) emptyNote.hidden = entries.length > 0;
      paintTotals(state);
      if (rebuild) fillFinder(state);
      stampPrintDate();
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
        var field = findForm.querySelector("select") || findForm.querySelector("input[list]") ||
                    findForm.querySelector("input");
        var slug = field ? find(field.value) : null;
        if (!slug) {
          say(field && field.value ? "Kursus tidak ditemukan. Pilih judul dari daftar katalog." : "Pilih kursus lebih dahulu.", true);
          if (field) field.focus();
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
        if (field) { field.value = ""; field.focus(); }
      });
    }

    L.bindExport(root, data, say);
    L.bindImport(importInput, data, say, update);

    var clear = q("[data-asn-plan-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        if (!window.confirm("Hapus seluruh rencana belajar dan catatan modul dari peramban ini? " +
                            "Tindakan ini tidak dapat dibatalkan. Unduh berkas JSON dulu bila masih diperlukan.")) return;
        update(function (state) { state.courses = {}; state.modules = {}; }, true);
        say("Rencana belajar sudah dihapus dari peramban ini.");
      });
    }

    var printButton = q("[data-asn-plan-print]");
    if (printButton) printButton.addEventListener("click", function () { window.print(); });

    var state = reconcile(load(), data);
    L.plan = { root: root, render: render };
    render(state, true);
    if (L.storageProblem()) say(L.storageProblem(), true);
  }

  // Column headers, caption and a focusable scroll box, unless the template already has them.
  var COLUMNS = ["Kursus", "Kompetensi", "Mode", "Penyelenggara", "JP", "Status", "Mulai", "Selesai", "Tindakan"];
  function prepareTable(table) {
    if (!table.caption) {
      var caption = table.createCaption();
      caption.className = "asn-sr";
      caption.textContent = "Kursus dalam rencana belajar";
    }
    if (!table.tHead) {
      var head = table.createTHead();
      var tr = head.insertRow();
      COLUMNS.forEach(function (name, i) {
        var th = el("th", i === COLUMNS.length - 1 ? "asn-plan__actions" : (name === "JP" ? "asn-plan__jp" : null), name);
        th.setAttribute("scope", "col");
        tr.appendChild(th);
      });
    }
    var heads = table.tHead.rows.length ? table.tHead.rows[0].cells : [];
    if (heads.length === COLUMNS.length) heads[heads.length - 1].classList.add("asn-plan__actions");
    var parent = table.parentNode;
    if (parent && !parent.classList.contains("asn-plan__scroll")) {
      var box = el("div", "asn-plan__scroll");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabel rencana belajar");
      parent.insertBefore(box, table);
      box.appendChild(table);
    }
  }

  function stampPrintDate() {
    var plan = L.plan;
    if (!plan) return;
    var stamp = plan.root.querySelector(".asn-plan__printed");
    if (!stamp) {
      stamp = el("p", "asn-plan__printed asn-print-only");
      plan.root.appendChild(stamp);
    }
    stamp.textContent = "Dicetak: " + dateId(new Date());
  }

  L.setupPlan = setupPlan;
  L.stampPrintDate = stampPrintDate;
})(window.asnLearning);
