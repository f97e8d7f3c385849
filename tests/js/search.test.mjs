// Words as search sees them (assets/src/search-words.mjs), the engine's ranking on a small index
// held in memory (search-engine.mjs), and the catalog filter's matching (filter.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

import { PLAIN_WORDS, matchTerms, termsOf } from "../../asn_portal/assets/src/filter.mjs";
import { TYPO_MIN_LENGTH, fold, forms, withinOneEdit, words } from "../../asn_portal/assets/src/search-words.mjs";

// The stemmer is a classic script that defines self.asnSearchStem, as in the search worker.
globalThis.self = globalThis;
createRequire(import.meta.url)("../../asn_portal/assets/stemmer-id.js");
const engine = await import("../../asn_portal/assets/src/search-engine.mjs");
const STEMMED = { stem: globalThis.asnSearchStem, stop: { dan: true, yang: true } };

test("words are folded: lower case, accents dropped, letters and digits of any script", () => {
  assert.equal(fold("René ÉTAT"), "rene etat");
  assert.deepEqual(words("Kolaborasi_antar-unit (SKP) 2026!"), ["kolaborasi", "antar", "unit", "skp", "2026"]);
  assert.deepEqual(words(null), []);
});

test("word forms: the consonant meN-/peN- swallowed put back, a root's first consonant taken off", () => {
  assert.deepEqual(forms("mengelola", "elola").map((f) => f[0]), ["kelola", "pelola", "selola", "telola"]);
  assert.deepEqual(forms("kelola", "kelola"), [["elola", 0.6]]);
  assert.deepEqual(forms("perayaan", "aya").map((f) => f[0]), ["raya"]);
  assert.deepEqual(forms("anggaran", "anggar"), []);
});

test("one typing slip: a letter changed, added, dropped or two swapped", () => {
  assert.equal(withinOneEdit("kepemimpinan", "kepemimpnan"), true);
  assert.equal(withinOneEdit("anggaran", "angagran"), true);
  assert.equal(withinOneEdit("anggaran", "anggaram"), true);
  assert.equal(withinOneEdit("anggaran", "anggaranx"), true);
  assert.equal(withinOneEdit("anggaran", "angg"), false);
  assert.equal(withinOneEdit("anggaran", "enggarin"), false);
  assert.equal(TYPO_MIN_LENGTH, 5);
});

test("the stemmer is Snowball's Indonesian", () => {
  assert.equal(globalThis.asnSearchStem("pelatihan"), "latih");
  assert.equal(engine.stem("mengelola"), "elola");
});

test("postings decode as the index encodes them", () => {
  // doc 3 impact 130 (2 * 64 + 2), doc 40 (delta 37: 5 + 32, the high bit says a digit follows) impact 5
  assert.deepEqual(engine.decodePostings("3" + "22" + "b1" + "05"), [3, 130, 40, 5]);
  assert.deepEqual(engine.decodePostings(encode([[0, 1], [5000, 4095]])), [0, 1, 5000, 4095]);
});

test("ranking: a page holding more of the typed words comes first, ties by document number", () => {
  const ranking = engine.rank({ 1: 900, 2: 100, 3: 100 }, { 1: 1, 2: 3, 3: 3 }, 2);
  assert.deepEqual(ranking.docs, [1, 2, 3].sort((a, b) => ranking.scores[b] - ranking.scores[a] || a - b));
  assert.deepEqual(engine.rank({ 1: 150, 2: 100 }, { 1: 1, 2: 3 }, 2).docs, [2, 1]);
  assert.equal(engine.rank({ 5: 1, 4: 1 }, { 5: 1, 4: 1 }, 1).docs[0], 4);
});

test("results carry escaped text only", () => {
  assert.equal(engine.escapeHtml("<b title=\"x\">'&"), "&lt;b title=&quot;x&quot;&gt;&#39;&amp;");
});

// A tiny index as search/ holds it: a manifest, vocabulary shards, one postings and one data chunk.
function encode(list) {
  const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  let out = "";
  let last = 0;
  for (const [doc, impact] of list) {
    let delta = doc - last;
    last = doc;
    do {
      const low = delta % 32;
      delta = Math.floor(delta / 32);
      out += digits.charAt(low + (delta > 0 ? 32 : 0));
    } while (delta > 0);
    out += digits.charAt(Math.floor(impact / 64)) + digits.charAt(impact % 64);
  }
  return out;
}

