/* asn-portal search engine: answers a query from the prebuilt, sharded index in search/ (written by
 * asn_portal/search/shards.py), loading only the shards the query's words need.
 *
 * Bundled by asn_portal/render/scripts.py as search-engine.js, with search-words.mjs (the word rules
 * the catalog filter shares). Runs inside Material for MkDocs' search worker (search-worker.js loads
 * it on the first query), in a real Web Worker over http and in worker-shim.js's iframe from
 * file://. Shards are plain scripts that register themselves (asnSearch.v/s/p/d/m), so importScripts
 * loads them in both places.
 *
 * Words are folded, split and stemmed exactly as the index was built (Snowball's Indonesian
 * stemmer, in stemmer-id.js; tests/test_search_engine.py compares it with Python's snowballstemmer).
 * Each typed word is widened as the former lunr.id query expansion did:
 *  - the word as a prefix (pelatih finds pelatihan), its stems (pelatihan -> latih; mengolah ->
 *    mengo, and olah without the particle step: search-words.mjs stemsOf);
 *  - the consonant that meN-/peN- swallowed put back (mengelola -> elola -> kelola), or taken off
 *    a root (kelola -> elola), and pe-/be-/te- + r-root (perayaan -> raya);
 *  - when nothing matches and the word has 5 letters or more, index words one edit away (a
 *    typing slip anywhere in the word: found through the shard of its first letters or, when
 *    the slip is among those, the shard of its last ones).
 * A typed word also stands for its synonyms (the manifest's "syn", from content/sinonim.yml): their
 * words are looked up as typed words are, and count for the typed word. Ranking: search-rank.mjs.
 * Results carry escaped text only (search-highlight.mjs).
 */
import { TYPO_MIN_LENGTH, forms, stemsOf, withinOneEdit, words } from "./search-words.mjs";
import { SYNONYM_BOOST, rank, rerankByPhrase, shareRarity, synonymsOf } from "./search-rank.mjs";
import { escapeHtml, highlight } from "./search-highlight.mjs";

const BASE = "../../../search/";  // the index, relative to Material's worker script
const MAX_COMPLETIONS = 12;  // words a typed prefix stands for, most frequent first
const STEM_BOOST_WHEN_FOUND = 0.8;  // the word as typed ranks a little higher than its other forms
const COMPLETION_BOOST = 0.6;
const LEVELS = 511;  // a posting's weight level, on a log scale (asn_portal/search/shards.py)
const LOG_RANGE = 10;

const store = { m: null, v: {}, s: {}, p: {}, d: {} };
let keySet = {};  // "v:pe" -> true when the index has that shard
let stopWords = {};
let decoded = {};

// Shards are scripts that register themselves here: asnSearch.m(manifest), .v/.s(key, list),
// .p/.d(number, data). The catalog filter on index pages (filter.mjs) loads the manifest through
// this engine too, for its stop words.
const api = globalThis.asnSearch = globalThis.asnSearch || {};
api.m = function (data) {
  store.m = data;
  data.stop.split(" ").forEach(function (w) { if (w) stopWords[w] = true; });
  data.v.split(" ").forEach(function (k) { if (k) keySet["v:" + k] = true; });
  data.s.split(" ").forEach(function (k) { if (k) keySet["s:" + k] = true; });
};
api.v = function (key, list) { store.v[key] = list; };
api.s = function (key, list) { store.s[key] = list; };
api.p = function (id, terms) { store.p[id] = terms; };
api.d = function (id, docs) { store.d[id] = docs; };

// The index's stop words, once its manifest registered: {word: true}.
export function stopWordsOfIndex() { return stopWords; }

// Forget the index (Node.js tests load one index after another).
export function forgetIndex() {
  store.m = null;
  ["v", "s", "p", "d"].forEach(function (kind) { store[kind] = {}; });
  keySet = {};
  stopWords = {};
  decoded = {};
}

// Snowball's Indonesian stemmer (stemmer-id.js, loaded before the engine).
export function stem(word) { return globalThis.asnSearchStem(word); }

// The other forms of a word ([[form, weight], ...]: search-words.mjs forms) from each of its stems.
function otherForms(word, roots) {
  let out = [];
  roots.forEach(function (root) { out = out.concat(forms(word, root)); });
  return out;
}

// -- loading shards ---------------------------------------------------------------------------

