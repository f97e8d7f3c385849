/* asn-portal: the portal's own behaviour in the browser. Plain script, no dependencies: works
 * online, from file:// and with Material's instant navigation (document$ fires after every page
 * swap).
 *  - Index pages: narrow the list by select boxes and typed words. The words are matched as the
 *    header search matches them: folded, stop words dropped, Snowball stems, the other forms of a
 *    prefixed word, one typing slip when nothing matches (the search's own stemmer-id.js,
 *    search-engine.js and search/manifest.js, loaded when the reader first types). The choice is
 *    kept in the address (?competency=teknis&kata=arsip): a reload or a shared link opens the list
 *    filtered alike ("kata", not "q": Material opens its search box for ?q=). The list is
 *    aria-busy until the newest answer is painted. Without JavaScript the form stays hidden and
 *    every entry stays listed (a long listing: on its pages, see lists.js, which filters such a
 *    list with the same matcher).
 *  - Header: the menu and search buttons open with Enter or Space and say whether they are open;
 *    the drawer opened from the keyboard takes the focus and gives it back on Escape; Escape in the
 *    search box returns the focus to where it was before the box opened.
 *  - Search: each page result says what it is ("Kursus · Dasar · 8 JP") above its title.
 *  - A table wider than the screen (Material's scrolling box) can be scrolled from the keyboard. */
