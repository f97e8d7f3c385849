/* asn-portal learning, the start: sets up the learning parts on every page. Rencana belajar,
 * kemajuan modul dan kuis live entirely in the reader's browser (localStorage, no server):
 *   core.mjs      helpers, site root, the plan in localStorage, course data
 *   progress.mjs  badges, "+ Rencana" buttons, the course page bar and module ticks
 *   quiz.mjs      self-check quizzes
 *   plandata.mjs  the plan as data: catalog data, renames, merging, totals, order
 *   records.mjs   CSV/JSON export and JSON import
 *   profile.mjs   the reader's identity and the printed record
 *   plan.mjs      the Rencana Belajar page
 *   recap.mjs     the HR recap (rekap/): many participants' files merged (recapfiles.mjs reads them,
 *                 recappage.mjs runs the page)
 *   print.mjs     the printed handout
 * init runs again after every instant-navigation swap (Material's document$, through page.mjs's
 * onEveryPage); elements already set up carry data-asn-ready and are skipped. */

import { KEY, all, load } from "./core.mjs";
import { onEveryPage } from "./page.mjs";
import { setupPlan, shownPlan } from "./plan.mjs";
import { followPrinting, markInternalLinks } from "./print.mjs";
import { onPlanChange, paintBadges, paintBars, paintButtons } from "./progress.mjs";
import { followOtherTabs, quizScores, setupQuiz } from "./quiz.mjs";
import { setupRecap } from "./recappage.mjs";

export function refresh() {
  const state = load();
  paintBadges(state);
  paintButtons(state);
  paintBars(state);
  const plan = shownPlan();
  if (plan) plan.render(state, true);
}

function init() {
  all("form.asn-quiz").forEach(setupQuiz);
  markInternalLinks();
  all("[data-asn-plan]").forEach(setupPlan);
  all("[data-asn-recap]").forEach(setupRecap);
  const state = load();
  paintBadges(state);
  paintButtons(state);
  paintBars(state);
}

// Once, when the bundle runs: the handlers outlive instant-navigation page swaps.
export function startLearning() {
  onPlanChange(refresh);
  followOtherTabs();
  followPrinting();
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) refresh();  // another tab or window changed the plan
  });
  document.addEventListener("asn-portal:cards", refresh);  // lists.mjs added cards to a long listing
  // What a reader's browser console (and the tests) may ask; nothing else is global.
  window.asnLearning = Object.freeze({ quizScores: quizScores, refresh: refresh, onEveryPage: onEveryPage });
  onEveryPage(init);
}
