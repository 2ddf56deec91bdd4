import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Log', { floatOnly: true });

/** Elementwise natural logarithm. */
export function log(x: Tensor): Tensor {
  return apply1('Log', [x]);
}