(function () {
  "use strict";

  var SELF = document.currentScript ? document.currentScript.src : "";  // .../assets/asn-portal/portal.js
  var TYPO_MIN_LENGTH = 5;  // as search-engine.js: a typing slip is looked for in words this long
  var SMALL = "(max-width: 76.234375em)";  // Material: below this the navigation is a drawer

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // -- words, as the header search reads them ---------------------------------------------------

  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Letters and digits of any script, where the browser knows Unicode classes (search-engine.js's WORD)
  var WORD = (function () {
    try { return new RegExp("[\\p{L}\\p{N}]+", "gu"); } catch (err) { return /[a-z0-9]+/g; }
  })();

  // Without the search scripts (a site with Indonesian search off, or a script that failed to
  // load): folded words, no stems and no stop words.
  var PLAIN = {
    words: function (text) { return fold(text).match(WORD) || []; },
    stem: function (word) { return word; },
    stop: {}
  };
  var helpers = null;  // Promise of {words, stem, stop}

  function searchWords() {
    if (helpers) return helpers;
    if (!SELF || !window.asnPortalLoad) return (helpers = Promise.resolve(PLAIN));
    var load = window.asnPortalLoad;  // lists.js
    var stop = {};
    helpers = load(new URL("stemmer-id.js", SELF).href).then(function () {
      return load(new URL("search-engine.js", SELF).href);
    }).then(function () {
      var api = window.asnSearch;
      if (!api || typeof api.words !== "function" || typeof api.stem !== "function") {
        throw new Error("search-engine.js");
      }
      var register = api.m;  // the manifest registers itself here; its stop words are the index's
      api.m = function (data) {
        String((data && data.stop) || "").split(" ").forEach(function (w) { if (w) stop[w] = true; });
        return register.apply(this, arguments);
      };
      return load(new URL("../../search/manifest.js", SELF).href).then(function () {
        var stems = Object.create(null);
        return {
          words: api.words,
          stem: function (word) { return stems[word] || (stems[word] = api.stem(word)); },
          stop: stop
        };
      });
    }).catch(function () { return PLAIN; });
    return helpers;
  }

  // The rules search-engine.js applies to a typed word (its forms and withinOneEdit), which it
  // keeps to itself: the consonant meN-/peN- swallowed put back or taken off a root, pe-/be-/te- +
  // r-root; one typing slip (Damerau-Levenshtein distance 1).
  function forms(word, root) {
    var out = [];
    if (/^(per|ber|ter)[aiueo]/.test(word) && /^[aiueo]/.test(root)) out.push("r" + root);
    if (/^(me|pe)(m|n|ng|ny)[aiueo]/.test(word) && /^[aiueo]/.test(root)) {
      "kpst".split("").forEach(function (c) { out.push(c + root); });
    } else if (/^[kpstr][aiueo]/.test(root)) {
      out.push(root.slice(1));
    }
    return out;
  }

  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i += 1;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var termCache = Object.create(null);  // a card's text -> its terms (searchwords.index_terms)

  function termsOf(text, h) {
    if (termCache[text]) return termCache[text];
    var seen = Object.create(null), out = [];
    h.words(text).forEach(function (word) {
      if (h.stop[word]) return;
      [word, h.stem(word)].forEach(function (term) {
        if (!seen[term]) { seen[term] = true; out.push(term); }
      });
    });
    return (termCache[text] = out);
  }

  // One test per typed word; a card matches when every test finds one of its terms. A word finds
  // the terms it begins, its stem and its other forms; failing that in the whole list, a word of 5
  // letters or more finds the terms one typing slip away from it or its stem.
  function tests(query, h, cards) {
    var typed = [];
    h.words(query).forEach(function (w) { if (!h.stop[w] && typed.indexOf(w) < 0) typed.push(w); });
    return typed.map(function (word) {
      var root = h.stem(word), same = Object.create(null);
      [root].concat(forms(word, root)).forEach(function (term) { same[term] = true; });
      var test = function (term) { return term.lastIndexOf(word, 0) === 0 || same[term] === true; };
      var found = cards.some(function (terms) { return terms.some(test); });
      if (found || word.length < TYPO_MIN_LENGTH) return test;
      return function (term) { return withinOneEdit(term, root) || withinOneEdit(term, word); };
    });
  }

  // query, the cards' texts -> Promise of one boolean per card, or null when every card matches.
  function match(query, texts) {
    if (!/\S/.test(query)) return Promise.resolve(null);
    return searchWords().then(function (h) {
      var cards = texts.map(function (text) { return termsOf(String(text || ""), h); });
      var wanted = tests(query, h, cards);
      return cards.map(function (terms) {
        return wanted.every(function (test) { return terms.some(test); });
      });
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
    var params = new URLSearchParams(location.search);
    fields(form).forEach(function (field) {
      var value = params.get(field.name) || "";
      if (field.tagName === "SELECT") {
        var offered = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
        field.value = offered ? value : "";
      } else {
        field.value = value;
      }
    });
  }

  // The filter into the address, replacing the history entry: reload and share keep it.
  function remember(form) {
    if (!window.history || typeof history.replaceState !== "function") return;
    var url = new URL(location.href);
    fields(form).forEach(function (field) {
      var value = field.value.replace(/\s+/g, " ").trim();
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
    var list = document.getElementById(form.getAttribute("data-asn-filter"));
    if (!list) return;
    form.setAttribute("data-asn-ready", "1");
    chooseFromAddress(form);
    var keep = function () { remember(form); };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    form.addEventListener("reset", function () { window.setTimeout(keep, 0); });
    var box = form.querySelector('input[type="search"]');
    if (box) box.addEventListener("focus", searchWords);  // the search scripts load before the first key
    if (box && box.value) searchWords();
    if (list.hasAttribute("data-asn-list") && window.asnPortalPagedList) {
      window.asnPortalPagedList(list, form, match);  // one page of a long listing: lists.js
      return;
    }
    var items = Array.prototype.slice.call(list.children);
    var texts = items.map(function (item) { return item.getAttribute("data-search") || ""; });
    var selects = all("select", form);
    var count = form.querySelector(".asn-filter__count");
    var none = form.nextElementSibling;
    var noun = form.getAttribute("data-noun") || "";
    var run = 0;  // only the newest answer paints

    function apply() {
      var mine = ++run;
      list.setAttribute("aria-busy", "true");  // until the newest answer is painted
      match(box ? box.value : "", texts).then(function (hits) {
        if (mine !== run) return;
        list.removeAttribute("aria-busy");
        var shown = 0;
        items.forEach(function (item, i) {
          var ok = !hits || hits[i];
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

  var opener = null;  // the element focused before the focus went into the search box
  var byKeyboard = false;  // the drawer is being opened from its button with the keyboard

  function first(root) {
    return root && all("a[href], button, input, select, [tabindex]", root).filter(function (el) {
      return el.tabIndex >= 0 && shown(el);
    })[0];
  }

  function setupHeader() {
    ["drawer", "search"].forEach(function (name) {
      var input = toggle(name), label = button(name);
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
          var box = document.querySelector(".md-search__input");
          if (box && !document.activeElement.closest(".md-search")) box.focus();
        } else if (name === "drawer" && input.checked && byKeyboard && small()) {
          var target = first(drawer());
          if (target) target.focus();
        } else if (name === "drawer" && !input.checked && drawer() && drawer().contains(document.activeElement)) {
          label.focus();
        }
      });
    });
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (!target.closest(".md-search")) opener = target;
    // The drawer is no dialog: once the focus leaves it (not for its button), it closes.
    var nav = toggle("drawer"), side = drawer();
    if (nav && nav.checked && small() && side && !side.contains(target) && target !== button("drawer")) nav.click();
  });

  // Material's shortcuts to the search box (f, s, /) focus a box that phones hide while it is
  // closed: there the box is opened first.
  window.addEventListener("keydown", function (event) {
    var search = toggle("search"), active = document.activeElement;
    if (["f", "s", "/"].indexOf(event.key) < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!search || search.checked || !window.matchMedia("(max-width: 59.984375em)").matches) return;
    if (active && (active.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName))) return;
    event.preventDefault();
    event.stopPropagation();
    search.click();  // its change handler above focuses the box
  }, true);

  window.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var search = toggle("search"), nav = toggle("drawer");
    if (search && search.checked) {
      var back = opener;
      window.setTimeout(function () {  // after Material closed the box and took the focus off it
        if (search.checked) return;
        var active = document.activeElement;
        if (active && active !== document.body && !active.closest(".md-search")) return;
        var target = shown(back) ? back : button("search");
        if (shown(target)) target.focus();
      }, 0);
    } else if (nav && nav.checked && small()) {
      nav.click();
      if (shown(button("drawer"))) button("drawer").focus();
    }
  }, true);

  // -- search results and wide tables -----------------------------------------------------------

  // The search worker puts each result's label ("Kursus · Dasar · 8 JP") first in its text, as
  // escaped text; shown above the title instead, where a reader looks first.
  function label(list) {
    all(".md-search-result__article > .asn-result-kind", list).forEach(function (span) {
      var title = span.parentNode.querySelector("h1, h2");
      if (title && span.nextElementSibling !== title) title.parentNode.insertBefore(span, title);
    });
  }

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.getAttribute("data-asn-labels")) return;
    list.setAttribute("data-asn-labels", "1");
    new MutationObserver(function () { label(list); }).observe(list, { childList: true, subtree: true });
  }

  // Material puts a wide table in a box that scrolls sideways; a box that does scroll takes the
  // focus, so that the arrow keys scroll it too.
  function scrollers() {
    all(".md-typeset__scrollwrap").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
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
  var resizing = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(scrollers, 200);
  });

  // The header's Rencana link is not redrawn by instant navigation: it says itself whether it is the page.
  function markHeaderLink() {
    var link = document.querySelector(".asn-header-plan");
    if (!link) return;
    if (link.href.split(/[?#]/)[0] === location.href.split(/[?#]/)[0]) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }

  function init() {
    all("form[data-asn-filter]").forEach(setup);
    if (window.asnPortalPagedList) {  // long listings without a filter form (a kind's generic index)
      all("[data-asn-list]").forEach(function (list) { window.asnPortalPagedList(list, null, match); });
    }
    setupHeader();
    markHeaderLink();
    watch();
    scrollers();
  }

  // Run ``init`` on every page: after each instant-navigation swap (Material's document$), else once
  // the page is ready. Shared with learning.js, which loads after this file.
  function onEveryPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }
  window.asnPortalOnEveryPage = onEveryPage;

  onEveryPage(init);
})();
