/**
 * The soft-label rule for LLM supervisors: an example's class probabilities are
 * the probabilities of the label words as the model's first answer token,
 * renormalised over the label set. Pure functions; no I/O.
 */

/** One candidate for the first answer token: its text and log-probability. */
export interface TokenLogprob {
  token: string;
  logprob: number;
}

/** How a token's text is compared with a label word: surrounding space and case do not count (" Spam" = "spam"). */
export function normalizeToken(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The label words, one per class in class order: `words` when given (from
 * `--label-words`), else the class names. Checked here, at the boundary.
 */
export function labelWords(classes: readonly string[], words?: readonly string[]): string[] {
  const out = words ? [...words] : [...classes];
  if (out.length !== classes.length) {
    throw new Error(`--label-words gives ${out.length} words for ${classes.length} classes (${classes.join(', ')}); give one word per class, in that order`);
  }
  const seen = new Map<string, number>();
  out.forEach((w, i) => {
    const n = normalizeToken(w);
    if (!n) throw new Error(`label word ${i + 1} (class ${classes[i]}) is empty; give one non-empty word per class`);
    if (seen.has(n)) throw new Error(`label words "${out[seen.get(n)!]}" and "${w}" are the same token once case and spaces are ignored; give each class its own word`);
    seen.set(n, i);
  });
  return out;
}

/**
 * A label word the answer shows to be split into several tokens: the most
 * probable candidate is a proper prefix of it and the word itself is not among
 * the candidates (the model starts to say "pos" + "itive"). Only the most
 * probable candidate counts, so a stray "s" deep in the list does not make
 * "spam" look split. Null when nothing shows a split.
 */
export function splitLabel(top: readonly TokenLogprob[], words: readonly string[]): { word: string; token: string } | null {
  if (top.length === 0) return null;
  const norm = words.map(normalizeToken);
  const best = top.reduce((a, b) => (b.logprob > a.logprob ? b : a));
  const n = normalizeToken(best.token);
  if (n.length === 0 || norm.includes(n)) return null;
  const present = new Set(top.map((t) => normalizeToken(t.token)));
  const i = norm.findIndex((w) => n.length < w.length && w.startsWith(n) && !present.has(w));
  return i >= 0 ? { word: words[i], token: best.token } : null;
}

/**
 * Class probabilities from the first answer token's candidates: each label's
 * probability is the summed probability of the candidates that spell it, and
 * the k sums are renormalised to 1. A label missing from the candidates gets 0
 * (its probability is below the last candidate's). Null when no candidate is a
 * label word: the model answered off-format.
 */
export function softLabels(top: readonly TokenLogprob[], words: readonly string[]): Float64Array | null {
  const index = new Map(words.map((w, i) => [normalizeToken(w), i]));
  const mass = new Float64Array(words.length);
  for (const t of top) {
    const c = index.get(normalizeToken(t.token));
    if (c !== undefined && Number.isFinite(t.logprob)) mass[c] += Math.exp(t.logprob);
  }
  const total = mass.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  return mass.map((m) => m / total);
}
