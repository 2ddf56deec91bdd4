/**
 * The n-grams of a text, as scikit-learn's CountVectorizer forms them (lower-cased):
 * `char_wb` character n-grams inside word boundaries, and word n-grams over
 * `(?u)\b\w\w+\b` tokens. Characters are Unicode code points, as in Python.
 * Each n-gram is given as a span `src[start, start + len)` of some string, so
 * counting them need not copy them out (see GramTable).
 */

export interface NgramRange {
  min: number;
  max: number;
}

export type SpanVisitor = (src: string, start: number, len: number) => void;

/** Python's whitespace (str.isspace, which str.split() splits on): JavaScript's \s lacks U+001C–U+001F and U+0085, and adds U+FEFF. */
const PY_WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Visits every character n-gram of each whitespace-separated word padded with one space each side. */
export function charWbNgrams(text: string, range: NgramRange, visit: SpanVisitor): void {
  for (const word of text.toLowerCase().split(PY_WHITESPACE)) {
    if (word === '') continue;
    const w = ` ${word} `;
    if (/[\uD800-\uDFFF]/.test(w)) {
      // Surrogate pairs: slice by code points, as Python does.
      const chars = Array.from(w);
      charWbSpans(chars.length, range, (a, n) => {
        const gram = chars.slice(a, a + n).join('');
        visit(gram, 0, gram.length);
      });
    } else charWbSpans(w.length, range, (a, n) => visit(w, a, n));
  }
}

/**
 * scikit-learn's `_char_wb_ngrams` on a padded word of `len` characters: all
 * n-grams for each n, except that a word no longer than n gives itself once
 * and ends the loop (a short word is not counted once per larger n).
 */
function charWbSpans(len: number, range: NgramRange, at: (start: number, n: number) => void): void {
  for (let n = range.min; n <= range.max; n++) {
    if (n >= len) {
      at(0, len);
      return;
    }
    for (let a = 0; a + n <= len; a++) at(a, n);
  }
}

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** Visits every word n-gram (tokens of two or more word characters, joined by a space). */
export function wordNgrams(text: string, range: NgramRange, visit: SpanVisitor): void {
  const tokens = text.toLowerCase().match(TOKEN) ?? [];
  for (let n = range.min; n <= range.max; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const gram = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
      visit(gram, 0, gram.length);
    }
  }
}
