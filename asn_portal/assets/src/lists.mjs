/* asn-portal: long listings (asn_portal/render/lists.py). An index page with more entries than a page
 * holds renders the first page of cards; its list element names the chunk scripts that hold the
 * rest. This file loads them on demand, as plain <script src> (fetch fails from file://), when the
 * reader filters or asks for more; each chunk registers itself with window.asnPortalList.
 *  - "data" chunks: what the filter compares (the cards' data-* attributes, as strings). Only
 *    read as text and compared, never turned into markup.
 *  - "cards" chunks: the card markup as the page renders it (the same Jinja macro, every value
 *    from YAML escaped there), parsed in an inert <template> and moved into the list.
 * Added cards are announced with an "asn-portal:cards" event (learning.mjs repaints their "+ Rencana").
 * Without JavaScript the page links below the list (kursus/halaman-2/ ...) reach every entry.
 * portal.mjs calls pagedList for every such list, with or without a filter form, and gives it the
 * typed-words matcher the short lists use (filter.mjs: the header search's words and typo tolerance). */

import { loadScript } from "./page.mjs";

const store = {};  // list name ("kursus") -> { cards: {n: markup}, data: {n: {count, columns}} }

function part(name, which) {
  if (!store[name]) store[name] = { cards: {}, data: {} };
  return store[name][which];
}

// Each chunk script is one call: window.asnPortalList("kursus", "cards", 3, payload). Set once, by
// main.mjs, when the bundle runs.
export function receiveChunks() {
  window.asnPortalList = function (name, which, number, payload) {
    if (typeof name !== "string" || (which !== "cards" && which !== "data") || typeof number !== "number") return;
    part(name, which)[number] = payload;
  };
}


function slice(list) { return Array.prototype.slice.call(list); }
function number(node, name) { return parseInt(node.getAttribute(name), 10) || 0; }
function hrefs(node, name) { return (node.getAttribute(name) || "").split(" ").filter(Boolean); }

// match(query, texts) -> Promise of one boolean per text, or null when every text matches (portal.mjs)
export function pagedList(list, form, match) {
  if (list.getAttribute("data-asn-ready")) return;
  list.setAttribute("data-asn-ready", "1");
  const name = list.getAttribute("data-asn-list");
  const total = number(list, "data-asn-total");
  const size = number(list, "data-asn-page-size") || 1;
  const cardChunk = number(list, "data-asn-card-chunk") || size;
  const dataChunk = number(list, "data-asn-data-chunk") || cardChunk;
  const cardHrefs = hrefs(list, "data-asn-cards");
  const dataHrefs = hrefs(list, "data-asn-data");
  const nodes = [];  // entry index -> its card, once on the page or parsed from a chunk
  const parsed = {};  // cards chunks already parsed
  const texts = [];  // entry index -> the card's data-search text, once its data chunk is loaded
  slice(list.children).forEach(function (li, i) { nodes[i] = li; li.asnPortalIndex = i; });
  const moreButton = document.querySelector('[data-asn-more="' + list.id + '"]');
  let more = moreButton && moreButton.parentNode;  // <p class="asn-more" hidden>
  let pages = document.querySelector('[data-asn-pages="' + list.id + '"]');
  const count = form && form.querySelector(".asn-filter__count");
  const none = form && form.nextElementSibling;
  const noun = form ? form.getAttribute("data-noun") || "" : "";
  const selects = form ? slice(form.querySelectorAll("select")) : [];
  let limit = size;
  let run = 0;  // only the newest apply() paints

  function parseCards(n) {
    if (parsed[n]) return;
    const markup = part(name, "cards")[n];
    if (typeof markup !== "string") throw new Error("chunk " + n);
    const template = document.createElement("template");
    template.innerHTML = markup;  // the portal's own escaped markup, inert until moved into the list
    slice(template.content.children).forEach(function (li, j) {
      let i = n * cardChunk + j;
      if (!nodes[i]) { nodes[i] = li; li.asnPortalIndex = i; }
    });
    parsed[n] = true;
  }

  function gather() {  // every entry's text for the typed filter, from the data chunks
    dataHrefs.forEach(function (href, n) {
      let chunk = part(name, "data")[n];
      if (!chunk || !chunk.columns) throw new Error("data " + n);
      for (let j = 0; j < chunk.count; j += 1) {
        let i = n * dataChunk + j;
        if (texts[i] === undefined) texts[i] = String((chunk.columns.search || [])[j] || "");
      }
    });
    return texts;
  }

  function matching(hits, chosen) {
    let found = [];
    dataHrefs.forEach(function (href, n) {
      let chunk = part(name, "data")[n];
      for (let j = 0; j < chunk.count; j += 1) {
        let i = n * dataChunk + j;
        let ok = !hits || hits[i];
        chosen.forEach(function (select) {
          if (ok) ok = String((chunk.columns[select.name] || [])[j] || "").split(" ").indexOf(select.value) >= 0;
        });
        if (ok) found.push(i);
      }
    });
    return found;
  }

  function show(wanted) {
    const keep = {};
    const added = [];
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
    const query = form ? form.querySelector('input[type="search"]').value : "";
    const chosen = selects.filter(function (select) { return select.value; });
    const filtering = /\S/.test(query) || chosen.length > 0;
    const mine = ++run;
    list.setAttribute("aria-busy", "true");  // until the newest answer is painted
    if (filtering && count && !part(name, "data")[dataHrefs.length - 1]) count.textContent = "Memuat daftar lengkap…";
    return (filtering ? Promise.all(dataHrefs.map(loadScript)) : Promise.resolve()).then(function () {
      return filtering ? match(query, gather()) : null;
    }).then(function (hits) {
      if (mine !== run) return null;
      const matches = filtering ? matching(hits, chosen) : null;
      let found = matches ? matches.length : total;
      const wanted = [];
      for (let k = 0; k < Math.min(limit, found); k += 1) wanted.push(matches ? matches[k] : k);
      const chunks = [];
      wanted.forEach(function (i) {
        const n = Math.floor(i / cardChunk);
        if (!nodes[i] && chunks.indexOf(n) < 0) chunks.push(n);
      });
      return Promise.all(chunks.map(function (n) { return loadScript(cardHrefs[n]); })).then(function () {
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
      const before = limit;
      limit += size;
      apply().then(function (wanted) {
        const first = wanted && wanted[before] !== undefined && nodes[wanted[before]].querySelector("a");
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
}
