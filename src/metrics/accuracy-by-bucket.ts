import { checkBinary, sameLength } from './check.js';
import { wilsonInterval } from './normal.js';

export type BucketId = number | string;

export interface BucketAccuracy {
  bucket: BucketId;
  count: number;
  correct: number;
  accuracy: number;
  /** Wilson score interval of the accuracy at the requested alpha. */
  low: number;
  high: number;
  /** Chance accuracy 1/numClasses lies inside [low, high]: the model is indistinguishable from guessing here. */
  atChance: boolean;
}

export interface AccuracyByBucketOptions {
  /** Number of classes; chance accuracy is 1/numClasses. */
  numClasses: number;
  /** Two-sided miss rate of the binomial interval (default 0.05). */
  alpha?: number;
}

/**
 * Accuracy per bucket (difficulty level, teacher-confidence bin, group), with a
 * Wilson interval and a flag where chance accuracy is inside it. Buckets are
 * returned in ascending order (numeric when all ids are numbers, else by string).
 */
export function accuracyByBucket(
  correct: ArrayLike<number>,
  bucketIds: ArrayLike<BucketId>,
  options: AccuracyByBucketOptions,
): BucketAccuracy[] {
  const { numClasses, alpha = 0.05 } = options;
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new Error(`numClasses must be an integer >= 2, got ${numClasses}`);
  const n = sameLength(correct, bucketIds, 'correct', 'bucketIds');
  checkBinary(correct, 'correct');
  const tally = new Map<BucketId, { count: number; correct: number }>();
  for (let i = 0; i < n; i++) {
    const id = bucketIds[i];
    if (typeof id === 'number' && Number.isNaN(id)) throw new Error(`bucketIds[${i}] is NaN`);
    let t = tally.get(id);
    if (!t) tally.set(id, (t = { count: 0, correct: 0 }));
    t.count++;
    t.correct += correct[i];
  }
  const ids = [...tally.keys()];
  const numeric = ids.every((id) => typeof id === 'number');
  ids.sort(numeric ? (x, y) => (x as number) - (y as number) : (x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
  const chance = 1 / numClasses;
  return ids.map((bucket) => {
    const t = tally.get(bucket)!;
    const { low, high } = wilsonInterval(t.correct, t.count, alpha);
    return { bucket, count: t.count, correct: t.correct, accuracy: t.correct / t.count, low, high, atChance: low <= chance && chance <= high };
  });
}

/**
 * Bucket index of each value against ascending `edges`: index b when
 * edges[b - 1] <= v < edges[b], 0 below edges[0], edges.length at or above the
 * last edge. E.g. edges [0.6, 0.8] split teacher confidence into
 * [., 0.6), [0.6, 0.8), [0.8, .].
 */
export function bucketize(values: ArrayLike<number>, edges: readonly number[]): Int32Array {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) throw new Error(`edges must be strictly ascending; edges[${i}] = ${edges[i]} after ${edges[i - 1]}`);
  }
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) throw new Error(`values[${i}] is NaN`);
    let b = 0;
    while (b < edges.length && v >= edges[b]) b++;
    out[i] = b;
  }
  return out;
}
