/* asn-portal learning, the start: runs the learning-*.js parts on every page. Rencana belajar,
 * kemajuan modul dan kuis live entirely in the reader's browser, in plain classic scripts that
 * share window.asnLearning (see learning-core.js for why), loaded in this order after portal.js and
 * lists.js:
 *   learning-core.js      constants, helpers, site root, the plan in localStorage, course data
 *   learning-progress.js  badges, "+ Rencana" buttons, the course page bar and module ticks
 *   learning-quiz.js      self-check quizzes
 *   learning-plandata.js  the plan as data: catalog data, renames, merging, totals, order
 *   learning-records.js   CSV/JSON export and JSON import
 *   learning-plan.js      the Rencana Belajar page
 *   learning-print.js     the printed handout
 *   learning.js           this file: init on every page, refresh when the plan changes elsewhere
 * init runs again after every instant-navigation swap (Material's document$, through portal.js's
 * asnPortalOnEveryPage); elements already set up carry data-asn-ready and are skipped. */
(function (L) {
  "use strict";

  var all = L.all, load = L.load;

  function refresh() {
    var state = load();
    L.paintBadges(state);
    L.paintButtons(state);
    L.paintBars(state);
    if (L.plan && document.body.contains(L.plan.root)) L.plan.render(state, true);
  }

  function init() {
    if (L.plan && !document.body.contains(L.plan.root)) L.plan = null;
    all("form.asn-quiz").forEach(L.setupQuiz);
    L.markInternalLinks();
    all("[data-asn-plan]").forEach(L.setupPlan);
    var state = load();
    L.paintBadges(state);
    L.paintButtons(state);
    L.paintBars(state);
  }

  L.refresh = refresh;

  window.addEventListener("storage", function (event) {
    if (event.key === L.KEY || event.key === null) refresh();  // another tab or window changed the plan
  });
  document.addEventListener("asn-portal:cards", refresh);  // lists.js added cards to a long listing

  window.asnPortalOnEveryPage(init);  // portal.js, listed before the learning files
})(window.asnLearning);
