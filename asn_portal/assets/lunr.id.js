/*!
 * Lunr languages, `Indonesian` language (lunr.id)
 *
 * Stemmer: a hand-written port of the Snowball Indonesian stemmer
 * (https://snowballstem.org/algorithms/indonesian/stemmer.html), which is
 * based on F. Z. Tala (2003), "A Study of Stemming Effects on Information
 * Retrieval in Bahasa Indonesia". Output is identical to the Snowball 3.1.1
 * reference (Python `snowballstemmer`): tests/test_search.py compares the two.
 *
 * Stop words: function words taken from the Tala (2003) Indonesian stop
 * word list (the list shipped by NLTK / stopwords-iso), with content words
 * and hyphenated entries left out.
 *
 * Self-contained: it does NOT need lunr.stemmer.support, but works fine if
 * that file was loaded before it (as Material for MkDocs does).
 *
 * asn-portal additions (marked below): the index keeps each word beside its stem, and queries
 * are expanded (stem, restored meN-/peN- consonant, one-letter typo) because Material's search
 * never stems query terms. Differentially tested against Python's snowballstemmer.
 */

/**
 * Export via AMD, CommonJS or as a browser/worker global, in the style of
 * lunr-languages (https://github.com/MihaiValentin/lunr-languages).
 */
