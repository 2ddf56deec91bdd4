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
 *
 * The graph keeps the moments rescaled, u = m/(1-b1) and w = v/(1-b2), so
 * each updates in two ops (u = b1*u + g, w = b2*w + g²); the scales, the bias
 * corrections and eps fold into fed scalars: step = alpha * u / (sqrt(w) + epsHat)
 * with alpha = lr*(1-b1)*sqrt(bc2)/(bc1*sqrt(1-b2)) and
 * epsHat = eps*sqrt(bc2)/sqrt(1-b2), and the decay into keep = 1 - lr*wd.
 * The same numbers as PyTorch's update, in 10 elementwise passes instead of 14.
 */
export function adamw(opts: AdamWOptions = {}): Optimizer {
  const b1 = opts.beta1 ?? 0.9;
  const b2 = opts.beta2 ?? 0.999;
  const eps = opts.eps ?? 1e-8;
  const wd = opts.weightDecay ?? 0.01;
  return {
    name: 'adamw',
    state: ['u', 'w'],
    scalarInputs: wd > 0 ? ['alpha', 'epsHat', 'keep'] : ['alpha', 'epsHat'],
    scalars(step, lr) {
      const bc1 = 1 - b1 ** step;
      const bc2 = 1 - b2 ** step;
      const rootB2 = Math.sqrt(1 - b2);
      const s: Record<string, number> = { alpha: (lr * (1 - b1) * Math.sqrt(bc2)) / (bc1 * rootB2), epsHat: (eps * Math.sqrt(bc2)) / rootB2 };
      if (wd > 0) s.keep = 1 - lr * wd;
      return s;
    },
    update({ theta, grad, state, scalars, decay }) {
      const u = add(mul(state.u, b1), grad);
      const w = add(mul(state.w, b2), mul(grad, grad));
      const base: Tensor = wd > 0 && decay ? mul(theta, scalars.keep) : theta;
      const step = div(mul(u, scalars.alpha), add(sqrt(w), scalars.epsHat));
      return { theta: sub(base, step), state: { u, w } };
    },
  };
}
