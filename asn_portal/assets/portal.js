/* asn-portal: the portal's own behaviour in the browser. Plain script, no dependencies: works
 * online, from file:// and with Material's instant navigation (document$ fires after every page
 * swap).
 *  - Index pages: narrow the list by select boxes and typed words (preset by the address:
 *    ?competency=teknis, ?factors=slug, ?q=words). Without JavaScript the form
 *    stays hidden and every entry stays listed (a long listing: on its pages, see lists.js, which
 *    filters such a list instead).
 *  - Search: each page result says what it is ("Kursus · Dasar · 8 JP") above its title. */
(function () {
  "use strict";

  function norm(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // A link may pick the filter, e.g. kursus/?competency=teknis from the home page's "Lihat semua":
  // only a value the select offers is taken, and the typed words as text.
  function chooseFromAddress(form) {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      var value = field.name ? params.get(field.name) : null;
      if (value === null) return;
      if (field.tagName === "SELECT") {
        if (Array.prototype.some.call(field.options, function (o) { return o.value === value; })) field.value = value;
      } else if (field.name === "q") {
        field.value = value;
      }
    });
  }

  function setup(form) {
    if (form.getAttribute("data-asn-ready")) return;
    var list = document.getElementById(form.getAttribute("data-asn-filter"));
    if (!list) return;
    form.setAttribute("data-asn-ready", "1");
    chooseFromAddress(form);
    if (list.hasAttribute("data-asn-list") && window.asnPortalPagedList) {
      window.asnPortalPagedList(list, form, norm);  // one page of a long listing: lists.js
      return;
    }
    var items = Array.prototype.slice.call(list.children);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".asn-filter__count");
    var none = form.nextElementSibling;
    var noun = form.getAttribute("data-noun") || "";

    function apply() {
      var words = norm(form.elements.q.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = norm(item.getAttribute("data-search"));
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        selects.forEach(function (select) {
          if (!ok || !select.value) return;
          var values = (item.getAttribute("data-" + select.name) || "").split(" ");
          ok = values.indexOf(select.value) >= 0;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "Menampilkan " + shown + " dari " + items.length + " " + noun + ".";
      if (none && none.classList.contains("asn-filter__none")) none.hidden = shown > 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // The search worker puts each result's label ("Kursus · Dasar · 8 JP") first in its text, as
  // escaped text; shown above the title instead, where a reader looks first.
  function label(list) {
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__article > .asn-result-kind"),
      function (span) {
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-asn-filter]"), setup);
    if (window.asnPortalPagedList) {  // long listings without a filter form (a kind's generic index)
      Array.prototype.forEach.call(document.querySelectorAll("[data-asn-list]"), function (list) {
        window.asnPortalPagedList(list, null, norm);
      });
    }
    watch();
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
