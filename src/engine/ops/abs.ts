import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Abs', { floatOnly: false });

/** Elementwise |x|. */
export function abs(x: Tensor): Tensor {
  return apply1('Abs', [x]);
}
