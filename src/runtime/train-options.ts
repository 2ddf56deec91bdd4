import type { StudentTrainOptions, WeakPool } from '../contract/types.js';
import { argmax } from '../metrics/index.js';

export type PoolName = 'transfer' | 'val';

/**
 * Checks what a method asked a student factory to train on, the same for
 * every kind of student: the pool, its rows and the targets' width. Returns
 * the pool's name and the number of training rows.
 */
export function checkTrainOptions(o: StudentTrainOptions, pools: Record<PoolName, WeakPool>, k: number): { pool: PoolName; n: number } {
  const pool = o.pool === 'transfer' || o.pool === 'val' ? o.pool : undefined;
  if (!pool) throw new Error(`student.train: pool must be 'transfer' or 'val', got ${String(o.pool)}`);
  const n = o.rows ? o.rows.length : pools[pool].ids.length;
  if (n === 0) throw new Error('student.train: no rows to train on (a filter removed every example?)');
  const width = k + (o.extraOutputs ?? 0);
  if (o.targets.length !== n * width) throw new Error(`student.train: targets have ${o.targets.length} values, expected ${n} rows × ${width} outputs`);
  return { pool, n };
}

/**
 * What every kind of student takes from the method's options as it is — targets,
 * weights, loss, scalars, extra outputs — with the student's seed and the
 * compute threads, and early stopping on weak-labelled val when asked for
 * (`predictVal`: the student's predictions on val).
 */
export function methodChoices<S>(
  o: StudentTrainOptions,
  seed: number,
  threads: number | undefined,
  val: WeakPool,
  k: number,
  predictVal: (student: S) => Promise<Float32Array>,
) {
  const agreement = o.earlyStopOnWeakVal ? weakValAgreement(val, k) : undefined;
  return {
    targets: o.targets,
    numClasses: k,
    weights: o.weights,
    seed,
    loss: o.loss,
    scalars: o.scalars,
    extraOutputs: o.extraOutputs,
    threads,
    selectEpoch: agreement ? async (s: S) => agreement(await predictVal(s)) : undefined,
  };
}

/** The pool a method may ask a student to predict, or an error naming the ones it may. */
export function predictablePool(which: unknown): PoolName {
  if (which === 'transfer' || which === 'val') return which;
  throw new Error(`student.predict: only 'transfer' and 'val' are visible to methods, got ${String(which)}`);
}

/** Early stopping's score: the share of val rows where a student's predictions agree with the weak labels. */
export function weakValAgreement(val: WeakPool, k: number): (probs: Float32Array) => number {
  const weak = argmax(val.weakProbs, k);
  return (probs) => {
    const pred = argmax(probs, k);
    let agree = 0;
    for (let i = 0; i < pred.length; i++) agree += pred[i] === weak[i] ? 1 : 0;
    return agree / Math.max(1, pred.length);
  };
}
