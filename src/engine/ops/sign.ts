import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Sign', { floatOnly: false });

/** Elementwise sign (-1, 0, 1). */
export function sign(x: Tensor): Tensor {
  return apply1('Sign', [x]);
}
