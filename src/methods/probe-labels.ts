/**
 * Probes fitted to the weak labels on the strong features, predicting each
 * transfer row without having seen its own weak label: kNN leave-one-out, or
 * a logistic probe out-of-fold. Shared by probe_relabel and probe_filter.
 */
import type { MethodContext, MethodParam } from '../contract/types.js';
import type { Rng } from '../util/rng.js';
import { knnLabels } from './knn.js';
import { complementRows, takeRows } from './labels.js';

/** A balanced random fold (0..folds−1) for each of n rows. */
export function foldAssignment(n: number, folds: number, rng: Rng): Int32Array {
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= n)) throw new Error(`folds must be an integer in [2, ${n}], got ${folds}`);
  const perm = rng.permutation(n);
  const fold = new Int32Array(n);
  perm.forEach((row, i) => (fold[row] = i % folds));
  return fold;
}

/** Out-of-fold predictions of logistic probes trained (as students) on the other folds' weak labels. */
export async function outOfFoldLogistic(ctx: MethodContext, folds: number): Promise<Float32Array> {
  const n = ctx.transfer.ids.length;
  const k = ctx.numClasses;
  const fold = foldAssignment(n, folds, ctx.rng.fork('probe-folds'));
  const out = new Float32Array(n * k);
  for (let f = 0; f < folds; f++) {
    const held: number[] = [];
    fold.forEach((v, i) => v === f && held.push(i));
    const train = complementRows(n, held);
    const probe = await ctx.student.train({ pool: 'transfer', rows: train, targets: takeRows(ctx.transfer.weakProbs, k, train), config: { hidden: [] } });
    const pred = await probe.predict('transfer');
    for (const i of held) out.set(pred.subarray(i * k, i * k + k), i * k);
  }
  return out;
}

export type ProbeKind = 'knn' | 'logistic';

/** The probe's label distribution for every transfer row, never fitted on that row's own weak label. */
export async function probeLabels(ctx: MethodContext, kind: string, kNeighbors: number, folds: number): Promise<Float32Array> {
  if (kind === 'knn') return knnLabels(ctx.transfer.features, ctx.transfer.dim, ctx.transfer.weakProbs, ctx.numClasses, kNeighbors);
  if (kind === 'logistic') return outOfFoldLogistic(ctx, folds);
  throw new Error(`probe must be 'knn' or 'logistic', got '${kind}'`);
}

/** Total-variation distance between matching rows of two [n, k] probability matrices. */
export function rowDistance(a: Float32Array, b: Float32Array, k: number): Float32Array {
  const n = a.length / k;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.abs(a[i * k + c] - b[i * k + c]);
    out[i] = s / 2;
  }
  return out;
}

export const PROBE_PARAMS: MethodParam[] = [
  { name: 'probe', type: 'string', default: 'knn', description: "'knn' (leave-one-out, cosine on standardised strong features) or 'logistic' (out-of-fold)" },
  { name: 'k', type: 'number', default: 15, description: 'kNN: number of neighbours' },
  { name: 'folds', type: 'number', default: 5, description: 'logistic: number of folds' },
];
