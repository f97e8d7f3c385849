/* asn-portal's browser code for every page: the entry of the asn-portal.js bundle
 * (asn_portal/render/scripts.py), run once when the page loads the bundle; instant navigation keeps
 * it loaded, and each part sets up every new page through page.mjs's onEveryPage.
 *   portal.mjs    the filter on index pages, the header's buttons, search result labels, wide tables
 *   lists.mjs     long listings: chunks loaded on demand, "Tampilkan lebih banyak"
 *   learning.mjs  learning plan, module progress, quizzes, the plan page, printing
 *   scorm.mjs     inside an LMS (SCORM 1.2 API found) only: the course's status and quiz score
 *   search-box.mjs  Material's search box also searches on paste, voice input and IME (the input event)
 * Pure parts, tested in Node.js (tests/js/): constants.mjs (generated from the Python registry),
 * search-words.mjs, filter.mjs, core.mjs's cleaning, plandata.mjs, records.mjs's CSV and import,
 * quiz.mjs's scores. */

import { startLearning } from "./learning.mjs";
import { receiveChunks } from "./lists.mjs";
import { startPortal } from "./portal.mjs";
import { startScorm } from "./scorm.mjs";
import { startSearchBox } from "./search-box.mjs";

receiveChunks();
startPortal();  // its setup runs before the learning parts' on every page, as it always did
startLearning();
startScorm();  // nothing at all outside an LMS
startSearchBox();
