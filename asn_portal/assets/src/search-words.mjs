/* asn-portal: words as search sees them, shared by the search engine (search-engine.mjs, in the
 * search worker) and the catalog filter (filter.mjs, on index pages), so that "Cari kata" matches
 * as the header search does. The index was built with the same folding (asn_portal/search/words.py).
 *  - fold: lower case, accents dropped; words: the folded letters and digits of any script;
 *  - stemsOf: Snowball's stem, and for a word ending like a particle (-kah, -lah, -pun) the stem
 *    without that step (as asn_portal/search/words.py stems, for the index);
 *  - forms: the other forms a typed word stands for (the consonant that meN-/peN- swallowed put
 *    back, or taken off a root, and pe-/be-/te- + r-root), with their weights;
 *  - withinOneEdit: one typing slip (Damerau-Levenshtein distance 1), tried only for words of
 *    TYPO_MIN_LENGTH letters or more when nothing else matched. */

export const TYPO_MIN_LENGTH = 5;
const NASAL_PREFIX = /^(me|pe)(m|n|ng|ny)[aiueo]/;

// Letters and digits of any script, where the JavaScript engine knows Unicode classes.
const WORD_SOURCE = (function () {
  try {
    return new RegExp("[\\p{L}\\p{N}]+", "gu");
  } catch (err) {
    return /[a-z0-9]+/g;
  }
})();

// A fresh copy of the word pattern (a global RegExp keeps its lastIndex between uses).
export function wordPattern() { return new RegExp(WORD_SOURCE.source, WORD_SOURCE.flags); }

export function fold(text) {
  return String(text === undefined || text === null ? "" : text).toLowerCase().normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

export function words(text) { return fold(text).match(wordPattern()) || []; }

// Snowball's Indonesian stemmer takes "-lah" for a particle also where it is the root's own end
// (mengolah -> mengo, while pengolahan -> olah): a word ending like a particle also has the stem the
// stemmer gives without that step, its stem of word + "nya" (the possessive goes in the step after
// the particle's and leaves the vowel count the later steps check as it was: mengolahnya -> olah).
const PARTICLE_END = /(kah|lah|pun)$/;

// The stems of `word` (Snowball's first), with the stemmer `stem`; words.py stems gives the same.
export function stemsOf(word, stem) {
  const root = stem(word);
  if (!PARTICLE_END.test(word)) return [root];
  const whole = stem(word + "nya");  // unchanged when too short to stem (and for PLAIN_WORDS' stem)
  return whole === root || whole === word + "nya" ? [root] : [root, whole];
}

// [[form, weight], ...] for a typed `word` whose stem is `root`.
export function forms(word, root) {
  const out = [];
  if (/^(per|ber|ter)[aiueo]/.test(word) && /^[aiueo]/.test(root)) out.push(["r" + root, 0.8]);
  if (NASAL_PREFIX.test(word) && /^[aiueo]/.test(root)) {
    "kpst".split("").forEach(function (c) { out.push([c + root, 0.8]); });
  } else if (/^[kpstr][aiueo]/.test(root)) {
    out.push([root.slice(1), 0.6]);
  }
  return out;
}

// Damerau-Levenshtein distance <= 1: equal, or one letter changed, added, dropped or two swapped.
export function withinOneEdit(a, b) {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i += 1;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;  // substitution
    return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) &&
      a.slice(i + 2) === b.slice(i + 2);  // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
