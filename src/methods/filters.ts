/**
 * Row selection for the filtering methods: pure functions from weak (and
 * student) probabilities [n, k] to the transfer rows kept, ascending.
 */
import type { MethodContext, Student } from '../contract/types.js';
import { argmaxRows, complementRows, maxProbs, orderByScore, takeRows, hardLabels } from './labels.js';

export type ConfidenceRule = { mode: 'max'; threshold: number } | { mode: 'band'; low: number; high: number };

/**
 * Rows the weak supervisor is confident on.
 * - `max`: keep rows whose largest weak probability is >= threshold.
 * - `band` (the 2026 sandbox): drop rows whose p(class 1) lies in [low, high]
 *   (binary); with more classes the largest probability is tested instead.
 */
export function confidenceKeep(weak: Float32Array, k: number, rule: ConfidenceRule): Int32Array {
  const n = weak.length / k;
  const top = maxProbs(weak, k);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (rule.mode === 'max') {
      if (top[i] >= rule.threshold) out.push(i);
    } else {
      const v = k === 2 ? weak[i * 2 + 1] : top[i];
      if (!(v >= rule.low && v <= rule.high)) out.push(i);
    }
  }
  return Int32Array.from(out);
}

/**
 * Per predicted class (weak argmax), the `keep` share of its rows with the
 * highest weak confidence: round(keep · n_c) rows, at least one for a
 * non-empty class. Ties keep the lower row index.
 */
export function quantileKeep(weak: Float32Array, k: number, keep: number): Int32Array {
  const pred = argmaxRows(weak, k);
  const top = maxProbs(weak, k);
  const order = orderByScore(top);
  const count = new Int32Array(k);
  for (const c of pred) count[c]++;
  const quota = Array.from(count, (nc) => (nc > 0 ? Math.max(1, Math.round(keep * nc)) : 0));
  const kept: number[] = [];
  for (const i of order) {
    if (quota[pred[i]] > 0) {
      quota[pred[i]]--;
      kept.push(i);
    }
  }
  return Int32Array.from(kept.sort((a, b) => a - b));
}

export type DisagreementMeasure = 'kl' | 'teacher_prob';

/**
 * How much the student disagrees with the teacher on each row:
 * `kl` = KL(weak ‖ student); `teacher_prob` = 1 − weak probability of the student's argmax class.
 */
export function disagreement(weak: Float32Array, student: Float32Array, k: number, measure: DisagreementMeasure): Float32Array {
  const n = weak.length / k;
  const out = new Float32Array(n);
  if (measure === 'teacher_prob') {
    const s = argmaxRows(student, k);
    for (let i = 0; i < n; i++) out[i] = 1 - weak[i * k + s[i]];
    return out;
  }
  for (let i = 0; i < n; i++) {
    let kl = 0;
    for (let c = 0; c < k; c++) {
      const w = weak[i * k + c];
      if (w > 0) kl += w * Math.log(w / Math.max(student[i * k + c], 1e-12));
    }
    out[i] = kl;
  }
  return out;
}

/** All rows except the round(share · n) with the highest score, ascending; among equal scores the lower row index is dropped first. */
export function dropHighest(score: Float32Array, share: number): Int32Array {
  const nDrop = Math.round(share * score.length);
  return complementRows(score.length, orderByScore(score).subarray(0, nDrop));
}

/** Trains a student on the given transfer rows with the weak labels (soft, or their argmax). */
export async function trainOnRows(ctx: MethodContext, rows: Int32Array, hard: boolean, method: string): Promise<Student> {
  const k = ctx.numClasses;
  if (rows.length === 0) {
    const top = maxProbs(ctx.transfer.weakProbs, k);
    const lo = top.reduce((a, b) => Math.min(a, b), 1);
    const hi = top.reduce((a, b) => Math.max(a, b), 0);
    throw new Error(`${method}: the filter kept none of ${top.length} transfer examples (weak max probability ranges ${lo.toFixed(3)}..${hi.toFixed(3)}); loosen its thresholds`);
  }
  const weak = takeRows(ctx.transfer.weakProbs, k, rows);
  return ctx.student.train({ pool: 'transfer', rows, targets: hard ? hardLabels(weak, k) : weak });
}

/** Notes every filter reports. */
export function keptNotes(kept: number, total: number): Record<string, number> {
  return { kept, dropped: total - kept, kept_share: total ? kept / total : 0 };
}
