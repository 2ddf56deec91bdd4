/**
 * Normalisation and pre-tokenisation shared by training and encoding.
 *
 * Text is normalised (lone surrogates → U+FFFD, optional lowercase, NFC, every whitespace
 * run → one space, trimmed), then cut into pieces: a run of letters (with their combining
 * marks), or any other single character — so each digit and each punctuation mark or symbol
 * is a piece of its own. A piece carries a leading ' ' when a space came before it; the first
 * piece of a text always does, so a word looks the same wherever it stands.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITESPACE = /\s+/g; // \s is Unicode-aware without the u flag, and faster

/** Longer letter runs are cut into pieces of at most this many code points, which bounds the cost of encoding. */
export const MAX_RUN = 48;
const PIECE = new RegExp(` ?(?:[\\p{L}\\p{M}]{1,${MAX_RUN}}|.)`, 'gsu');
const NUMBER = /^ ?\p{N}$/u;

export function normalizeText(text: string, lowercase: boolean): string {
  let t = text.replace(LONE_SURROGATE, '\uFFFD');
  if (lowercase) t = t.toLowerCase();
  return t.normalize('NFC').replace(WHITESPACE, ' ').trim();
}

/** Pieces of already-normalised text; their concatenation is ' ' + text (or '' for empty text). */
export function pieces(normalized: string): string[] {
  if (normalized.length === 0) return [];
  return (' ' + normalized).match(PIECE) ?? [];
}

/** Calls visit on each piece in order until it returns false. */
export function eachPiece(normalized: string, visit: (piece: string) => boolean): void {
  if (normalized.length === 0) return;
  const text = ' ' + normalized;
  const re = new RegExp(PIECE);
  for (let m = re.exec(text); m !== null && visit(m[0]); m = re.exec(text));
}

/** A single-digit piece: never merged, so numbers stay digit by digit. */
export function isNumberPiece(piece: string): boolean {
  return NUMBER.test(piece);
}
