import { add, log, logSoftmax, mul, softmax, softmaxCrossEntropy, stopGradient, type Tensor } from '../engine/index.js';
import type { ProbeLoss } from '../models/probe.js';
import { checkRange } from './labels.js';
import { logconfWeight } from './logconf.js';
import { registerMethod } from './registry.js';

/**
 * target ∝ sg(p)^β ⊙ y_w^α, renormalised per row. Computed in log space,
 * softmax(β·log p + α·log(y_w + 1e-8)), so a zero weak probability or an
 * underflowing p cannot give 0/0. `beta` is a scalar tensor (it ramps up in
 * the warm-up), `alpha` a number.
 */
export function productTarget(logits: Tensor, weak: Tensor, alpha: number, beta: Tensor): Tensor {
  const logP = stopGradient(logSoftmax(logits));
  return stopGradient(softmax(add(mul(logP, beta), mul(log(add(weak, 1e-8)), alpha))));
}

export function productLoss(alpha: number): ProbeLoss {
  return ({ logits, targets, weights, scalars }) => softmaxCrossEntropy(logits, productTarget(logits, targets, alpha, scalars.beta), weights);
}

/** Product of experts of the student and the teacher: the student keeps what it and the weak labels both believe. */
export const product = registerMethod({
  name: 'product',
  description: 'Train on target ∝ p^beta ⊙ weak^alpha (student times teacher, renormalised), beta ramping up over the warm-up.',
  params: [
    { name: 'alpha', type: 'number', default: 1, description: 'exponent of the weak labels' },
    { name: 'beta', type: 'number', default: 1, description: "exponent of the student's own (stop-gradient) prediction" },
    { name: 'warmup', type: 'number', default: 0.2, description: 'fraction of steps over which beta ramps linearly from 0 (as logconf\'s weight does); 0 = no warm-up' },
  ],
  async run(ctx, p) {
    const alpha = checkRange('product', 'alpha', p.alpha as number, 0, 100);
    const beta = checkRange('product', 'beta', p.beta as number, 0, 100);
    const warmup = checkRange('product', 'warmup', p.warmup as number, 0, 1);
    const student = await ctx.student.train({
      pool: 'transfer',
      targets: ctx.transfer.weakProbs,
      loss: productLoss(alpha),
      scalars: { names: ['beta'], at: (step, total) => ({ beta: logconfWeight(step, total, beta, warmup) }) },
    });
    return { student };
  },
});
