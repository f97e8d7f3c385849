/* asn-portal: each search result says what it is ("Kursus · Dasar · 8 JP").
 * Material renders results itself; this adds a label to each page result from
 * window.asnSearchFacts (search-facts.js), keyed by the page's path from the site root.
 * Text only (textContent), so a name from YAML can never become markup. */
(function () {
  "use strict";

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  }

  function key(href, root) {
    var url = new URL(href, document.baseURI);
    var path = url.pathname;
    if (path.indexOf(root.pathname) !== 0) return null;
    return decodeURI(path.slice(root.pathname.length));
  }

  function label(list) {
    var facts = window.asnSearchFacts || {};
    var root = siteRoot();
    Array.prototype.forEach.call(list.querySelectorAll(".md-search-result__item > .md-search-result__link"),
      function (link) {
        var article = link.querySelector(".md-search-result__article");
        if (!article || article.querySelector(".asn-result-kind")) return;
        var text = facts[key(link.getAttribute("href"), root)];
        if (!text) return;
        var span = document.createElement("span");
        span.className = "asn-result-kind";
        span.textContent = text;
        article.insertBefore(span, article.firstChild);
      });
  }

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.getAttribute("data-asn-labels")) return;
    list.setAttribute("data-asn-labels", "1");
    new MutationObserver(function () { label(list); }).observe(list, { childList: true, subtree: true });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(watch);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
