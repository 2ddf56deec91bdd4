import { add, mul, sub } from '../index.js';
import type { Tensor } from '../tensor.js';
import type { Optimizer } from './optimizer.js';

export interface SgdOptions {
  momentum?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/** SGD with momentum as in PyTorch: g += wd*theta; buf = mu*buf + g; theta -= lr*(nesterov ? g + mu*buf : buf). */
export function sgd(opts: SgdOptions = {}): Optimizer {
  const mu = opts.momentum ?? 0;
  const wd = opts.weightDecay ?? 0;
  return {
    name: 'sgd',
    state: mu > 0 ? ['buf'] : [],
    scalarInputs: ['lr'],
    scalars: (_step, lr) => ({ lr }),
    update({ theta, grad, state, scalars, decay }) {
      let g: Tensor = grad;
      if (wd > 0 && decay) g = add(g, mul(theta, wd));
      if (mu === 0) return { theta: sub(theta, mul(g, scalars.lr)), state: {} as Record<string, Tensor> };
      const buf = add(mul(state.buf, mu), g);
      const dir = opts.nesterov ? add(g, mul(buf, mu)) : buf;
      return { theta: sub(theta, mul(dir, scalars.lr)), state: { buf } };
    },
  };
}
