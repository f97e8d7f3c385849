/* asn-portal learning, printing: a printed course page is a handout for participants, so the quiz
 * keys (details.asn-quiz__key) and a reader's revealed marks stay out of it (learning.css); a
 * facilitator who asks for the key sheet ("Cetak kunci jawaban", printKeySheet) gets the page with
 * the keys: <html> carries KEY_SHEET while printing, the closed keys are opened for browsers without
 * ::details-content, and both are undone after printing. Also: the portal's own links are marked
 * (learning.css spells out only where external links go) and the plan page gets its "Dicetak:" date.
 * Its own file because it listens to the browser's print events, on every page, whatever else the
 * page holds (followPrinting, called once by learning.mjs). */

import { all } from "./core.mjs";
import { stampPrintDate } from "./profile.mjs";

export const KEY_SHEET = "asn-print-key";

// Material's instant navigation makes every href absolute: mark the portal's own links so that the
// printed handout spells out only where external links go.
export function markInternalLinks() {
  all(".md-typeset a[href]").forEach(function (a) {
    if (a.protocol === location.protocol && a.host === location.host) a.setAttribute("data-asn-internal", "");
  });
}

let opened = [];
function beforePrint() {
  markInternalLinks();
  if (document.documentElement.classList.contains(KEY_SHEET)) {
    all("details.asn-quiz__key").forEach(function (details) {
      if (!details.open) { details.open = true; opened.push(details); }
    });
  }
  stampPrintDate();
}
function afterPrint() {
  opened.forEach(function (details) { details.open = false; });
  opened = [];
  document.documentElement.classList.remove(KEY_SHEET);
}

// The page printed with every quiz's answer key (the button beside each quiz).
export function printKeySheet() {
  document.documentElement.classList.add(KEY_SHEET);
  beforePrint();  // also for browsers that fire no beforeprint before window.print()
  window.print();
}

// Once, when the bundle runs (learning.mjs): the handout is prepared whenever the page is printed.
export function followPrinting() {
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  // Print emulation (and some browsers' print preview) only flips the media query.
  if (window.matchMedia) {
    const printQuery = window.matchMedia("print");
    const onPrint = function (event) { if (event.matches) beforePrint(); else afterPrint(); };
    if (printQuery.addEventListener) printQuery.addEventListener("change", onPrint);
    else if (printQuery.addListener) printQuery.addListener(onPrint);
  }
}