// A shard key as a file name, as shards.py file_key names it: plain ASCII kept (not starting with "x",
// not a Windows device name), else "x" and the key's UTF-8 in hex. Keys are at most 16 bytes.
export function fileKey(key) {
  if (/^(?!x)(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$)[a-z0-9]+$/.test(key)) return key;
  let out = "x";
  const bytes = unescape(encodeURIComponent(key));
  for (let i = 0; i < bytes.length; i += 1) out += ("0" + bytes.charCodeAt(i).toString(16)).slice(-2);
  return out;
}

// importScripts is synchronous in a real worker and returns a Promise in worker-shim.js.
function load(urls) {
  if (!urls.length) return Promise.resolve();
  const attempt = function () {
    try {
      return Promise.resolve(globalThis.importScripts.apply(globalThis, urls.map(function (u) { return BASE + u; })));
    } catch (err) {
      return Promise.reject(err);
    }
  };
  return attempt().catch(attempt);  // once more: a shard that fails to load once must not lose the query
}

function ready() {  // search-worker.js loads the manifest with the engine
  return store.m ? Promise.resolve() : load(["manifest.js"]);
}

function loadShards(kind, keys) {
  const urls = [];
  keys.forEach(function (key) {
    if (store[kind][key] === undefined && keySet[kind + ":" + key] && urls.indexOf(key) < 0) urls.push(key);
  });
  return load(urls.map(function (key) { return kind + "/" + fileKey(key) + ".js"; }));
}

function loadNumbered(kind, ids) {
  const todo = ids.filter(function (id, i) { return store[kind][id] === undefined && ids.indexOf(id) === i; });
  return load(todo.map(function (id) { return kind + "/" + id + ".js"; }));
}

// -- the vocabulary ---------------------------------------------------------------------------

// A shard key is a word's first two letters, or more where a big shard was split (uni, unt...): the
// longest key the word starts with (the smaller groups of a split stay in the shorter key's shard).
function vkey(term) {
  for (let n = term.length; n > 0; n -= 1) if (keySet["v:" + term.slice(0, n)]) return term.slice(0, n);
  return "";
}

function skey(term) {  // the same from the end: the last letter or more
  for (let n = term.length; n > 0; n -= 1) if (keySet["s:" + term.slice(-n)]) return term.slice(-n);
  return "";
}

function shardOf(term) { return store.v[vkey(term)] || []; }

// Split shards holding longer words that `prefix` begins (typed "uni", shards "unit", "univ"):
// looked in only when there are few, as a short prefix would otherwise load a whole family.
function longerKeys(prefix) {
  return store.m.v.split(" ").filter(function (k) { return k.length > prefix.length && k.indexOf(prefix) === 0; });
}

function deeperKeys(prefix) {
  const keys = longerKeys(prefix);
  return keys.length <= 3 ? keys : [];
}

function find(term) {  // [term, chunk, df] or null
  const list = shardOf(term);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid][0] < term) lo = mid + 1; else hi = mid;
  }
  return lo < list.length && list[lo][0] === term ? list[lo] : null;
}

function completions(prefix) {  // the word itself, then the most frequent longer words
  const exact = find(prefix);
  if (prefix.length < 2) return exact ? [exact] : [];
  // A family split over more shards than are loaded: the prefix's own shard holds only its rarest
  // words (shards.py keeps the small groups there), so completing from it alone would be arbitrary.
  const deeper = longerKeys(prefix);
  if (deeper.length > 3) return exact ? [exact] : [];
  let pool = shardOf(prefix);
  deeper.forEach(function (k) { pool = pool.concat(store.v[k] || []); });
  const longer = pool.filter(function (e) { return e[0] !== prefix && e[0].indexOf(prefix) === 0; });
  longer.sort(function (a, b) { return b[2] - a[2] || (a[0] < b[0] ? -1 : 1); });
  return (exact ? [exact] : []).concat(longer.slice(0, MAX_COMPLETIONS));
}

function neighbours(word) {  // index words one typing slip away from `word`
  const seen = {};
  const out = [];
  const pools = [shardOf(word), store.s[skey(word)] || []];
  pools.forEach(function (pool) {
    pool.forEach(function (e) {
      if (!seen[e[0]] && withinOneEdit(e[0], word)) { seen[e[0]] = true; out.push(e); }
    });
  });
  return out;
}

// -- one typed word -> weighted index words ---------------------------------------------------

