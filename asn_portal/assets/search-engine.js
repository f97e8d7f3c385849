/*
 * asn-portal search engine: answers a query from the prebuilt, sharded index in search/ (written by
 * asn_portal/searchshards.py), loading only the shards the query's words need.
 *
 * Runs inside Material for MkDocs' search worker (search-worker.js loads it on the first query), in
 * a real Web Worker over http and in worker-shim.js's iframe from file://. Shards are plain scripts
 * that register themselves (asnSearch.v/s/p/d/m), so importScripts loads them in both places.
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
(function () {
  "use strict";

  var BASE = "../../../search/"          // the index, relative to Material's worker script
  var MAX_RESULTS = 20
  var MAX_COMPLETIONS = 12               // words a typed prefix stands for, most frequent first
  var TYPO_MIN_LENGTH = 5
  var STEM_BOOST_WHEN_FOUND = 0.3
  var COMPLETION_BOOST = 0.6
  var NASAL_PREFIX = /^(me|pe)(m|n|ng|ny)[aiueo]/
  var WORD = /[\p{L}\p{N}]+/gu

  var store = { m: null, v: {}, s: {}, p: {}, d: {} }
  var keySet = {}                        // "v:pe" -> true when the index has that shard
  var stopWords = {}
  var api = self.asnSearch = self.asnSearch || {}
  api.m = function (data) {
    store.m = data
    data.stop.split(" ").forEach(function (w) { stopWords[w] = true })
    data.v.split(" ").forEach(function (k) { if (k) keySet["v:" + k] = true })
    data.s.split(" ").forEach(function (k) { if (k) keySet["s:" + k] = true })
  }
  api.v = function (key, list) { store.v[key] = list }
  api.s = function (key, list) { store.s[key] = list }
  api.p = function (id, terms) { store.p[id] = terms }
  api.d = function (id, docs) { store.d[id] = docs }

  function fold (text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
  }

  function words (text) {
    return fold(text).match(WORD) || []
  }

  var stem = self.asnSearchStem

  // -- loading shards ---------------------------------------------------------------------------


  function fileKey (key) {               // a shard key as a file name: ASCII kept, else hex
    if (/^[a-z0-9]+$/.test(key)) return key
    var out = "x"
    var bytes = unescape(encodeURIComponent(key))
    for (var i = 0; i < bytes.length; i++) out += ("0" + bytes.charCodeAt(i).toString(16)).slice(-2)
    return out
  }

  // importScripts is synchronous in a real worker and returns a Promise in worker-shim.js
  function load (urls) {
    if (!urls.length) return Promise.resolve()
    var attempt = function () {
      try {
        return Promise.resolve(importScripts.apply(self, urls.map(function (u) { return BASE + u })))
      } catch (err) {
        return Promise.reject(err)
      }
    }
    return attempt().catch(attempt)  // once more: a shard that fails to load once must not lose the query
  }

  function ready () {                    // search-worker.js loads the manifest with the engine
    return store.m ? Promise.resolve() : load(["manifest.js"])
  }

  function loadShards (kind, keys) {
    var urls = []
    keys.forEach(function (key) {
      if (store[kind][key] === undefined && keySet[kind + ":" + key] && urls.indexOf(key) < 0) urls.push(key)
    })
    return load(urls.map(function (key) { return kind + "/" + fileKey(key) + ".js" }))
  }

  function loadNumbered (kind, ids) {
    var todo = ids.filter(function (id, i) { return store[kind][id] === undefined && ids.indexOf(id) === i })
    return load(todo.map(function (id) { return kind + "/" + id + ".js" }))
  }

  // -- the vocabulary ---------------------------------------------------------------------------

  // A shard key is a word's first two letters, or more where a big shard was split (uni, unt...)
  function vkey (term) {
    for (var n = term.length; n > 0; n--) if (keySet["v:" + term.slice(0, n)]) return term.slice(0, n)
    return ""
  }

  function skey (term) {                 // the same from the end: the last three letters or more
    for (var n = term.length; n >= 3; n--) if (keySet["s:" + term.slice(-n)]) return term.slice(-n)
    return ""
  }

  function shardOf (term) { return store.v[vkey(term)] || [] }

  // Split shards holding longer words that `prefix` begins (typed "uni", shards "unit", "univ"):
  // looked in only when there are few, as a short prefix would otherwise load a whole family
  function deeperKeys (prefix) {
    var keys = store.m.v.split(" ").filter(function (k) { return k.length > prefix.length && k.indexOf(prefix) === 0 })
    return keys.length <= 3 ? keys : []
  }

  function find (term) {                 // [term, chunk, df] or null
    var list = shardOf(term)
    var lo = 0, hi = list.length
    while (lo < hi) {
      var mid = (lo + hi) >> 1
      if (list[mid][0] < term) lo = mid + 1; else hi = mid
    }
    return lo < list.length && list[lo][0] === term ? list[lo] : null
  }

  function completions (prefix) {        // the word itself, then the most frequent longer words
    var exact = find(prefix)
    if (prefix.length < 2) return exact ? [exact] : []
    var pool = shardOf(prefix)
    deeperKeys(prefix).forEach(function (k) { pool = pool.concat(store.v[k] || []) })
    var longer = pool.filter(function (e) { return e[0] !== prefix && e[0].indexOf(prefix) === 0 })
    longer.sort(function (a, b) { return b[2] - a[2] || (a[0] < b[0] ? -1 : 1) })
    return (exact ? [exact] : []).concat(longer.slice(0, MAX_COMPLETIONS))
  }

  function withinOneEdit (a, b) {        // Damerau-Levenshtein distance <= 1
    if (a === b) return true
    var la = a.length, lb = b.length
    if (Math.abs(la - lb) > 1) return false
    var i = 0
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i++
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true            // substitution
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) &&
        a.slice(i + 2) === b.slice(i + 2)                             // transposition
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
  }

  function neighbours (word) {           // index words one typing slip away from `word`
    var seen = {}, out = []
    var pools = [shardOf(word), store.s[skey(word)] || []]
    pools.forEach(function (pool) {
      pool.forEach(function (e) {
        if (!seen[e[0]] && withinOneEdit(e[0], word)) { seen[e[0]] = true; out.push(e) }
      })
    })
    return out
  }

  // -- one typed word -> weighted index words ---------------------------------------------------

  // The other forms a typed word stands for, with their weights: the consonant that meN-/peN-
  // swallowed put back, or taken off a root, and pe-/be-/te- + r-root. vocabularyKeys loads the
  // shards of exactly these and expand looks them up, so a query loads no shard it cannot use.
  function forms (word, root) {
    var out = []
    if (/^(per|ber|ter)[aiueo]/.test(word) && /^[aiueo]/.test(root)) out.push(["r" + root, 0.8])
    if (NASAL_PREFIX.test(word) && /^[aiueo]/.test(root)) {
      "kpst".split("").forEach(function (c) { out.push([c + root, 0.8]) })
    } else if (/^[kpstr][aiueo]/.test(root)) {
      out.push([root.slice(1), 0.6])
    }
    return out
  }

  function vocabularyKeys (word) {
    var root = stem(word)
    var probes = [word, root].concat(forms(word, root).map(function (f) { return f[0] }))
    return probes.map(vkey).concat(deeperKeys(word))
  }

  // [{entry: [term, chunk, df], boost}] for `word`; `typo` says whether edits were tried
  function expand (word, allowTypo) {
    var clauses = []
    var add = function (entry, boost) { if (entry) clauses.push({ entry: entry, boost: boost }) }
    // the word as typed counts fully; longer words it begins count less (unit42 before unit420)
    completions(word).forEach(function (e) { add(e, e[0] === word ? 1 : COMPLETION_BOOST) })
    var found = clauses.length > 0
    var root = stem(word)
    if (root !== word && find(root)) { add(find(root), found ? STEM_BOOST_WHEN_FOUND : 1); found = true }
    forms(word, root).forEach(function (f) {
      if (find(f[0])) { add(find(f[0]), f[1]); found = true }
    })
    if (!found && allowTypo && word.length >= TYPO_MIN_LENGTH) {
      var seen = {}
      neighbours(root).concat(root !== word ? neighbours(word) : []).forEach(function (e) {
        if (!seen[e[0]]) { seen[e[0]] = true; add(e, 0.5) }
      })
    }
    return { clauses: clauses, found: found }
  }

  // -- postings ---------------------------------------------------------------------------------

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
  var VALUE = {}
  for (var c = 0; c < DIGITS.length; c++) VALUE[DIGITS.charAt(c)] = c
  var decoded = {}

  // "delta(varint, 5 bits a digit, high bit = more) impact(2 digits)" repeated -> [doc, impact, ...]
  function postings (term, chunk) {
    if (decoded[term]) return decoded[term]
    var text = (store.p[chunk] || {})[term] || ""
    var out = [], doc = 0, i = 0
    while (i < text.length) {
      var delta = 0, shift = 0, d
      do { d = VALUE[text.charAt(i++)]; delta += (d & 31) * Math.pow(2, shift); shift += 5 } while (d >= 32)
      doc += delta
      out.push(doc, VALUE[text.charAt(i)] * 64 + VALUE[text.charAt(i + 1)])
      i += 2
    }
    decoded[term] = out
    return out
  }

  // -- results ----------------------------------------------------------------------------------

  function escapeHtml (text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;")
  }

  // Escaped text with the words the query matched in <mark>
  function highlight (text, typed, matched) {
    var out = "", last = 0
    String(text).replace(WORD, function (token, at) {
      var f = fold(token)
      var hit = matched[f] || matched[stem(f)] || typed.some(function (w) { return w.length > 1 && f.indexOf(w) === 0 })
      out += escapeHtml(text.slice(last, at)) + (hit ? "<mark data-md-highlight>" + escapeHtml(token) + "</mark>" : escapeHtml(token))
      last = at + token.length
      return token
    })
    return out + escapeHtml(String(text).slice(last))
  }

  function search (query) {
    var typed = []
    words(query).forEach(function (w) { if (typed.indexOf(w) < 0) typed.push(w) })
    if (!typed.length) return Promise.resolve({ items: [] })
    var plans
    return ready().then(function () {
      typed = typed.filter(function (w) { return !stopWords[w] })
      var keys = []
      typed.forEach(function (w) { keys = keys.concat(vocabularyKeys(w)) })
      return loadShards("v", keys)
    }).then(function () {
      plans = typed.map(function (w) { return expand(w, false) })
      var suffixes = []
      typed.forEach(function (w, i) {
        if (!plans[i].found && w.length >= TYPO_MIN_LENGTH) suffixes.push(skey(w), skey(stem(w)))
      })
      return loadShards("s", suffixes)
    }).then(function () {
      plans = typed.map(function (w, i) { return plans[i].found ? plans[i] : expand(w, true) })
      var chunks = []
      plans.forEach(function (p) { p.clauses.forEach(function (c) { chunks.push(c.entry[1]) }) })
      return loadNumbered("p", chunks)
    }).then(function () {
      var scores = {}, hits = {}, matched = {}
      plans.forEach(function (plan, i) {
        plan.clauses.forEach(function (clause) {
          matched[clause.entry[0]] = true
          var list = postings(clause.entry[0], clause.entry[1])
          for (var k = 0; k < list.length; k += 2) {
            var doc = list[k]
            scores[doc] = (scores[doc] || 0) + clause.boost * list[k + 1]
            hits[doc] = (hits[doc] || 0) | (1 << Math.min(i, 30))
          }
        })
      })
      // A page that holds more of the typed words comes first: one rare word in a title must not
      // outrank a page that has them all (the coordination factor of classic Lucene scoring)
      var ranked = Object.keys(scores).map(Number)
      ranked.forEach(function (doc) {
        var count = 0
        for (var bits = hits[doc]; bits; bits &= bits - 1) count++
        scores[doc] *= count / typed.length
      })
      ranked.sort(function (a, b) { return scores[b] - scores[a] || a - b })
      ranked = ranked.slice(0, MAX_RESULTS)
      var size = store.m.dc
      return loadNumbered("d", ranked.map(function (doc) { return Math.floor(doc / size) })).then(function () {
        return ranked.map(function (doc) {
          var data = (store.d[Math.floor(doc / size)] || [])[doc % size]
          if (!data) return null
          var terms = {}
          typed.forEach(function (w, i) { terms[w] = !!(hits[doc] & (1 << Math.min(i, 30))) })
          var label = data[2] ? "<span class=\"asn-result-kind\">" + escapeHtml(data[2]) + "</span>" : ""
          return [{
            location: data[0], title: highlight(data[1], typed, matched),
            text: label + (data[3] ? "<p>" + highlight(data[3], typed, matched) + "</p>" : ""),
            score: scores[doc] / 100, terms: terms
          }]
        }).filter(Boolean)
      })
    }).then(function (items) { return { items: items } })
  }

  api.search = search
  api.stem = stem
  api.words = words
})()
