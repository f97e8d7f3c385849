/* asn-portal: the catalog filter's word matching ("Cari kata" on index pages and long listings),
 * the rules of the header search (search-words.mjs) applied to the cards' own texts. No DOM: the
 * page parts (portal.mjs, lists.mjs) hand it texts and get one answer per card.
 *
 * words: {stem(word), stop: {word: true}, syn: {word: [[word, ...], ...]}}: the search's stemmer, the
 * index's stop words and synonyms (content/sinonim.yml) once loaded, or PLAIN_WORDS (no stems, no stop
 * words, no synonyms) on a site without Indonesian search. */

import { TYPO_MIN_LENGTH, forms, stemsOf, withinOneEdit, words as wordsOf } from "./search-words.mjs";

export const PLAIN_WORDS = Object.freeze({ stem: function (word) { return word; }, stop: Object.freeze({}) });

// A card's text -> its terms: each word that is not a stop word, and its stems (as the index has them).
export function termsOf(text, h) {
  const seen = Object.create(null);
  const out = [];
  wordsOf(text).forEach(function (word) {
    if (h.stop[word]) return;
    [word].concat(stemsOf(word, h.stem)).forEach(function (term) {
      if (!seen[term]) {
        seen[term] = true;
        out.push(term);
      }
    });
  });
  return out;
}

// A term test for one word: the terms it begins, its stems and their other forms.
function formsTest(word, h) {
  const same = Object.create(null);
  stemsOf(word, h.stem).forEach(function (root) {
    same[root] = true;
    forms(word, root).forEach(function (f) { same[f[0]] = true; });
  });
  return function (term) { return term.lastIndexOf(word, 0) === 0 || same[term] === true; };
}

// One test per typed word, each given a card's terms; a card matches when every test passes. A word
// finds the terms it begins, its stem and its other forms, or every word of one of its synonyms'
// phrases; failing all that in the whole list, a word of 5 letters or more finds the terms one
// typing slip away from it or its stem.
export function wordTests(query, h, cards) {
  const typed = [];
  wordsOf(query).forEach(function (w) { if (!h.stop[w] && typed.indexOf(w) < 0) typed.push(w); });
  return typed.map(function (word) {
    const own = formsTest(word, h);
    const phrases = ((h.syn && Object.prototype.hasOwnProperty.call(h.syn, word) && h.syn[word]) || [])
      .map(function (phrase) { return phrase.map(function (w) { return formsTest(w, h); }); });
    const test = function (terms) {
      return terms.some(own) || phrases.some(function (tests) {
        return tests.every(function (t) { return terms.some(t); });
      });
    };
    if (word.length < TYPO_MIN_LENGTH || cards.some(test)) return test;
    const root = h.stem(word);
    return function (terms) {
      return terms.some(function (term) { return withinOneEdit(term, root) || withinOneEdit(term, word); });
    };
  });
}

// query, each card's terms -> one boolean per card, or null when the query has no word (all match).
export function matchTerms(query, h, cards) {
  if (!/\S/.test(query)) return null;
  const wanted = wordTests(query, h, cards);
  return cards.map(function (terms) {
    return wanted.every(function (test) { return test(terms); });
  });
}
