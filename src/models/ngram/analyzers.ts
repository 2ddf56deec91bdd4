/**
 * The n-grams of a text, as scikit-learn's CountVectorizer forms them (lower-cased):
 * `char_wb` character n-grams inside word boundaries, and word n-grams over
 * `(?u)\b\w\w+\b` tokens. Characters are Unicode code points, as in Python.
 */

export interface NgramRange {
  min: number;
  max: number;
}

/** Calls `emit` with every character n-gram of each whitespace-separated word padded with one space each side. */
export function charWbNgrams(text: string, range: NgramRange, emit: (gram: string) => void): void {
  for (const word of text.toLowerCase().split(/\s+/)) {
    if (word === '') continue;
    const w = ` ${word} `;
    // Code points, as Python slices strings; the fast path is plain UTF-16 when no surrogate pairs occur.
    const chars = /[\uD800-\uDFFF]/.test(w) ? Array.from(w) : null;
    const len = chars ? chars.length : w.length;
    const sub = chars ? (a: number, b: number) => chars.slice(a, b).join('') : (a: number, b: number) => w.slice(a, b);
    for (let n = range.min; n <= range.max; n++) {
      let offset = 0;
      emit(sub(0, n));
      while (offset + n < len) {
        offset++;
        emit(sub(offset, offset + n));
      }
      // A word shorter than n gives itself once, not once per larger n.
      if (offset === 0) break;
    }
  }
}

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** Calls `emit` with every word n-gram (tokens of two or more word characters, joined by a space). */
export function wordNgrams(text: string, range: NgramRange, emit: (gram: string) => void): void {
  const tokens = text.toLowerCase().match(TOKEN) ?? [];
  for (let n = range.min; n <= range.max; n++) {
    for (let i = 0; i + n <= tokens.length; i++) emit(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
  }
}
