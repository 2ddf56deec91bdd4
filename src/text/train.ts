/**
 * Learning a BPE vocabulary from unlabeled text.
 *
 * The alphabet is every character seen at least minFrequency times (the most frequent
 * first if the budget runs short), ordered by code point; rarer characters fall back to
 * bytes. Merges are then learned greedily over the distinct pieces weighted by count,
 * with pair counts kept incrementally and a lazy max-heap picking the next pair. Ties go
 * to the pair with the smaller (left, right) ids, so the vocabulary depends only on the
 * multiset of texts, not on their order.
 */
import { Tokenizer } from './bpe.js';
import { isNumberPiece, normalizeText, pieces } from './pretokenize.js';
import { ALPHABET_BASE, MARKER_ID, PAIR_SHIFT, WORD_MARKER, reservedTokens } from './vocab.js';

/** A module-local copy: some loaders turn imported constants into getters, which hot loops feel. */
const SHIFT = PAIR_SHIFT;

export interface TrainTokenizerOptions {
  /** Total tokens including the 262 reserved ones (specials, word marker, bytes). Default 2000. */
  vocabSize?: number;
  /** Lowercase text before everything else. Default true. */
  lowercase?: boolean;
  /** A character joins the alphabet, and a pair is merged, only if seen this often. Default 2. */
  minFrequency?: number;
}

export function trainTokenizer(corpus: readonly string[], options: TrainTokenizerOptions = {}): Tokenizer {
  const { vocabSize = 2000, lowercase = true, minFrequency = 2 } = options;
  if (!Array.isArray(corpus) || !corpus.every((t) => typeof t === 'string')) throw new Error('trainTokenizer: corpus must be an array of strings');
  if (!Number.isInteger(vocabSize) || vocabSize < ALPHABET_BASE || vocabSize > PAIR_SHIFT) {
    throw new Error(`trainTokenizer: vocabSize must be an integer in [${ALPHABET_BASE}, ${PAIR_SHIFT}] (${ALPHABET_BASE} ids are reserved for specials, the word marker and bytes), got ${vocabSize}`);
  }
  if (!Number.isInteger(minFrequency) || minFrequency < 1) throw new Error(`trainTokenizer: minFrequency must be an integer >= 1, got ${minFrequency}`);

  const pieceCounts = new Map<string, number>();
  for (const text of corpus) {
    for (const p of pieces(normalizeText(text, lowercase))) pieceCounts.set(p, (pieceCounts.get(p) ?? 0) + 1);
  }
  const tokens = reservedTokens();
  const charIds = chooseAlphabet(pieceCounts, vocabSize - ALPHABET_BASE, minFrequency);
  for (const c of charIds.keys()) tokens.push(c);

  const words: Int32Array[] = [];
  const freqs: number[] = [];
  for (const [p, count] of pieceCounts) {
    if (isNumberPiece(p) || [...p].length < 2) continue;
    words.push(Int32Array.from([...p], (ch) => (ch === ' ' ? MARKER_ID : charIds.get(ch) ?? -1)));
    freqs.push(count);
  }
  const merges = learnMerges(words, freqs, vocabSize - tokens.length, minFrequency, tokens.length);
  for (const [a, b] of merges) tokens.push(tokens[a] + tokens[b]);
  return new Tokenizer({ format: 'w2s-bpe', version: 1, lowercase, tokens, merges });
}

function chooseAlphabet(pieceCounts: Map<string, number>, budget: number, minFrequency: number): Map<string, number> {
  const charCounts = new Map<string, number>();
  for (const [p, count] of pieceCounts) {
    for (const ch of p) if (ch !== ' ' && ch !== WORD_MARKER) charCounts.set(ch, (charCounts.get(ch) ?? 0) + count);
  }
  const byCodePoint = (x: string, y: string) => x.codePointAt(0)! - y.codePointAt(0)!;
  const chosen = [...charCounts].filter(([, n]) => n >= minFrequency)
    .sort(([x, n], [y, m]) => m - n || byCodePoint(x, y))
    .slice(0, budget)
    .map(([ch]) => ch)
    .sort(byCodePoint);
  return new Map(chosen.map((ch, i) => [ch, ALPHABET_BASE + i]));
}

