import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Neg', { floatOnly: false });

/** Elementwise -x. */
export function neg(x: Tensor): Tensor {
  return apply1('Neg', [x]);
}
