// Words as search sees them (assets/src/search-words.mjs), the engine's ranking on a small index
// held in memory (search-engine.mjs), and the catalog filter's matching (filter.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

import { PLAIN_WORDS, matchTerms, termsOf } from "../../asn_portal/assets/src/filter.mjs";
import { TYPO_MIN_LENGTH, fold, forms, stemsOf, withinOneEdit, words } from "../../asn_portal/assets/src/search-words.mjs";
import { escapeHtml, highlight } from "../../asn_portal/assets/src/search-highlight.mjs";

// The stemmer is a classic script that defines self.asnSearchStem, as in the search worker.
globalThis.self = globalThis;
createRequire(import.meta.url)("../../asn_portal/assets/stemmer-id.js");
const engine = await import("../../asn_portal/assets/src/search-engine.mjs");
const ranking = await import("../../asn_portal/assets/src/search-rank.mjs");
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

test("stems: a word ending like a particle also has the stem the stemmer gives without that step", () => {
  const stem = globalThis.asnSearchStem;
  assert.deepEqual(stemsOf("mengolah", stem), ["mengo", "olah"], "-lah is the root's own end here");
  assert.deepEqual(stemsOf("diolah", stem), ["dio", "olah"]);
  assert.deepEqual(stemsOf("apakah", stem), ["apa", "apakah"], "and a particle there: both stems");
  assert.deepEqual(stemsOf("pengolahan", stem), ["olah"]);
  assert.deepEqual(stemsOf("olah", stem), ["olah"]);
  assert.deepEqual(stemsOf("pun", stem), ["pun"], "too short to stem: no other stem");
  assert.deepEqual(stemsOf("mengolah", (w) => w), ["mengolah"], "no stemmer (PLAIN_WORDS): no other stem");
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

// A weight level (1..511, log scale) as the engine reads it back.
const weight = (level) => Math.exp((level - 511) * 10 / 511);

test("postings decode as the index encodes them: doc, weight, field bits", () => {
  // doc 3 impact 130 (2 * 64 + 2: level 16, bits 2), doc 40 (delta 37: 5 + 32, the high bit says a
  // digit follows) impact 5 (level 0, bits 5)
  const out = engine.decodePostings("3" + "22" + "b1" + "05");
  assert.deepEqual([out[0], out[2], out[3], out[5]], [3, 2, 40, 5]);
  assert.ok(Math.abs(out[1] - weight(16)) < 1e-12);
  const top = engine.decodePostings(encode([[0, 8], [5000, 511 * 8 + 7]]));
  assert.deepEqual([top[0], top[2], top[3], top[5]], [0, 0, 5000, 7]);
  assert.equal(top[4], 1, "the highest level is the highest weight");
});

test("ranking: a page holding more of the typed words comes first, ties by document number", () => {
  const ranked = ranking.rank({ 1: 900, 2: 100, 3: 100 }, { 1: 1, 2: 3, 3: 3 }, 2);
  assert.deepEqual(ranked.docs, [1, 2, 3].sort((a, b) => ranked.scores[b] - ranked.scores[a] || a - b));
  assert.deepEqual(ranking.rank({ 1: 150, 2: 100 }, { 1: 1, 2: 3 }, 2).docs, [2, 1]);
  assert.equal(ranking.rank({ 5: 1, 4: 1 }, { 5: 1, 4: 1 }, 1).docs[0], 4);
});

test("ranking: a word too common to be listed everywhere is not held against a page", () => {
  // word 0 ("pegawai") is over the cap: page 2 may hold it and is not halved for missing from its list
  assert.deepEqual(ranking.rank({ 1: 100, 2: 150 }, { 1: 3, 2: 2 }, 2, {}, 0).docs, [1, 2]);
  assert.deepEqual(ranking.rank({ 1: 100, 2: 150 }, { 1: 3, 2: 2 }, 2, {}, 1).docs, [2, 1]);
});

test("ranking: every typed word in the title (or summary, or headings) beats mentions in passing", () => {
  const scores = { 1: 100, 2: 60, 3: 60 };
  const hits = { 1: 3, 2: 3, 3: 3 };
  // page 2 names both words in its title, page 3 one in its title and one in its summary
  const fields = { 1: [0, 0, 0], 2: [3, 0, 0], 3: [1, 2, 0] };
  assert.deepEqual(ranking.rank(scores, hits, 2, fields, 0).docs, [2, 1, 3]);
  assert.equal(ranking.fieldBonus([0, 3, 0], 3), ranking.FIELD_BONUS[1]);
  assert.equal(ranking.fieldBonus([0, 1, 2], 3), 1, "words in two different fields earn nothing");
});

test("a word's forms share the rarity of the most common: a rare form weighs no more than its stem", () => {
  const clauses = [{ entry: ["mengevaluasi", 0, 10], boost: 1 }, { entry: ["evaluasi", 0, 900], boost: 0.8 }];
  ranking.shareRarity(clauses, 1000);
  assert.ok(Math.abs(clauses[0].boost - ranking.idf(900, 1000) / ranking.idf(10, 1000)) < 1e-12);
  assert.equal(clauses[1].boost, 0.8);
});

test("phrase: the typed words side by side, in order, in a title or excerpt", () => {
  const stem = globalThis.asnSearchStem;
  assert.equal(ranking.hasPhrase("Pelatihan daring bagi ASN", ["pelatihan", "daring"], stem), true);
  assert.equal(ranking.hasPhrase("Daring: pelatihan", ["pelatihan", "daring"], stem), false);
  assert.equal(ranking.hasPhrase("Melatih secara daring", ["pelatihan", "daring"], stem), false);
  assert.equal(ranking.hasPhrase("Mengolah data layanan", ["pengolahan", "data"], stem), true, "olah, both");
  const scores = { 1: 10, 2: 9 };
  const data = { 1: ["a/", "Daring dan pelatihan", "", ""], 2: ["b/", "Pelatihan daring", "", ""] };
  assert.deepEqual(ranking.rerankByPhrase([1, 2], data, scores, ["pelatihan", "daring"], stem), [2, 1]);
  // a title that begins with the typed word: a page about it
  const about = { 1: ["a/", "Belajar dari Sesi Coaching", "", ""], 2: ["b/", "Coaching dan Mentoring", "", ""] };
  assert.deepEqual(ranking.rerankByPhrase([1, 2], about, { 1: 10, 2: 9 }, ["coaching"], stem), [2, 1]);
});

test("synonyms: a word's own entry, or one slip away when the index does not know the word", () => {
  const table = { password: [["kata", "sandi"]], diklat: [["pelatihan"]] };
  assert.deepEqual(ranking.synonymsOf(table, "password", false), [["kata", "sandi"]]);
  assert.deepEqual(ranking.synonymsOf(table, "pasword", false), [["kata", "sandi"]]);
  assert.deepEqual(ranking.synonymsOf(table, "pasword", true), [], "a word the index knows is what it says");
  assert.deepEqual(ranking.synonymsOf(table, "dikla", false), [["pelatihan"]]);
  assert.deepEqual(ranking.synonymsOf(table, "dikl", false), [], "short words: no slip");
  assert.deepEqual(ranking.synonymsOf(undefined, "diklat", false), []);
});

test("results carry escaped text only", () => {
  assert.equal(escapeHtml("<b title=\"x\">'&"), "&lt;b title=&quot;x&quot;&gt;&#39;&amp;");
});

test("a result marks the words the query matched, as typed, by a stem or begun, and escapes the rest", () => {
  const stem = (word) => ({ pelatihan: "latih", melatih: "latih" })[word] || word;
  assert.equal(highlight("Melatih <pegawai> & Pelatihan", ["pel"], { latih: true }, stem),
    "<mark data-md-highlight>Melatih</mark> &lt;pegawai&gt; &amp; " +
    "<mark data-md-highlight>Pelatihan</mark>");
  assert.equal(highlight("kata <b>", ["x"], {}, stem), "kata &lt;b&gt;");
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
    "manifest.js": () => api.m({ v: "an la ke", s: "", stop: "dan yang", n: 3, dc: 10, cap: 1000,
                                 syn: { diklat: [["pelatihan"]] } }),
    "v/an.js": () => api.v("an", [["anggaran", 0, 2]]),
    "v/la.js": () => api.v("la", [["latih", 0, 2], ["layan", 0, 1]]),
    "v/ke.js": () => api.v("ke", [["kelola", 0, 1]]),
    // impact: the weight's level (log scale, 511 the highest) times 8, plus the field bits (none here)
    "p/0.js": () => api.p(0, { anggaran: encode([[0, 480 * 8], [2, 500 * 8]]),
                              latih: encode([[1, 505 * 8], [2, 495 * 8]]), layan: encode([[1, 400 * 8]]),
                              kelola: encode([[0, 510 * 8]]) }),
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

test("a synonym finds a page that shares no word with the query", async () => {
  engine.forgetIndex();
  serveIndex();
  const result = await engine.search("diklat");
  assert.deepEqual(result.items.map((i) => i[0].location), ["kursus/b/", "kursus/c/"]);
});

test("a query finds the root a meN- word swallowed, and skips stop words", async () => {
  engine.forgetIndex();
  serveIndex();
  const result = await engine.search("mengelola dan");
  assert.deepEqual(result.items.map((i) => i[0].location), ["kursus/a/"]);
  assert.equal(engine.stopWordsOfIndex().dan, true);
});

// An index as asn_portal/search/words.py writes it for two pages: "Mengolah data layanan" (its terms
// mengolah, mengo, olah, data, layanan, layan) and "Pengolahan arsip" (pengolahan, olah, arsip).
function serveOlahIndex() {
  const api = globalThis.asnSearch;
  const files = {
    "manifest.js": () => api.m({ v: "me ol pe", s: "", stop: "dan", n: 2, dc: 10, cap: 1000, syn: {} }),
    "v/me.js": () => api.v("me", [["mengo", 0, 1], ["mengolah", 0, 1]]),
    "v/ol.js": () => api.v("ol", [["olah", 0, 2]]),
    "v/pe.js": () => api.v("pe", [["pengolahan", 0, 1]]),
    "p/0.js": () => api.p(0, { mengo: encode([[0, 500 * 8]]), mengolah: encode([[0, 500 * 8]]),
                              olah: encode([[0, 500 * 8], [1, 500 * 8]]), pengolahan: encode([[1, 500 * 8]]) }),
    "d/0.js": () => api.d(0, [["kursus/data/", "Mengolah data layanan", "Kursus", ""],
                              ["kursus/arsip/", "Pengolahan arsip", "Kursus", ""]])
  };
  globalThis.importScripts = (...urls) => {
    for (const url of urls) files[url.replace("../../../search/", "")]();
  };
}

test("pengolahan finds the page that says mengolah, and mengolah the page that says pengolahan", async () => {
  for (const [query, first] of [["pengolahan", "kursus/arsip/"], ["mengolah", "kursus/data/"]]) {
    engine.forgetIndex();
    serveOlahIndex();
    const result = await engine.search(query + " ");
    assert.deepEqual(result.items.map((i) => i[0].location).sort(), ["kursus/arsip/", "kursus/data/"], query);
    assert.equal(result.items[0][0].location, first, "the word as typed first");
    const data = result.items.find((i) => i[0].location === "kursus/data/")[0];
    assert.match(data.title, /<mark data-md-highlight>Mengolah<\/mark>/);
  }
});

test("filter: a typed word finds the words it begins, its stem and its other forms", () => {
  const cards = ["Pengelolaan keuangan daerah", "Pelatihan kepemimpinan", "Kelola arsip"]
    .map((t) => termsOf(t, STEMMED));
  assert.deepEqual(matchTerms("keuang", STEMMED, cards), [true, false, false]);
  assert.deepEqual(matchTerms("latihan", STEMMED, cards), [false, true, false]);
  assert.deepEqual(matchTerms("mengelola", STEMMED, cards), [true, false, true]);
});

test("filter: pengolahan finds the card that says mengolah, and the other way round", () => {
  const cards = ["Mengolah data layanan", "Pengolahan arsip", "Masa kerja"].map((t) => termsOf(t, STEMMED));
  assert.deepEqual(matchTerms("pengolahan", STEMMED, cards), [true, true, false]);
  assert.deepEqual(matchTerms("mengolah", STEMMED, cards), [true, true, false]);
  assert.deepEqual(matchTerms("diolah", STEMMED, cards), [true, true, false]);
});

test("filter: a typed word also finds the cards holding every word of one of its synonyms", () => {
  const syn = { diklat: [["pelatihan"]], pbj: [["pengadaan", "barang"]] };
  const h = { stem: STEMMED.stem, stop: STEMMED.stop, syn: syn };
  const cards = ["Pelatihan Arsip", "Pengadaan Barang dan Jasa", "Barang Milik Daerah", "Diklat PBJ"]
    .map((t) => termsOf(t, h));
  assert.deepEqual(matchTerms("diklat", h, cards), [true, false, false, true]);
  assert.deepEqual(matchTerms("pbj", h, cards), [false, true, false, true], "every word of the phrase");
  assert.deepEqual(matchTerms("diklat", STEMMED, cards), [false, false, false, true], "without synonyms");
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
