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
 *  - the word as a prefix (pelatih finds pelatihan), the stem (pelatihan -> latih);
 *  - the consonant that meN-/peN- swallowed put back (mengelola -> elola -> kelola), or taken off
 *    a root (kelola -> elola), and pe-/be-/te- + r-root (perayaan -> raya);
 *  - when nothing matches and the word has 5 letters or more, index words one edit away (a
 *    typing slip anywhere in the word: found through the shard of its first two letters or, when
 *    the slip is among those, the shard of its last three).
 * Results carry escaped text only: titles and excerpts are escaped here before <mark> is added.
 */
import { TYPO_MIN_LENGTH, fold, forms, withinOneEdit, wordPattern, words } from "./search-words.mjs";

const BASE = "../../../search/";  // the index, relative to Material's worker script
const MAX_RESULTS = 20;
const MAX_COMPLETIONS = 12;  // words a typed prefix stands for, most frequent first
const STEM_BOOST_WHEN_FOUND = 0.3;
const COMPLETION_BOOST = 0.6;

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

// A shard key is a word's first two letters, or more where a big shard was split (uni, unt...).
function vkey(term) {
  for (let n = term.length; n > 0; n -= 1) if (keySet["v:" + term.slice(0, n)]) return term.slice(0, n);
  return "";
}

function skey(term) {  // the same from the end: the last three letters or more
  for (let n = term.length; n >= 3; n -= 1) if (keySet["s:" + term.slice(-n)]) return term.slice(-n);
  return "";
}

function shardOf(term) { return store.v[vkey(term)] || []; }

// Split shards holding longer words that `prefix` begins (typed "uni", shards "unit", "univ"):
// looked in only when there are few, as a short prefix would otherwise load a whole family.
function deeperKeys(prefix) {
  const keys = store.m.v.split(" ").filter(function (k) {
    return k.length > prefix.length && k.indexOf(prefix) === 0;
  });
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
  let pool = shardOf(prefix);
  deeperKeys(prefix).forEach(function (k) { pool = pool.concat(store.v[k] || []); });
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
  const root = stem(word);
  const probes = [word, root].concat(forms(word, root).map(function (f) { return f[0]; }));
  return probes.map(vkey).concat(deeperKeys(word));
}

// {clauses: [{entry: [term, chunk, df], boost}], found} for `word`; allowTypo: try one slip.
function expand(word, allowTypo) {
  const clauses = [];
  const add = function (entry, boost) { if (entry) clauses.push({ entry: entry, boost: boost }); };
  // the word as typed counts fully; longer words it begins count less (unit42 before unit420)
  completions(word).forEach(function (e) { add(e, e[0] === word ? 1 : COMPLETION_BOOST); });
  let found = clauses.length > 0;
  const root = stem(word);
  if (root !== word && find(root)) { add(find(root), found ? STEM_BOOST_WHEN_FOUND : 1); found = true; }
  forms(word, root).forEach(function (f) {
    if (find(f[0])) { add(find(f[0]), f[1]); found = true; }
  });
  if (!found && allowTypo && word.length >= TYPO_MIN_LENGTH) {
    const seen = {};
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

// "delta(varint, 5 bits a digit, high bit = more) impact(2 digits)" repeated -> [doc, impact, ...]
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
    out.push(doc, VALUE[text.charAt(i)] * 64 + VALUE[text.charAt(i + 1)]);
    i += 2;
  }
  return out;
}

function postings(term, chunk) {
  if (!decoded[term]) decoded[term] = decodePostings((store.p[chunk] || {})[term] || "");
  return decoded[term];
}

// -- results ----------------------------------------------------------------------------------

export function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// Escaped text with the words the query matched in <mark>.
function highlight(text, typed, matched) {
  let out = "";
  let last = 0;
  String(text).replace(wordPattern(), function (token, at) {
    const f = fold(token);
    const hit = matched[f] || matched[stem(f)] ||
      typed.some(function (w) { return w.length > 1 && f.indexOf(w) === 0; });
    out += escapeHtml(text.slice(last, at)) +
      (hit ? "<mark data-md-highlight>" + escapeHtml(token) + "</mark>" : escapeHtml(token));
    last = at + token.length;
    return token;
  });
  return out + escapeHtml(String(text).slice(last));
}

// A page that holds more of the typed words comes first: one rare word in a title must not
// outrank a page that has them all (the coordination factor of classic Lucene scoring).
// scores: {doc: sum of weights}, hits: {doc: bit i set when typed word i matched} -> docs, best first.
export function rank(scores, hits, typedCount) {
  const ranked = Object.keys(scores).map(Number);
  const final = {};
  ranked.forEach(function (doc) {
    let count = 0;
    for (let bits = hits[doc]; bits; bits &= bits - 1) count += 1;
    final[doc] = scores[doc] * count / typedCount;
  });
  ranked.sort(function (a, b) { return final[b] - final[a] || a - b; });
  return { docs: ranked.slice(0, MAX_RESULTS), scores: final };
}

export function search(query) {
  let typed = [];
  words(query).forEach(function (w) { if (typed.indexOf(w) < 0) typed.push(w); });
  if (!typed.length) return Promise.resolve({ items: [] });
  let plans;
  return ready().then(function () {
    typed = typed.filter(function (w) { return !stopWords[w]; });
    let keys = [];
    typed.forEach(function (w) { keys = keys.concat(vocabularyKeys(w)); });
    return loadShards("v", keys);
  }).then(function () {
    plans = typed.map(function (w) { return expand(w, false); });
    const suffixes = [];
    typed.forEach(function (w, i) {
      if (!plans[i].found && w.length >= TYPO_MIN_LENGTH) suffixes.push(skey(w), skey(stem(w)));
    });
    return loadShards("s", suffixes);
  }).then(function () {
    plans = typed.map(function (w, i) { return plans[i].found ? plans[i] : expand(w, true); });
    const chunks = [];
    plans.forEach(function (p) { p.clauses.forEach(function (c) { chunks.push(c.entry[1]); }); });
    return loadNumbered("p", chunks);
  }).then(function () {
    const scores = {};
    const hits = {};
    const matched = {};
    plans.forEach(function (plan, i) {
      plan.clauses.forEach(function (clause) {
        matched[clause.entry[0]] = true;
        const list = postings(clause.entry[0], clause.entry[1]);
        for (let k = 0; k < list.length; k += 2) {
          const doc = list[k];
          scores[doc] = (scores[doc] || 0) + clause.boost * list[k + 1];
          hits[doc] = (hits[doc] || 0) | (1 << Math.min(i, 30));
        }
      });
    });
    const ranking = rank(scores, hits, typed.length);
    const size = store.m.dc;
    return loadNumbered("d", ranking.docs.map(function (doc) { return Math.floor(doc / size); })).then(function () {
      return ranking.docs.map(function (doc) {
        const data = (store.d[Math.floor(doc / size)] || [])[doc % size];
        if (!data) return null;
        const terms = {};
        typed.forEach(function (w, i) { terms[w] = !!(hits[doc] & (1 << Math.min(i, 30))); });
        const label = data[2] ? "<span class=\"asn-result-kind\">" + escapeHtml(data[2]) + "</span>" : "";
        return [{
          location: data[0], title: highlight(data[1], typed, matched),
          text: label + (data[3] ? "<p>" + highlight(data[3], typed, matched) + "</p>" : ""),
          score: ranking.scores[doc] / 100, terms: terms
        }];
      }).filter(Boolean);
    });
  }).then(function (items) { return { items: items }; });
}

api.search = search;
api.stem = stem;
api.words = words;
api.stopWords = stopWordsOfIndex;