;
(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(factory)
  } else if (typeof exports === 'object') {
    module.exports = factory()
  } else {
    factory()(root.lunr)
  }
}(this, function () {
  return function (lunr) {
    if ('undefined' === typeof lunr) {
      throw new Error('Lunr is not present. Please include / require Lunr before this script.')
    }

    /* register specific locale function */
    lunr.id = function () {
      this.pipeline.reset()
      this.pipeline.add(
        lunr.id.trimmer,
        lunr.id.stopWordFilter,
        lunr.id.indexStemmer
      )

      // lunr 2: query terms must be trimmed and stemmed the same way
      if (this.searchPipeline) {
        this.searchPipeline.reset()
        this.searchPipeline.add(
          lunr.id.trimmer,
          lunr.id.stemmer
        )
      }
    }

    /* word characters: Latin script (same ranges as lunr-languages uses) */
    lunr.id.wordCharacters = "A-Za-z\xAA\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02B8\u02E0-\u02E4\u1D00-\u1D25\u1D2C-\u1D5C\u1D62-\u1D65\u1D6B-\u1D77\u1D79-\u1DBE\u1E00-\u1EFF\u2071\u207F\u2090-\u209C\u212A\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA7AD\uA7B0-\uA7B7\uA7F7-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB64\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A"

    /* lunr trimmer function (digits count as word characters, as in lunr) */
    lunr.id.trimmer = (function (wordCharacters) {
      var allowed = wordCharacters + '0-9'
      var startRegex = new RegExp('^[^' + allowed + ']+')
      var endRegex = new RegExp('[^' + allowed + ']+$')
      // asn-portal: accents folded too (René -> rene), in the index and in queries alike
      var trim = function (s) {
        var t = s.replace(startRegex, '').replace(endRegex, '')
        return t.normalize ? t.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : t
      }
      return function (token) {
        if (typeof token.update === 'function') { // lunr 2
          return token.update(trim)
        }
        return trim(token) // lunr <= 1
      }
    })(lunr.id.wordCharacters)

    lunr.Pipeline.registerFunction(lunr.id.trimmer, 'trimmer-id')

    /* Snowball Indonesian stemmer */
    lunr.id.stem = (function () {
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

    /* lunr stemmer function: the stem (search pipeline, and any other lunr user) */
    lunr.id.stemmer = function (token) {
      var stem = function (s) { return lunr.id.stem(s.toLowerCase()) }
      if (typeof token.update === 'function') { // lunr 2
        return token.update(stem)
      }
      return stem(token) // lunr <= 1
    }

    /* asn-portal: in the index, the stem AND the word as written. The stem joins the affixed
     * forms (melatih, pelatihan -> latih); the written word lets a query typed in that form
     * count as found, which Material uses to rank and to mark missing words. */
    lunr.id.indexStemmer = function (token) {
      if (typeof token.update !== 'function') return lunr.id.stemmer(token)
      var written = token.toString().toLowerCase()
      var stemmed = lunr.id.stem(written)
      if (stemmed === written) return token.update(function () { return written })
      return [token.clone(function () { return stemmed }), token.clone(function () { return written })]
    }

    lunr.Pipeline.registerFunction(lunr.id.stemmer, 'stemmer-id')
    lunr.Pipeline.registerFunction(lunr.id.indexStemmer, 'stemmer-id-index')

    /* stop words (function words only; matched before stemming) */
    lunr.id.stopWords = (
      'ada adalah adanya adapun agak agaknya agar akan akankah aku akulah amat ' +
      'amatlah anda andalah antar antara antaranya apa apaan apabila apakah ' +
      'apalagi apatah asalkan atas atau ataukah ataupun bagai bagaikan ' +
      'bagaimana bagaimanakah bagaimanapun bagi bahkan bahwa bahwasanya bakal ' +
      'bakalan banyak beberapa begini beginian beginikah beginilah begitu ' +
      'begitukah begitulah begitupun belum belumlah berapa berapakah berapalah ' +
      'berapapun berbagai berikut berikutnya berupa bila bilakah bisa bisakah ' +
      'boleh bolehkah bolehlah bukan bukankah bukanlah bukannya cuma dahulu ' +
      'dalam dan dapat dari daripada demi demikian demikianlah dengan di dia ' +
      'dialah diantara diantaranya disini disinilah dong dulu enggak enggaknya ' +
      'entah entahlah hampir hanya hanyalah harus haruslah harusnya hendak ' +
      'hendaklah hendaknya hingga ia ialah ini inikah inilah itu itukah itulah ' +
      'jadi jadinya jangan jangankan janganlah jika jikalau juga justru kala ' +
      'kalau kalaulah kalaupun kalian kami kamilah kamu kamulah kan kapan ' +
      'kapankah kapanpun karena karenanya ke kemudian kenapa kepada kepadanya ' +
      'ketika kini kinilah kira kiranya kita kitalah kok lagi lah lain lainnya ' +
      'lalu lebih maka makanya makin malah malahan mana manakala manalagi masih ' +
      'masihkah masing mau maupun melainkan melalui memang mengapa mengenai ' +
      'menjadi menurut mereka merekalah merupakan meski meskipun mungkin ' +
      'mungkinkah nah namun nanti nantinya nyaris oleh olehnya pada padahal ' +
      'padanya paling para perlu perlukah pernah pula pun rupanya saja sajalah ' +
      'saling sambil sampai sana sangat sangatlah saya sayalah sebab sebagai ' +
      'sebagaimana sebagainya sebagian sebaiknya sebaliknya sebegini sebegitu ' +
      'sebelum sebelumnya sebenarnya sebetulnya sebuah secara sedang sedangkan ' +
      'sedemikian sedikit segala segalanya segera seharusnya sehingga sejak ' +
      'sejumlah sekali sekalian sekaligus sekalipun sekarang sekiranya sekitar ' +
      'selagi selain selaku selalu selama semakin sementara semua semuanya ' +
      'sendiri sendirinya seolah seorang sepanjang seperti sepertinya sering ' +
      'serta seseorang sesuatu sesudah sesudahnya setelah setiap sewaktu siapa ' +
      'siapakah siapapun sini sinilah suatu sudah sudahkah sudahlah supaya tadi ' +
      'tadinya tak tampaknya tanpa tapi telah tentang tentu tentulah tentunya ' +
      'terhadap terhadapnya terlalu termasuk tersebut tersebutlah terutama ' +
      'tetapi tiap tidak tidakkah tidaklah toh untuk usah waduh wah wahai walau ' +
      'walaupun yaitu yakni yang'
    ).split(' ')

    lunr.id.stopWordFilter = lunr.generateStopWordFilter(lunr.id.stopWords)

    lunr.Pipeline.registerFunction(lunr.id.stopWordFilter, 'stopWordFilter-id')

    /* asn-portal: query expansion for Material for MkDocs.
     * Material turns every typed word x into the wildcard term x*, and lunr runs no pipeline on
     * wildcard terms, so a query is never stemmed. For each such clause this adds optional
     * clauses that only widen the match:
     *  - the stem of the word (pelatihan -> latih);
     *  - the stem with the consonant that meN-/peN- swallowed put back (mengelola -> elola ->
     *    kelola) or, for a root, taken off (kelola -> elola), only when that word is in the
     *    index, so it never floods;
     *  - when nothing at all matches, the stem and the word with one letter changed (a typing
     *    slip), for words of at least TYPO_MIN_LENGTH letters. */
    var TYPO_MIN_LENGTH = 5
    var STEM_BOOST_WHEN_FOUND = 0.3
    var NASAL_PREFIX = /^(me|pe)(m|n|ng|ny)[aiueo]/
    var isStopWord = {}
    lunr.id.stopWords.forEach(function (w) { isStopWord[w] = true })

    lunr.id.expandQuery = function (index, query) {
      var OPTIONAL = lunr.Query.presence.OPTIONAL
      var has = function (term) {
        return lunr.TokenSet.fromString(term).intersect(index.tokenSet).toArray().length > 0
      }
      query.clauses.slice().forEach(function (c) {
        if (c.presence === lunr.Query.presence.PROHIBITED || c.editDistance) return
        var typed = String(c.term).toLowerCase().replace(/^\*+|\*+$/g, '')
        if (!typed || typed.indexOf('*') >= 0) return
        var base = lunr.id.trimmer(new lunr.Token(typed, {})).toString()
        if (!base || isStopWord[base]) return
        var add = function (term, boost, editDistance) {
          query.clause({
            term: term, fields: c.fields, boost: (c.boost || 1) * boost, usePipeline: false,
            wildcard: lunr.Query.wildcard.NONE, presence: OPTIONAL, editDistance: editDistance || 0
          })
        }
        var stem = lunr.id.stem(base)
        var found = has(c.term)
        if (base !== typed && has(base + '*')) { // typed with accents: René -> rene
          query.clause({
            term: base, fields: c.fields, boost: c.boost || 1, usePipeline: false,
            wildcard: lunr.Query.wildcard.TRAILING, presence: OPTIONAL
          })
          found = true
        }
        // The stem widens the match to other forms; when the typed form already matches, it adds
        // less, so a common word (pegawai) does not outweigh a rarer one found only by its stem.
        if (stem !== base && has(stem)) { add(stem, found ? STEM_BOOST_WHEN_FOUND : 1); found = true }
        if (/^(per|ber|ter)[aiueo]/.test(base) && /^[aiueo]/.test(stem) && has('r' + stem)) {
          add('r' + stem, 0.8) // perayaan -> aya, but the root is raya (pe-/be-/te- + r-root)
          found = true
        }
        if (NASAL_PREFIX.test(base) && /^[aiueo]/.test(stem)) {
          ['k', 'p', 's', 't'].forEach(function (consonant) {
            if (has(consonant + stem)) { add(consonant + stem, 0.8); found = true }
          })
        } else if (/^[kpstr][aiueo]/.test(stem) && has(stem.slice(1))) {
          add(stem.slice(1), 0.6) // kelola finds pengelolaan (elola), rencana finds perencanaan (encana)
          found = true
        }
        if (!found && base.length >= TYPO_MIN_LENGTH) {
          add(stem, 0.5, 1)
          if (stem !== base) add(base, 0.5, 1)
        }
      })
    }

    if (lunr.Index && !lunr.Index.prototype.asnQueryExpansion) {
      var query = lunr.Index.prototype.query
      lunr.Index.prototype.asnQueryExpansion = true
      lunr.Index.prototype.query = function (fn) {
        var index = this
        var stack = (index.pipeline && index.pipeline._stack) || []
        if (stack.indexOf(lunr.id.stemmer) < 0) return query.call(index, fn)
        return query.call(index, function (q) {
          fn.call(this, q)
          lunr.id.expandQuery(index, q)
        })
      }
    }
  }
}))
