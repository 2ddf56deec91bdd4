import { add, div, mul, sqrt, sub } from '../index.js';
import type { Tensor } from '../tensor.js';
import type { Optimizer } from './optimizer.js';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

/**
 * AdamW (Loshchilov & Hutter), with PyTorch's arithmetic: decoupled decay
 * theta *= 1 - lr*wd, then theta -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps).
 * The bias corrections are folded into two fed scalars:
 * alpha = lr*sqrt(bc2)/bc1 and epsHat = eps*sqrt(bc2).
 */
export function adamw(opts: AdamWOptions = {}): Optimizer {
  const b1 = opts.beta1 ?? 0.9;
  const b2 = opts.beta2 ?? 0.999;
  const eps = opts.eps ?? 1e-8;
  const wd = opts.weightDecay ?? 0.01;
  return {
    name: 'adamw',
    state: ['m', 'v'],
    scalarInputs: wd > 0 ? ['alpha', 'epsHat', 'decay'] : ['alpha', 'epsHat'],
    scalars(step, lr) {
      const bc1 = 1 - b1 ** step;
      const bc2 = 1 - b2 ** step;
      const s: Record<string, number> = { alpha: (lr * Math.sqrt(bc2)) / bc1, epsHat: eps * Math.sqrt(bc2) };
      if (wd > 0) s.decay = lr * wd;
      return s;
    },
    update({ theta, grad, state, scalars, decayMask }) {
      const m = add(mul(state.m, b1), mul(grad, 1 - b1));
      const v = add(mul(state.v, b2), mul(mul(grad, grad), 1 - b2));
      let base: Tensor = theta;
      if (wd > 0) {
        const d = decayMask ? mul(decayMask, scalars.decay) : scalars.decay;
        base = sub(theta, mul(theta, d));
      }
      const step = div(mul(m, scalars.alpha), add(sqrt(v), scalars.epsHat));
      return { theta: sub(base, step), state: { m, v } };
    },
  };
}
