/*
 * Snowball's Indonesian stemmer (https://snowballstem.org/algorithms/indonesian/stemmer.html),
 * based on F. Z. Tala (2003), "A Study of Stemming Effects on Information Retrieval in Bahasa
 * Indonesia". A hand-written port whose output is identical to the Snowball reference (Python's
 * `snowballstemmer`, which builds the index): tests/test_search_engine.py compares the two on every
 * word of the sample content. Defines self.asnSearchStem(word) for search-engine.js.
 */
(function () {
  "use strict";
  var stem = (function () {
    var isVowel = function (ch) {
      return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u'
    }
  
    // Length (in UTF-16 units) of the single non-vowel character at w[i],
    // or 0 if there is none (end of word or a vowel). Snowball works on
    // code points, so a surrogate pair counts as one character.
    var nonVowelAt = function (w, i) {
      if (i >= w.length || isVowel(w.charAt(i))) return 0
      var c = w.charCodeAt(i)
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < w.length) {
        var d = w.charCodeAt(i + 1)
        if (d >= 0xDC00 && d <= 0xDFFF) return 2
      }
      return 1
    }
  
    var endsWithAny = function (w, list) {
      for (var i = 0; i < list.length; i++) {
        if (w.length >= list[i].length && w.slice(-list[i].length) === list[i]) return list[i]
      }
      return null
    }
  
    // First-order prefixes, longest first: [prefix, value of Snowball's
    // `prefix` variable after removal (1 = di-/me-/ter-, 3 = ke-/pe-),
    // recoding: men-/pen- + y + vowel -> s, mem-/pem- + vowel -> p].
    var FIRST_ORDER = [
      ['meng', 1, ''], ['peng', 3, ''],
      ['mem', 1, 'p'], ['pem', 3, 'p'],
      ['men', 1, 's'], ['pen', 3, 's'],
      ['ter', 1, ''],
      ['di', 1, ''], ['me', 1, ''], ['ke', 3, '']
    ]
  
    return function (word) {
      var w = word
      var measure = 0
      var prefix = 0
      var i
  
      for (i = 0; i < w.length; i++) if (isVowel(w.charAt(i))) measure++
      if (measure <= 2) return w
  
      // 1. particle: -kah, -lah, -pun
      if (endsWithAny(w, ['kah', 'lah', 'pun'])) { w = w.slice(0, -3); measure-- }
      if (measure <= 2) return w
  
      // 2. possessive pronoun: -nya, -ku, -mu
      var pp = endsWithAny(w, ['nya', 'ku', 'mu'])
      if (pp) { w = w.slice(0, -pp.length); measure-- }
      if (measure <= 2) return w
  
      // 3. suffix -kan / -an / -i, looked for in w[start..] only. Returns
      //    false when nothing was removed.
      var removeSuffix = function (start) {
        var len = w.length
        if (len - 2 >= start && w.slice(-2) === 'an') {
          if (prefix !== 3 && prefix !== 2 && len - 3 >= start && w.charAt(len - 3) === 'k') {
            w = w.slice(0, -3) // -kan
          } else if (prefix === 1) {
            return false
          } else {
            w = w.slice(0, -2) // -an
          }
        } else if (len - 1 >= start && w.charAt(len - 1) === 'i') {
          if (prefix > 2) return false
          if (len - 2 >= start && w.charAt(len - 2) === 's') return false
          w = w.slice(0, -1) // -i
        } else {
          return false
        }
        measure--
        return true
      }
  
      // 4. second-order prefix be-/ber-/bel(ajar), pe-/per-/pel(ajar) at
      //    position `at`. Returns nothing; may change w, measure, prefix.
      var removeSecondOrderPrefix = function (at) {
        var two = w.substr(at, 2)
        if (two !== 'be' && two !== 'pe') return
        var next = w.charAt(at + 2)
        var cut // number of characters to delete
        if (next === 'r') {
          cut = 3
        } else if (next === 'l' && w.substr(at + 3, 4) === 'ajar') {
          cut = 3
        } else {
          cut = 2
          if (two === 'be') { // be- only before consonant + "er"
            var n = nonVowelAt(w, at + 2)
            if (!n || w.substr(at + 2 + n, 2) !== 'er') return
          }
        }
        if (two === 'be') {
          prefix = 4
        } else if (!(next === 'l' && cut === 3)) {
          prefix = 2 // pelajar- leaves prefix unchanged
        }
        measure--
        w = w.slice(0, at) + w.slice(at + cut)
      }
  
      // 5. first-order prefix, then suffix, then second-order prefix
      var first = null
      for (i = 0; i < FIRST_ORDER.length; i++) {
        if (w.substr(0, FIRST_ORDER[i][0].length) === FIRST_ORDER[i][0]) { first = FIRST_ORDER[i]; break }
      }
      if (first) {
        var p = first[0]
        // After recoding, Snowball's cursor sits after the new s/p, so the
        // suffix and second-order prefix are only searched from there.
        var start = 0
        prefix = first[1]
        measure--
        if (first[2] === 's' && w.charAt(3) === 'y' && isVowel(w.charAt(4))) {
          w = 's' + w.slice(4) // meny- / peny- + vowel -> s
          start = 1
        } else if (first[2] === 'p' && isVowel(w.charAt(3))) {
          w = 'p' + w.slice(3) // mem- / pem- + vowel -> p
          start = 1
        } else {
          w = w.slice(p.length)
        }
        if (measure > 2 && removeSuffix(start) && measure > 2) {
          removeSecondOrderPrefix(start)
        }
      } else {
        removeSecondOrderPrefix(0)
        if (measure > 2) removeSuffix(0)
      }
      return w
    }
  })()

  self.asnSearchStem = stem
})()