/**
 * Greedy BPE over weighted words (symbol ids; -1 marks a byte-fallback character that
 * never pairs). Words are rewritten in place. Returns at most maxMerges pairs; the r-th
 * becomes id firstId + r.
 */
function learnMerges(words: Int32Array[], freqs: number[], maxMerges: number, minFrequency: number, firstId: number): [number, number][] {
  const lens = words.map((w) => w.length);
  const counts = new Map<number, number>();
  const where = new Map<number, number[]>();
  const heap = new PairHeap();
  const touched = new Set<number>();
  /** Adds n to the count of (a, b) in word w; with track, also records that w holds the pair. */
  const add = (a: number, b: number, n: number, w: number, track: boolean) => {
    if (a < 0 || b < 0) return;
    const key = a * SHIFT + b;
    counts.set(key, (counts.get(key) ?? 0) + n);
    touched.add(key);
    if (!track) return;
    const list = where.get(key);
    if (!list) where.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  for (let w = 0; w < words.length; w++) {
    for (let i = 0; i + 1 < lens[w]; i++) add(words[w][i], words[w][i + 1], freqs[w], w, true);
  }
  const flush = () => {
    for (const k of touched) {
      const n = counts.get(k)!;
      if (n > 0) heap.push(n, k);
      else counts.delete(k);
    }
    touched.clear();
  };
  flush();

  const merges: [number, number][] = [];
  while (merges.length < maxMerges && heap.size > 0) {
    const [count, key] = heap.pop();
    if (counts.get(key) !== count) continue; // stale entry
    if (count < minFrequency) break;
    const a = Math.floor(key / SHIFT), b = key % SHIFT;
    const id = firstId + merges.length;
    merges.push([a, b]);
    for (const w of where.get(key) ?? []) lens[w] = mergeInWord(words[w], lens[w], a, b, id, freqs[w], w, add);
    where.delete(key);
    flush();
  }
  return merges;
}

/**
 * Rewrites each (a, b) in s[0..len) as id, left to right, reporting every pair-count change
 * to add; returns the new length. Each occurrence trades (prev, a), (a, b), (b, next) for
 * (prev, id), (id, next), where prev is already rewritten and next is not yet, so runs of
 * overlapping occurrences such as "aaaa" come out right.
 */
function mergeInWord(
  s: Int32Array, len: number, a: number, b: number, id: number, n: number, w: number,
  add: (a: number, b: number, n: number, w: number, track: boolean) => void,
): number {
  let out = 0;
  for (let i = 0; i < len; i++) {
    if (i + 1 < len && s[i] === a && s[i + 1] === b) {
      add(a, b, -n, w, false);
      if (out > 0) { add(s[out - 1], a, -n, w, false); add(s[out - 1], id, n, w, true); }
      if (i + 2 < len) { add(b, s[i + 2], -n, w, false); add(id, s[i + 2], n, w, true); }
      s[out++] = id;
      i++;
    } else s[out++] = s[i];
  }
  return out;
}

/** Max-heap of (count, key): higher count first, then smaller key. Entries may go stale; callers check. */
class PairHeap {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];
  get size(): number { return this.counts.length; }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.counts[0], this.keys[0]];
    const last = this.counts.length - 1;
    this.swap(0, last);
    this.counts.pop();
    this.keys.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < last && this.before(l, m)) m = l;
      if (r < last && this.before(r, m)) m = r;
      if (m === i) return top;
      this.swap(i, m);
      i = m;
    }
  }

  private before(i: number, j: number): boolean {
    return this.counts[i] > this.counts[j] || (this.counts[i] === this.counts[j] && this.keys[i] < this.keys[j]);
  }

  private swap(i: number, j: number): void {
    [this.counts[i], this.counts[j]] = [this.counts[j], this.counts[i]];
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
  }
}