// The shards a word needs: its own, its stem's and those of its other forms (search-words.mjs);
// expand looks exactly these up, so a query loads no shard it cannot use.
function vocabularyKeys(word) {
  const roots = stemsOf(word, stem);
  const probes = [word].concat(roots, otherForms(word, roots).map(function (f) { return f[0]; }));
  return probes.map(vkey).concat(deeperKeys(word));
}

// The words of the phrases `word` also stands for (content/sinonim.yml), once its shards are loaded.
function synonymWords(word) {
  const known = find(word) !== null || stemsOf(word, stem).some(function (r) { return find(r) !== null; });
  const out = [];
  synonymsOf(store.m.syn, word, known).forEach(function (phrase) {
    phrase.forEach(function (w) { out.push([w, SYNONYM_BOOST / phrase.length]); });
  });
  return out;
}

// The typed word's own clauses, then its synonyms' words', each weighed by its share of its phrase.
function expandWithSynonyms(word, allowTypo, open) {
  const plan = expand(word, allowTypo, open);
  synonymWords(word).forEach(function (pair) {
    expand(pair[0], false, false).clauses.forEach(function (c) {
      plan.clauses.push({ entry: c.entry, boost: c.boost * pair[1] });
      plan.found = true;
    });
  });
  return plan;
}

// {clauses: [{entry: [term, chunk, df], boost}], found} for `word`; allowTypo: try one slip; open:
// the word may still be being typed (the query's last, no space after it).
function expand(word, allowTypo, open) {
  const clauses = [];
  const taken = {};  // an index word counts once, however many of the word's forms lead to it
  const add = function (entry, boost) {
    if (entry && !taken[entry[0]]) { taken[entry[0]] = true; clauses.push({ entry: entry, boost: boost }); }
  };
  const exact = find(word);
  add(exact, 1);  // the word as typed counts fully
  let found = clauses.length > 0;
  const roots = stemsOf(word, stem);
  roots.forEach(function (root) {
    if (root !== word && find(root)) { add(find(root), found ? STEM_BOOST_WHEN_FOUND : 1); found = true; }
  });
  otherForms(word, roots).forEach(function (f) {
    if (find(f[0])) { add(find(f[0]), f[1]); found = true; }
  });
  shareRarity(clauses, store.m.n);
  // Longer words it begins count less (unit42 before unit420): for a word still being typed, or one
  // nothing else matched. Beside an indexed word, a rarer completion counts in proportion to how
  // often it is found (pegawainya beside pegawai): its rarity must not outweigh the word itself.
  if (open || !found) {
    completions(word).forEach(function (e) {
      if (e[0] === word) return;
      add(e, COMPLETION_BOOST * (exact ? Math.min(1, e[2] / exact[2]) : 1));
      found = true;
    });
  }
  if (!found && allowTypo && word.length >= TYPO_MIN_LENGTH) {
    const seen = {};
    const root = roots[0];
    neighbours(root).concat(root !== word ? neighbours(word) : []).forEach(function (e) {
      if (!seen[e[0]]) { seen[e[0]] = true; add(e, 0.5); }
    });
  }
  return { clauses: clauses, found: found };
}

// -- postings ---------------------------------------------------------------------------------

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const VALUE = {};
for (let c = 0; c < DIGITS.length; c += 1) VALUE[DIGITS.charAt(c)] = c;

// "delta(varint, 5 bits a digit, high bit = more) impact(2 digits: 9 bits level, 3 bits fields)"
// repeated -> [doc, weight, field bits, ...]
export function decodePostings(text) {
  const out = [];
  let doc = 0;
  let i = 0;
  while (i < text.length) {
    let delta = 0;
    let shift = 0;
    let d;
    do {
      d = VALUE[text.charAt(i)];
      i += 1;
      delta += (d & 31) * Math.pow(2, shift);
      shift += 5;
    } while (d >= 32);
    doc += delta;
    const impact = VALUE[text.charAt(i)] * 64 + VALUE[text.charAt(i + 1)];
    out.push(doc, Math.exp(((impact >> 3) - LEVELS) * LOG_RANGE / LEVELS), impact & 7);
    i += 2;
  }
  return out;
}

function postings(term, chunk) {
  if (!decoded[term]) decoded[term] = decodePostings((store.p[chunk] || {})[term] || "");
  return decoded[term];
}

// -- results ----------------------------------------------------------------------------------

