/* asn-portal learning, printing: a printed page is a handout, so before printing the quiz keys
 * (details.asn-quiz__key) are opened and closed again afterwards, the portal's own links are marked
 * (learning.css spells out only where external links go) and the plan page gets its "Dicetak:" date.
 * Its own file because it listens to the browser's print events, on every page, whatever else the
 * page holds. Needs learning-core.js and learning-plan.js (stampPrintDate). */
(function (L) {
  "use strict";

  var all = L.all;

  // Material's instant navigation makes every href absolute: mark the portal's own links so that the
  // printed handout spells out only where external links go.
  function markInternalLinks() {
    all(".md-typeset a[href]").forEach(function (a) {
      if (a.protocol === location.protocol && a.host === location.host) a.setAttribute("data-asn-internal", "");
    });
  }

  var opened = [];
  function beforePrint() {
    markInternalLinks();
    all("details.asn-quiz__key").forEach(function (details) {
      if (!details.open) { details.open = true; opened.push(details); }
    });
    L.stampPrintDate();
  }
  function afterPrint() {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  // Print emulation (and some browsers' print preview) only flips the media query.
  if (window.matchMedia) {
    var printQuery = window.matchMedia("print");
    var onPrint = function (event) { if (event.matches) beforePrint(); else afterPrint(); };
    if (printQuery.addEventListener) printQuery.addEventListener("change", onPrint);
    else if (printQuery.addListener) printQuery.addListener(onPrint);
  }

  L.markInternalLinks = markInternalLinks;
})(window.asnLearning);
