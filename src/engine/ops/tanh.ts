import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Tanh', { floatOnly: true });

/** Elementwise hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return apply1('Tanh', [x]);
}
