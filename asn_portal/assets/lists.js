/* asn-portal: long listings (asn_portal/lists.py). An index page with more entries than a page
 * holds renders the first page of cards; its list element names the chunk scripts that hold the
 * rest. This file loads them on demand, as plain <script src> (fetch fails from file://), when the
 * reader filters or asks for more; each chunk registers itself with window.asnPortalList.
 *  - "data" chunks: what the filter compares (the cards' data-* attributes, as strings). Only
 *    read as text and compared, never turned into markup.
 *  - "cards" chunks: the card markup as the page renders it (the same Jinja macro, every value
 *    from YAML escaped there), parsed in an inert <template> and moved into the list.
 * Added cards are announced with an "asn-portal:cards" event (learning.js repaints their "+ Rencana").
 * Without JavaScript the page links below the list (kursus/halaman-2/ ...) reach every entry.
 * portal.js calls window.asnPortalPagedList for every such list, with or without a filter form, and
 * gives it the typed-words matcher the short lists use (the header search's words and typo tolerance).
 * window.asnPortalLoad (a script by URL, once) is shared with portal.js. */
(function () {
  "use strict";

  var store = {};  // list name ("kursus") -> { cards: {n: markup}, data: {n: {count, columns}} }
  var loads = {};  // absolute script URL -> Promise, kept across instant-navigation page swaps

  function part(name, which) {
    if (!store[name]) store[name] = { cards: {}, data: {} };
    return store[name][which];
  }

  window.asnPortalList = function (name, which, number, payload) {
    if (typeof name !== "string" || (which !== "cards" && which !== "data") || typeof number !== "number") return;
    part(name, which)[number] = payload;
  };

  function load(href) {
    var url = new URL(href, document.baseURI).href;
    if (!loads[url]) {
      loads[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () {
          delete loads[url];  // a later attempt may succeed
          if (script.parentNode) script.parentNode.removeChild(script);
          reject(new Error(url));
        };
        document.head.appendChild(script);
      });
    }
    return loads[url];
  }
  window.asnPortalLoad = load;

  function slice(list) { return Array.prototype.slice.call(list); }
  function number(node, name) { return parseInt(node.getAttribute(name), 10) || 0; }
  function hrefs(node, name) { return (node.getAttribute(name) || "").split(" ").filter(Boolean); }

  // match(query, texts) -> Promise of one boolean per text, or null when every text matches (portal.js)
  window.asnPortalPagedList = function (list, form, match) {
    if (list.getAttribute("data-asn-ready")) return;
    list.setAttribute("data-asn-ready", "1");
    var name = list.getAttribute("data-asn-list");
    var total = number(list, "data-asn-total");
    var size = number(list, "data-asn-page-size") || 1;
    var cardChunk = number(list, "data-asn-card-chunk") || size;
    var dataChunk = number(list, "data-asn-data-chunk") || cardChunk;
    var cardHrefs = hrefs(list, "data-asn-cards");
    var dataHrefs = hrefs(list, "data-asn-data");
    var nodes = [];  // entry index -> its card, once on the page or parsed from a chunk
    var parsed = {};  // cards chunks already parsed
    var texts = [];  // entry index -> the card's data-search text, once its data chunk is loaded
    slice(list.children).forEach(function (li, i) { nodes[i] = li; li.asnPortalIndex = i; });
    var moreButton = document.querySelector('[data-asn-more="' + list.id + '"]');
    var more = moreButton && moreButton.parentNode;  // <p class="asn-more" hidden>
    var pages = document.querySelector('[data-asn-pages="' + list.id + '"]');
    var count = form && form.querySelector(".asn-filter__count");
    var none = form && form.nextElementSibling;
    var noun = form ? form.getAttribute("data-noun") || "" : "";
    var selects = form ? slice(form.querySelectorAll("select")) : [];
    var limit = size;
    var run = 0;  // only the newest apply() paints

    function parseCards(n) {
      if (parsed[n]) return;
      var markup = part(name, "cards")[n];
      if (typeof markup !== "string") throw new Error("chunk " + n);
      var template = document.createElement("template");
      template.innerHTML = markup;  // the portal's own escaped markup, inert until moved into the list
      slice(template.content.children).forEach(function (li, j) {
        var i = n * cardChunk + j;
        if (!nodes[i]) { nodes[i] = li; li.asnPortalIndex = i; }
      });
      parsed[n] = true;
    }

    function gather() {  // every entry's text for the typed filter, from the data chunks
      dataHrefs.forEach(function (href, n) {
        var chunk = part(name, "data")[n];
        if (!chunk || !chunk.columns) throw new Error("data " + n);
        for (var j = 0; j < chunk.count; j += 1) {
          var i = n * dataChunk + j;
          if (texts[i] === undefined) texts[i] = String((chunk.columns.search || [])[j] || "");
        }
      });
      return texts;
    }

    function matching(hits, chosen) {
      var found = [];
      dataHrefs.forEach(function (href, n) {
        var chunk = part(name, "data")[n];
        for (var j = 0; j < chunk.count; j += 1) {
          var i = n * dataChunk + j;
          var ok = !hits || hits[i];
          chosen.forEach(function (select) {
            if (ok) ok = String((chunk.columns[select.name] || [])[j] || "").split(" ").indexOf(select.value) >= 0;
          });
          if (ok) found.push(i);
        }
      });
      return found;
    }

    function show(wanted) {
      var keep = {};
      var added = [];
      wanted.forEach(function (i) {
        keep[i] = true;
        if (nodes[i].parentNode !== list) added.push(nodes[i]);
      });
      slice(list.children).forEach(function (li) { li.hidden = !keep[li.asnPortalIndex]; });
      if (!added.length) return;
      added.forEach(function (li) { li.hidden = false; });
      slice(list.children).concat(added)
        .sort(function (a, b) { return a.asnPortalIndex - b.asnPortalIndex; })
        .forEach(function (li) { list.appendChild(li); });  // in catalog order; moving keeps listeners
      list.dispatchEvent(new CustomEvent("asn-portal:cards", { bubbles: true }));
    }

    function report(shown, found) {
      if (count) {
        count.textContent = "Menampilkan " + found + " dari " + total + " " + noun + "." +
          (shown < found ? " Daftar di bawah memuat " + shown + " yang pertama." : "");
      }
      if (none && none.classList.contains("asn-filter__none")) none.hidden = found > 0;
      if (more) more.hidden = shown >= found;
    }

    function apply() {
      var query = form ? form.querySelector('input[type="search"]').value : "";
      var chosen = selects.filter(function (select) { return select.value; });
      var filtering = /\S/.test(query) || chosen.length > 0;
      var mine = ++run;
      list.setAttribute("aria-busy", "true");  // until the newest answer is painted
      if (filtering && count && !part(name, "data")[dataHrefs.length - 1]) count.textContent = "Memuat daftar lengkap…";
      return (filtering ? Promise.all(dataHrefs.map(load)) : Promise.resolve()).then(function () {
        return filtering ? match(query, gather()) : null;
      }).then(function (hits) {
        if (mine !== run) return null;
        var matches = filtering ? matching(hits, chosen) : null;
        var found = matches ? matches.length : total;
        var wanted = [];
        for (var k = 0; k < Math.min(limit, found); k += 1) wanted.push(matches ? matches[k] : k);
        var chunks = [];
        wanted.forEach(function (i) {
          var n = Math.floor(i / cardChunk);
          if (!nodes[i] && chunks.indexOf(n) < 0) chunks.push(n);
        });
        return Promise.all(chunks.map(function (n) { return load(cardHrefs[n]); })).then(function () {
          if (mine !== run) return null;
          chunks.forEach(parseCards);
          show(wanted);
          report(wanted.length, found);
          list.removeAttribute("aria-busy");
          return wanted;
        });
      }).catch(function () {
        if (mine !== run) return null;
        list.removeAttribute("aria-busy");
        if (count) count.textContent = "Daftar lengkap tidak dapat dimuat. Pakai tautan halaman di bawah daftar.";
        if (pages) pages.hidden = false;
        if (more) more.hidden = true;
        return null;
      });
    }

    function restart() { limit = size; apply(); }

    if (moreButton) {
      moreButton.addEventListener("click", function () {
        var before = limit;
        limit += size;
        apply().then(function (wanted) {
          var first = wanted && wanted[before] !== undefined && nodes[wanted[before]].querySelector("a");
          if (first) first.focus();  // the reader goes on where the new cards start
        });
      });
    }
    if (form) {
      form.addEventListener("input", restart);
      form.addEventListener("change", restart);
      form.addEventListener("reset", function () { window.setTimeout(restart, 0); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.hidden = false;
    }
    if (pages) pages.hidden = true;  // "Tampilkan lebih banyak" and the filter take over
    apply();
  };
})();
