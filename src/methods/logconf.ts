import {
  add, cast, concat, equal, less, mul, reduceMax, reduceSum, slice, softmax, softmaxCrossEntropy, stopGradient, sub, transpose,
  div, greater, type Tensor,
} from '../engine/index.js';
import type { ProbeLoss } from '../models/probe.js';
import { checkRange } from './labels.js';
import { registerMethod } from './registry.js';

/**
 * The auxiliary-confidence weight c at a step: a linear ramp from 0 to `alpha`
 * over the first `warmupFrac` of the steps, then `alpha`. (The original code
 * ramped c = alpha·step_frac up to alpha·warmup_frac, then jumped to alpha;
 * this is the schedule the paper describes.)
 */
export function logconfWeight(step: number, totalSteps: number, alpha: number, warmupFrac: number): number {
  if (!(totalSteps > 0)) throw new Error(`logconfWeight: totalSteps must be positive, got ${totalSteps}`);
  if (!(warmupFrac > 0)) return alpha;
  const frac = step / totalSteps;
  return alpha * Math.min(1, frac / warmupFrac);
}

/** onehot(argmax p) rows; ties share the mass equally. `p` [batch, k] (no gradient through it). */
export function argmaxHardening(p: Tensor): Tensor {
  const top = cast(equal(p, reduceMax(p, -1, true)), 'float32');
  return div(top, reduceSum(top, -1, true));
}

/**
 * Binary hardening with a per-batch threshold: the round(Σ y_w[:,1]) examples
 * with the highest p(class 1) are called class 1, the rest class 0 — i.e. the
 * threshold is the batch quantile of p(class 1) at 1 − mean(y_w[:,1]), so the
 * hardened class balance matches the weak labels'.
 *
 * Design: the engine has no sort or TopK, so each example's rank is counted
 * by pairwise comparison, rank_i = #{j : p_j > p_i} over the batch
 * ([batch, batch] comparisons; 64² per step is negligible). Example i is class 1
 * iff rank_i + 0.5 < Σ y_w[:,1]. Tied probabilities share a rank and fall on the
 * same side. No gradient flows through (it is stopped and built from comparisons).
 */
export function balancedBinaryHardening(p: Tensor, weak: Tensor): Tensor {
  const p1 = slice(p, [1], [2], [1]); // [B, 1]
  const above = cast(greater(transpose(p1), p1), 'float32'); // [B, B]: p_j > p_i at (i, j)
  const rank = reduceSum(above, 1, true); // [B, 1]
  const expected = reduceSum(slice(weak, [1], [2], [1])); // scalar: weak class-1 mass in the batch
  const pos = cast(less(add(rank, 0.5), expected), 'float32');
  return concat([sub(1, pos), pos], 1);
}

/** target = (1 − c)·y_w + c·sg(ŷ), ŷ the hardened student prediction. */
export function logconfTarget(logits: Tensor, weak: Tensor, c: Tensor, k: number, balanced: boolean): Tensor {
  const p = stopGradient(softmax(logits));
  const hard = stopGradient(balanced && k === 2 ? balancedBinaryHardening(p, weak) : argmaxHardening(p));
  return add(mul(weak, sub(1, c)), mul(hard, c));
}

/** The logconf loss: soft cross-entropy against logconfTarget, with c fed per step as scalar "c". */
export function logconfLoss(k: number, balanced: boolean): ProbeLoss {
  return ({ logits, targets, weights, scalars }) => softmaxCrossEntropy(logits, logconfTarget(logits, targets, scalars.c, k, balanced), weights);
}

/** Auxiliary confidence loss (Burns et al. 2023): the student is pulled towards its own hardened predictions. */
export const logconf = registerMethod({
  name: 'logconf',
  description: 'Auxiliary confidence loss (Burns et al.): target (1-c)·weak + c·hardened student prediction, c ramping linearly to alpha.',
  params: [
    { name: 'alpha', type: 'number', default: 0.5, description: 'final weight c of the hardened student prediction (0.5: the paper, and OpenAI’s code)' },
    { name: 'warmup', type: 'number', default: 0.2, description: 'fraction of steps over which c ramps linearly from 0 to alpha' },
    { name: 'balanced', type: 'boolean', default: true, description: 'binary: threshold per batch so the hardened class balance matches the weak labels (otherwise argmax)' },
  ],
  async run(ctx, p) {
    const alpha = checkRange('logconf', 'alpha', p.alpha as number, 0, 1);
    const warmup = checkRange('logconf', 'warmup', p.warmup as number, 0, 1);
    const k = ctx.numClasses;
    const balanced = (p.balanced as boolean) && k === 2;
    if ((p.balanced as boolean) && k > 2) ctx.log(`${k} classes: hardening by argmax (the balanced threshold is defined for binary tasks)`);
    const student = await ctx.student.train({
      pool: 'transfer',
      targets: ctx.transfer.weakProbs,
      loss: logconfLoss(k, balanced),
      scalars: { names: ['c'], at: (step, total) => ({ c: logconfWeight(step, total, alpha, warmup) }) },
    });
    return { student, notes: { hardening: balanced ? 'balanced-threshold' : 'argmax' } };
  },
});
