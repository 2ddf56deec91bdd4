import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Identity', { floatOnly: false });

/** A copy of x. */
export function identity(x: Tensor): Tensor {
  return apply1('Identity', [x]);
}
