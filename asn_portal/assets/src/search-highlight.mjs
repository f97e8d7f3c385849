/* asn-portal: search results as the reader sees them, escaped text with the matched words marked.
 *
 * Part of search-engine.js (bundled with search-engine.mjs by asn_portal/render/scripts.py). Titles and
 * excerpts come from the index, that is from content: every character is escaped here before <mark> is
 * added, so a result never carries markup of its own.
 */
import { fold, stemsOf, wordPattern } from "./search-words.mjs";

export function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

// Escaped text with the words the query matched in <mark>: a word matched as it is or by one of its stems
// (`stem`: the engine's stemmer), or begun by a typed word.
export function highlight(text, typed, matched, stem) {
  let out = "";
  let last = 0;
  String(text).replace(wordPattern(), function (token, at) {
    const f = fold(token);
    const hit = matched[f] || stemsOf(f, stem).some(function (r) { return matched[r]; }) ||
      typed.some(function (w) { return w.length > 1 && f.indexOf(w) === 0; });
    out += escapeHtml(text.slice(last, at)) +
      (hit ? "<mark data-md-highlight>" + escapeHtml(token) + "</mark>" : escapeHtml(token));
    last = at + token.length;
    return token;
  });
  return out + escapeHtml(String(text).slice(last));
}
