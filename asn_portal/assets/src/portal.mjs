/* asn-portal: the portal's own behaviour in the browser (part of the asn-portal.js bundle): works
 * online, from file:// and with Material's instant navigation (page.mjs: setup after every page
 * swap).
 *  - Index pages: narrow the list by select boxes and typed words. The words are matched as the
 *    header search matches them: folded, stop words dropped, Snowball stems, the other forms of a
 *    prefixed word, one typing slip when nothing matches (filter.mjs, with the search's own
 *    stemmer-id.js, search-engine.js and search/manifest.js loaded when the reader first types). The choice is
 *    kept in the address (?competency=teknis&kata=arsip): a reload or a shared link opens the list
 *    filtered alike ("kata", not "q": Material opens its search box for ?q=). The list is
 *    aria-busy until the newest answer is painted. Without JavaScript the form stays hidden and
 *    every entry stays listed (a long listing: on its pages, see lists.mjs, which filters such a
 *    list with the same matcher).
 *  - Header: the menu and search buttons open with Enter or Space and say whether they are open;
 *    the drawer opened from the keyboard takes the focus and gives it back on Escape; Escape in the
 *    search box returns the focus to where it was before the box opened.
 *  - Search: each page result says what it is ("Kursus · Dasar · 8 JP") above its title.
 *  - A table wider than the screen (Material's scrolling box) can be scrolled from the keyboard. */

import { all } from "./core.mjs";
import { PLAIN_WORDS, matchTerms, termsOf } from "./filter.mjs";
import { pagedList } from "./lists.mjs";
import { loadScript, onEveryPage } from "./page.mjs";

const SELF = document.currentScript ? document.currentScript.src : "";  // .../assets/asn-portal/asn-portal.js
const SMALL = "(max-width: 76.234375em)";  // Material: below this the navigation is a drawer


// -- words, as the header search reads them ---------------------------------------------------

let helpers = null;  // Promise of {stem, stop} (filter.mjs)

// The search's stemmer and the index's stop words, loaded when the reader first types: the
// stemmer, the engine and search/manifest.js (which registers with the engine). Without them (a
// site with Indonesian search off, or a script that failed to load): no stems, no stop words.
function searchWords() {
  if (helpers) return helpers;
  if (!SELF) return (helpers = Promise.resolve(PLAIN_WORDS));
  helpers = loadScript(new URL("stemmer-id.js", SELF).href).then(function () {
    return loadScript(new URL("search-engine.js", SELF).href);
  }).then(function () {
    const api = window.asnSearch;
    if (!api || typeof api.stem !== "function" || typeof api.stopWords !== "function") {
      throw new Error("search-engine.js");
    }
    return loadScript(new URL("../../search/manifest.js", SELF).href).then(function () {
      const stems = Object.create(null);
      return {
        stem: function (word) { return stems[word] || (stems[word] = api.stem(word)); },
        stop: api.stopWords(),
        syn: typeof api.synonyms === "function" ? api.synonyms() : {}
      };
    });
  }).catch(function () { return PLAIN_WORDS; });
  return helpers;
}

const termCache = Object.create(null);  // a card's text -> its terms (search/words.py's index_terms)

// query, the cards' texts -> Promise of one boolean per card, or null when every card matches.
function match(query, texts) {
  if (!/\S/.test(query)) return Promise.resolve(null);
  return searchWords().then(function (h) {
    const cards = texts.map(function (text) {
      const key = String(text || "");
      return termCache[key] || (termCache[key] = termsOf(key, h));
    });
    return matchTerms(query, h, cards);
  });
}

// -- filters and the address ------------------------------------------------------------------

function fields(form) {
  return Array.prototype.filter.call(form.elements, function (field) {
    return field.name && (field.tagName === "SELECT" || field.type === "search");
  });
}

// The address picks the filter, e.g. kursus/?competency=teknis from the home page's "Lihat semua":
// a select takes only a value it offers, the words box any text; a field the address leaves out
// is cleared (the browser may have restored a value of its own on reload).
function chooseFromAddress(form) {
  const params = new URLSearchParams(location.search);
  fields(form).forEach(function (field) {
    let value = params.get(field.name) || "";
    if (field.tagName === "SELECT") {
      const offered = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
      field.value = offered ? value : "";
    } else {
      field.value = value;
    }
  });
}