// Every clause of every typed word over the postings: scores, which typed words each document holds
// (hits), in which of its fields (fields: [title, summary, headings] bit sets), and the typed words
// so common that their lists were cut (common).
function score(plans) {
  const out = { scores: {}, hits: {}, fields: {}, matched: {}, common: 0 };
  const cap = store.m.cap || Infinity;
  plans.forEach(function (plan, i) {
    const bit = 1 << Math.min(i, 30);
    plan.clauses.forEach(function (clause) {
      out.matched[clause.entry[0]] = true;
      if (clause.entry[2] > cap) out.common |= bit;
      const list = postings(clause.entry[0], clause.entry[1]);
      for (let k = 0; k < list.length; k += 3) {
        const doc = list[k];
        out.scores[doc] = (out.scores[doc] || 0) + clause.boost * list[k + 1];
        out.hits[doc] = (out.hits[doc] || 0) | bit;
        const f = out.fields[doc] || (out.fields[doc] = [0, 0, 0]);
        for (let b = 0; b < 3; b += 1) if (list[k + 2] & (1 << b)) f[b] |= bit;
      }
    });
  });
  return out;
}

function resultItem(doc, data, typed, scored, final) {
  const terms = {};
  typed.forEach(function (w, i) { terms[w] = !!(scored.hits[doc] & (1 << Math.min(i, 30))); });
  const label = data[2] ? "<span class=\"asn-result-kind\">" + escapeHtml(data[2]) + "</span>" : "";
  return [{
    location: data[0], title: highlight(data[1], typed, scored.matched, stem),
    text: label + (data[3] ? "<p>" + highlight(data[3], typed, scored.matched, stem) + "</p>" : ""),
    score: final / 100, terms: terms
  }];
}

function answer(typed, plans) {
  const scored = score(plans);
  const ranking = rank(scored.scores, scored.hits, typed.length, scored.fields, scored.common);
  const size = store.m.dc;
  return loadNumbered("d", ranking.docs.map(function (doc) { return Math.floor(doc / size); })).then(function () {
    const data = {};
    ranking.docs.forEach(function (doc) { data[doc] = (store.d[Math.floor(doc / size)] || [])[doc % size]; });
    const docs = rerankByPhrase(ranking.docs, data, ranking.scores, typed, stem);
    return docs.filter(function (doc) { return data[doc]; }).map(function (doc) {
      return resultItem(doc, data[doc], typed, scored, ranking.scores[doc]);
    });
  });
}

function keysOf(list, keysOfOne) {
  let keys = [];
  list.forEach(function (item) { keys = keys.concat(keysOfOne(item)); });
  return keys;
}

export function search(query) {
  let typed = [];
  words(query).forEach(function (w) { if (typed.indexOf(w) < 0) typed.push(w); });
  if (!typed.length) return Promise.resolve({ items: [] });
  let plans;
  return ready().then(function () {
    typed = typed.filter(function (w) { return !stopWords[w]; });
    return loadShards("v", keysOf(typed, vocabularyKeys));
  }).then(function () {  // the shards of the synonyms' words, once the typed words' are in
    return loadShards("v", keysOf(typed, function (w) {
      return keysOf(synonymWords(w), function (pair) { return vocabularyKeys(pair[0]); });
    }));
  }).then(function () {
    const open = /[^\s]$/.test(query) ? typed.length - 1 : -1;  // the last word, unless a space ended it
    plans = typed.map(function (w, i) { return expandWithSynonyms(w, false, i === open); });
    const suffixes = [];
    typed.forEach(function (w, i) {
      if (!plans[i].found && w.length >= TYPO_MIN_LENGTH) suffixes.push(skey(w), skey(stem(w)));
    });
    return loadShards("s", suffixes);
  }).then(function () {
    plans = typed.map(function (w, i) { return plans[i].found ? plans[i] : expandWithSynonyms(w, true, false); });
    const chunkOf = function (c) { return c.entry[1]; };
    return loadNumbered("p", keysOf(plans, function (p) { return p.clauses.map(chunkOf); }));
  }).then(function () { return answer(typed, plans); }).then(function (items) { return { items: items }; });
}

api.search = search;
api.stem = stem;
api.words = words;
api.stopWords = stopWordsOfIndex;
api.synonyms = function () { return (store.m && store.m.syn) || {}; };  // the catalog filter's (filter.mjs)
