/** Label helpers shared by methods: pure functions over row-major [n, k] probabilities. */
import { agreement, argmax } from '../metrics/index.js';

export function hardLabels(probs: Float32Array, k: number): Float32Array {
  const n = probs.length / k;
  const out = new Float32Array(probs.length);
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + b]) b = c;
    out[i * k + b] = 1;
  }
  return out;
}

export function smoothLabels(probs: Float32Array, k: number, eps: number): Float32Array {
  if (!(eps >= 0 && eps < 1)) throw new Error(`label smoothing must be in [0, 1), got ${eps}`);
  return probs.map((p) => (1 - eps) * p + eps / k);
}

export { takeRows } from '../util/rows.js';

/** argmax of each row of a [n, k] matrix (first index wins ties; NaN is an error). */
export function argmaxRows(probs: Float32Array | Float64Array, k: number): Int32Array {
  return argmax(probs, k);
}

/** The largest probability of each row of a [n, k] matrix. */
export function maxProbs(probs: ArrayLike<number>, k: number): Float32Array {
  const n = probs.length / k;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let m = probs[i * k];
    for (let c = 1; c < k; c++) m = Math.max(m, probs[i * k + c]);
    out[i] = m;
  }
  return out;
}

/** One-hot rows [n, k] of class indices. */
export function oneHotRows(labels: ArrayLike<number>, k: number): Float32Array {
  const out = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) out[i * k + labels[i]] = 1;
  return out;
}

/** Agreement rate of two [n, k] probability matrices' argmaxes. */
export function argmaxAgreement(a: Float32Array | Float64Array, b: Float32Array | Float64Array, k: number): number {
  return a.length ? agreement(a, b, k) : NaN;
}

/**
 * Row indices ordered by `score`, largest first; equal scores keep index order,
 * so the result is deterministic.
 */
export function orderByScore(score: ArrayLike<number>, descending = true): Int32Array {
  const idx = Int32Array.from({ length: score.length }, (_, i) => i);
  const sign = descending ? -1 : 1;
  return idx.sort((a, b) => sign * (score[a] - score[b]) || a - b);
}

/** The rows of 0..n-1 not in `dropped`, ascending. */
export function complementRows(n: number, dropped: ArrayLike<number>): Int32Array {
  const drop = new Uint8Array(n);
  for (let i = 0; i < dropped.length; i++) drop[dropped[i]] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!drop[i]) out.push(i);
  return Int32Array.from(out);
}

/** Checks a number parameter lies in a range; the message names the method and parameter. */
export function checkRange(method: string, name: string, value: number, lo: number, hi: number, opts: { loOpen?: boolean; hiOpen?: boolean } = {}): number {
  const okLo = opts.loOpen ? value > lo : value >= lo;
  const okHi = opts.hiOpen ? value < hi : value <= hi;
  if (!(okLo && okHi && Number.isFinite(value))) {
    throw new Error(`${method}: parameter ${name} must be in ${opts.loOpen ? '(' : '['}${lo}, ${hi}${opts.hiOpen ? ')' : ']'}, got ${value}`);
  }
  return value;
}
