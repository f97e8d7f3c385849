/* asn-portal search: how matched documents are ordered, and the synonyms a typed word stands for.
 * Part of search-engine.js (bundled with search-engine.mjs); pure functions, tested in Node.js
 * (tests/js/search.test.mjs).
 *
 * A document's score is the sum of its weights for the typed words (BM25, fields weighted, built by
 * asn_portal/search/shards.py), then
 *  - times the share of typed words it holds (Lucene's coordination): one rare word in a title must
 *    not outrank a page that has them all. A word so common that the index kept only its strongest
 *    postings (its document frequency is over the manifest's cap) is not held against a page that is
 *    not among them as a word it misses: it counts half (the page may well hold it, and the word
 *    weighs almost nothing there);
 *  - times a bonus when one of its own fields (title, summary, headings) names every typed word (but
 *    the common ones the document's lists do not show):
 *    what the page says about itself beats pages that mention the words in passing;
 *  - and, among the results shown, times a bonus when its title or excerpt has the typed words side by
 *    side, in order (a phrase), and another when its title begins with them (a page about the
 *    words, not one that mentions them on the way: "Coaching dan Mentoring ..."). */
import { TYPO_MIN_LENGTH, stemsOf, withinOneEdit, words } from "./search-words.mjs";

export const MAX_RESULTS = 20;
// title, summary, headings: the bonus when the field holds every typed word
export const FIELD_BONUS = [3, 2, 1.5];
export const PHRASE_BONUS = 1.25;
export const TITLE_START_BONUS = 1.15;
export const SYNONYM_BOOST = 0.6;  // shared among a phrase's words: a page with the typed word itself comes first

export const COMMON_CREDIT = 0.5;

// BM25's idf of a word found in `df` of `n` documents (as asn_portal/search/shards.py).
export function idf(df, n) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

// The forms of one typed word (as typed, its stem, its other forms) are one word to the reader: each
// clause ({entry: [term, chunk, df], boost}) is weighed as rare as the most common of them, so a rare
// form (mengevaluasi, in passing) does not outweigh the common one a page names in its title (Evaluasi).
export function shareRarity(clauses, n) {
  let widest = 0;
  clauses.forEach(function (c) { widest = Math.max(widest, c.entry[2]); });
  clauses.forEach(function (c) { c.boost *= idf(widest, n) / (idf(c.entry[2], n) || 1); });
}

function bitCount(bits) {
  let count = 0;
  for (let b = bits; b; b &= b - 1) count += 1;
  return count;
}

// The bonus of a document whose field bits per typed word are `fields` ([title, summary, headings],
// each a bit set of the typed words found there) when `all` is the bit set of every typed word.
export function fieldBonus(fields, all) {
  if (!fields || !all) return 1;
  for (let f = 0; f < FIELD_BONUS.length; f += 1) if ((fields[f] & all) === all) return FIELD_BONUS[f];
  return 1;
}

// scores: {doc: sum of weights}; hits: {doc: bit i set when typed word i matched}; fields: {doc:
// [title, summary, headings] bit sets}; common: the bit set of typed words over the cap.
// -> {docs: the best MAX_RESULTS, scores: {doc: final score}}
export function rank(scores, hits, typedCount, fields, common) {
  const all = typedCount >= 31 ? 0x7fffffff : (1 << typedCount) - 1;
  const ranked = Object.keys(scores).map(Number);
  const final = {};
  ranked.forEach(function (doc) {
    const unsure = (common || 0) & ~hits[doc] & all;  // common words not in the doc's lists
    const held = bitCount(hits[doc] & all) + COMMON_CREDIT * bitCount(unsure);
    final[doc] = scores[doc] * held / typedCount * fieldBonus(fields && fields[doc], all & ~unsure);
  });
  ranked.sort(function (a, b) { return final[b] - final[a] || a - b; });
  return { docs: ranked.slice(0, MAX_RESULTS), scores: final };
}

// The stems of each of a text's words, for comparing word order.
function stems(text, stem) { return words(text).map(function (w) { return stemsOf(w, stem); }); }

// True when two words' stems (stemsOf) meet: mengolah (mengo, olah) and pengolahan (olah).
function sameWord(a, b) { return a.some(function (s) { return b.indexOf(s) >= 0; }); }

// Where the typed words first stand side by side, in order, in `text` (by stem), or -1.
export function phraseAt(text, typed, stem) {
  const wanted = typed.map(function (w) { return stemsOf(w, stem); });
  const have = stems(text, stem);
  for (let i = 0; i + wanted.length <= have.length; i += 1) {
    let k = 0;
    while (k < wanted.length && sameWord(have[i + k], wanted[k])) k += 1;
    if (k === wanted.length) return i;
  }
  return -1;
}

// True when the typed words (two or more) stand side by side, in order, in `text`.
export function hasPhrase(text, typed, stem) {
  return typed.length >= 2 && phraseAt(text, typed, stem) >= 0;
}

// Reorder the shown results: a phrase in the title or excerpt earns PHRASE_BONUS, a title that
// begins with the typed words TITLE_START_BONUS.
// docs: [doc], data: {doc: [url, title, label, excerpt]}, scores: {doc: score} (changed in place).
export function rerankByPhrase(docs, data, scores, typed, stem) {
  docs.forEach(function (doc) {
    const d = data[doc];
    if (!d) return;
    if (hasPhrase(d[1], typed, stem) || hasPhrase(d[3], typed, stem)) scores[doc] *= PHRASE_BONUS;
    if (typed.length && phraseAt(d[1], typed, stem) === 0) scores[doc] *= TITLE_START_BONUS;
  });
  return docs.slice().sort(function (a, b) { return scores[b] - scores[a] || a - b; });
}

// The phrases a typed word also stands for ({word: [[word, ...], ...]} from the manifest, written
// from content/sinonim.yml): the word's own entry, or for a word of TYPO_MIN_LENGTH letters or more
// that the index does not know, the entry one typing slip away.
export function synonymsOf(table, word, known) {
  if (!table) return [];
  if (Object.prototype.hasOwnProperty.call(table, word)) return table[word];
  if (known || word.length < TYPO_MIN_LENGTH) return [];
  const near = Object.keys(table).filter(function (key) { return withinOneEdit(key, word); }).sort();
  return near.length ? table[near[0]] : [];
}