function serveIndex() {
  const api = globalThis.asnSearch;
  const files = {
    "manifest.js": () => api.m({ v: "an la ke", s: "", stop: "dan yang", n: 3, dc: 10 }),
    "v/an.js": () => api.v("an", [["anggaran", 0, 2]]),
    "v/la.js": () => api.v("la", [["latih", 0, 2], ["layan", 0, 1]]),
    "v/ke.js": () => api.v("ke", [["kelola", 0, 1]]),
    "p/0.js": () => api.p(0, { anggaran: encode([[0, 50], [2, 200]]), latih: encode([[1, 300], [2, 100]]),
                              layan: encode([[1, 10]]), kelola: encode([[0, 400]]) }),
    "d/0.js": () => api.d(0, [["kursus/a/", "Anggaran <Daerah>", "Kursus", "Mengelola anggaran"],
                              ["kursus/b/", "Pelatihan", "", "Melayani"],
                              ["kursus/c/", "Pelatihan anggaran", "Kursus", ""]])
  };
  globalThis.importScripts = (...urls) => {
    for (const url of urls) files[url.replace("../../../search/", "")]();
  };
}

test("a query finds pages by stem and ranks pages with every word first", async () => {
  engine.forgetIndex();
  serveIndex();
  const result = await engine.search("pelatihan anggaran");
  assert.deepEqual(result.items.map((i) => i[0].location), ["kursus/c/", "kursus/b/", "kursus/a/"]);
  assert.match(result.items[0][0].title, /<mark data-md-highlight>Pelatihan<\/mark>/);
  assert.match(result.items[2][0].title, /&lt;Daerah&gt;/);
  assert.match(result.items[2][0].text, /^<span class="asn-result-kind">Kursus<\/span>/);
});

test("a query finds the root a meN- word swallowed, and skips stop words", async () => {
  engine.forgetIndex();
  serveIndex();
  const result = await engine.search("mengelola dan");
  assert.deepEqual(result.items.map((i) => i[0].location), ["kursus/a/"]);
  assert.equal(engine.stopWordsOfIndex().dan, true);
});

test("filter: a typed word finds the words it begins, its stem and its other forms", () => {
  const cards = ["Pengelolaan keuangan daerah", "Pelatihan kepemimpinan", "Kelola arsip"]
    .map((t) => termsOf(t, STEMMED));
  assert.deepEqual(matchTerms("keuang", STEMMED, cards), [true, false, false]);
  assert.deepEqual(matchTerms("latihan", STEMMED, cards), [false, true, false]);
  assert.deepEqual(matchTerms("mengelola", STEMMED, cards), [true, false, true]);
});

test("filter: every typed word must match; stop words and an empty query ask nothing", () => {
  const cards = ["Arsip dinamis", "Arsip statis"].map((t) => termsOf(t, STEMMED));
  assert.deepEqual(matchTerms("arsip dinamis", STEMMED, cards), [true, false]);
  assert.deepEqual(matchTerms("arsip dan yang", STEMMED, cards), [true, true]);
  assert.equal(matchTerms("   ", STEMMED, cards), null);
});

test("filter: a typing slip is forgiven only when nothing matches and the word is long enough", () => {
  const cards = ["Kepemimpinan pancasila", "Keuangan"].map((t) => termsOf(t, STEMMED));
  assert.deepEqual(matchTerms("kepemimpnan", STEMMED, cards), [true, false]);
  assert.deepEqual(matchTerms("keuanx", STEMMED, cards), [false, true]);
  assert.deepEqual(matchTerms("kauan", PLAIN_WORDS, cards), [false, false], "one slip from no word");
  assert.deepEqual(matchTerms("keua", PLAIN_WORDS, cards), [false, true], "a prefix");
  assert.deepEqual(matchTerms("keux", PLAIN_WORDS, cards), [false, false], "short words: no slip");
});

test("shard file names: plain ASCII kept, else x and hex (never x..., never a Windows device name)", () => {
  // the same names as asn_portal/search/shards.py file_key (tests/test_search_engine.py compares both)
  assert.equal(engine.fileKey("an"), "an");
  assert.equal(engine.fileKey("lpt9x"), "lpt9x");
  assert.equal(engine.fileKey("xc3a9"), "x7863336139");
  assert.equal(engine.fileKey("\u00e9\u00e9"), "xc3a9c3a9");
  assert.equal(engine.fileKey("con"), "x636f6e");
  assert.equal(engine.fileKey("com1"), "x636f6d31");
  assert.equal(engine.fileKey("com\u00b9"), "x636f6dc2b9");
});