// The filter into the address, replacing the history entry: reload and share keep it.
function remember(form) {
  if (!window.history || typeof history.replaceState !== "function") return;
  const url = new URL(location.href);
  fields(form).forEach(function (field) {
    let value = field.value.replace(/\s+/g, " ").trim();
    if (value) url.searchParams.set(field.name, value); else url.searchParams.delete(field.name);
  });
  if (url.href === location.href) return;
  try {
    history.replaceState(history.state, "", url.href);
  } catch (err) {
    // a browser that refuses to change a file:// address: the filter still works, unkept
  }
}

function setup(form) {
  if (form.getAttribute("data-asn-ready")) return;
  let list = document.getElementById(form.getAttribute("data-asn-filter"));
  if (!list) return;
  form.setAttribute("data-asn-ready", "1");
  chooseFromAddress(form);
  const keep = function () { remember(form); };
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("reset", function () { window.setTimeout(keep, 0); });
  let box = form.querySelector('input[type="search"]');
  if (box) box.addEventListener("focus", searchWords);  // the search scripts load before the first key
  if (box && box.value) searchWords();
  if (list.hasAttribute("data-asn-list")) {
    pagedList(list, form, match);  // one page of a long listing: lists.mjs
    return;
  }
  const items = Array.prototype.slice.call(list.children);
  const texts = items.map(function (item) { return item.getAttribute("data-search") || ""; });
  const selects = all("select", form);
  const count = form.querySelector(".asn-filter__count");
  const none = form.nextElementSibling;
  const noun = form.getAttribute("data-noun") || "";
  let run = 0;  // only the newest answer paints

  function apply() {
    const mine = ++run;
    list.setAttribute("aria-busy", "true");  // until the newest answer is painted
    match(box ? box.value : "", texts).then(function (hits) {
      if (mine !== run) return;
      list.removeAttribute("aria-busy");
      let shown = 0;
      items.forEach(function (item, i) {
        let ok = !hits || hits[i];
        selects.forEach(function (select) {
          if (!ok || !select.value) return;
          ok = (item.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) >= 0;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "Menampilkan " + shown + " dari " + items.length + " " + noun + ".";
      if (none && none.classList.contains("asn-filter__none")) none.hidden = shown > 0;
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
}

// -- header: menu and search --------------------------------------------------------------------

function toggle(name) { return document.querySelector('input[data-md-toggle="' + name + '"]'); }
function button(name) { return document.querySelector('[data-asn-toggle="' + name + '"]'); }
function small() { return window.matchMedia(SMALL).matches; }
function drawer() { return document.querySelector(".md-sidebar--primary"); }

function shown(el) {
  return !!el && document.documentElement.contains(el) && el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== "hidden";
}

let opener = null;  // the element focused before the focus went into the search box
let byKeyboard = false;  // the drawer is being opened from its button with the keyboard

function first(root) {
  return root && all("a[href], button, input, select, [tabindex]", root).filter(function (el) {
    return el.tabIndex >= 0 && shown(el);
  })[0];
}

function setupHeader() {
  ["drawer", "search"].forEach(function (name) {
    let input = toggle(name), label = button(name);
    if (!input || !label || label.getAttribute("data-asn-ready")) return;
    label.setAttribute("data-asn-ready", "1");
    label.setAttribute("aria-expanded", String(input.checked));
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();  // no page scroll on Space
      event.stopPropagation();  // Material clicks a focused label on Enter itself: once is enough
      byKeyboard = name === "drawer";
      label.click();
      byKeyboard = false;
    });
    input.addEventListener("change", function () {
      label.setAttribute("aria-expanded", String(input.checked));
      if (name === "search" && input.checked) {
        // Material focuses the box on the button's click, before the box is shown on phones
        let box = document.querySelector(".md-search__input");
        if (box && !document.activeElement.closest(".md-search")) box.focus();
      } else if (name === "drawer" && input.checked && byKeyboard && small()) {
        let target = first(drawer());
        if (target) target.focus();
      } else if (name === "drawer" && !input.checked && drawer() && drawer().contains(document.activeElement)) {
        label.focus();
      }
    });
  });
}

// -- search results and wide tables -----------------------------------------------------------

// The search worker puts each result's label ("Kursus · Dasar · 8 JP") first in its text, as
// escaped text; shown above the title instead, where a reader looks first.
function label(list) {
  all(".md-search-result__article > .asn-result-kind", list).forEach(function (span) {
    const title = span.parentNode.querySelector("h1, h2");
    if (title && span.nextElementSibling !== title) title.parentNode.insertBefore(span, title);
  });
}

function watch() {
  let list = document.querySelector(".md-search-result__list");
  if (!list || list.getAttribute("data-asn-labels")) return;
  list.setAttribute("data-asn-labels", "1");
  new MutationObserver(function () { label(list); }).observe(list, { childList: true, subtree: true });
}

// Material puts a wide table in a box that scrolls sideways; a box that does scroll takes the
// focus, so that the arrow keys scroll it too.
function scrollers() {
  all(".md-typeset__scrollwrap").forEach(function (box) {
    const wide = box.scrollWidth > box.clientWidth + 1;
    if (wide && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabel lebar, geser ke samping");
      box.setAttribute("data-asn-scroll", "1");
    } else if (!wide && box.getAttribute("data-asn-scroll")) {
      ["tabindex", "role", "aria-label", "data-asn-scroll"].forEach(function (a) { box.removeAttribute(a); });
    }
  });
}
// On a wide screen an entry page's navigation sidebar holds only hidden links (the page is reached from
// its listing, not the navigation): it is no scroll box then, or it would be one that no key can reach.
function emptySidebars() {
  all(".md-sidebar__scrollwrap").forEach(function (box) {
    const seen = all("a[href], input, button, [tabindex]", box).some(function (el) {
      return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    });
    box.classList.toggle("asn-scroll-empty", !seen && !small());
  });
}

// The header's Rencana link is not redrawn by instant navigation: it says itself whether it is the page.
function markHeaderLink() {
  const link = document.querySelector(".asn-header-plan");
  if (!link) return;
  if (link.href.split(/[?#]/)[0] === location.href.split(/[?#]/)[0]) link.setAttribute("aria-current", "page");
  else link.removeAttribute("aria-current");
}

function init() {
  all("form[data-asn-filter]").forEach(setup);
  // long listings without a filter form (a kind's generic index)
  all("[data-asn-list]").forEach(function (list) { pagedList(list, null, match); });
  setupHeader();
  markHeaderLink();
  watch();
  scrollers();
  emptySidebars();
}

// Once, when the bundle runs: the window's listeners outlive instant-navigation page swaps.
export function startPortal() {
  window.matchMedia(SMALL).addListener(emptySidebars);  // addListener: Chrome 80 and Firefox 78 too
  document.addEventListener("focusin", function (event) {
    let target = event.target;
    if (!(target instanceof Element)) return;
    if (!target.closest(".md-search")) opener = target;
    // The drawer is no dialog: once the focus leaves it (not for its button), it closes.
    let nav = toggle("drawer"), side = drawer();
    if (nav && nav.checked && small() && side && !side.contains(target) && target !== button("drawer")) nav.click();
  });

  // Material's shortcuts to the search box (f, s, /) focus a box that phones hide while it is
  // closed: there the box is opened first.
  window.addEventListener("keydown", function (event) {
    let search = toggle("search"), active = document.activeElement;
    if (["f", "s", "/"].indexOf(event.key) < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!search || search.checked || !window.matchMedia("(max-width: 59.984375em)").matches) return;
    if (active && (active.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName))) return;
    event.preventDefault();
    event.stopPropagation();
    search.click();  // its change handler above focuses the box
  }, true);

  window.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    let search = toggle("search"), nav = toggle("drawer");
    if (search && search.checked) {
      const back = opener;
      window.setTimeout(function () {  // after Material closed the box and took the focus off it
        if (search.checked) return;
        let active = document.activeElement;
        if (active && active !== document.body && !active.closest(".md-search")) return;
        let target = shown(back) ? back : button("search");
        if (shown(target)) target.focus();
      }, 0);
    } else if (nav && nav.checked && small()) {
      nav.click();
      if (shown(button("drawer"))) button("drawer").focus();
    }
  }, true);

  let resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(scrollers, 200);
  });

  onEveryPage(init);
}
