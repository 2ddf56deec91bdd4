import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Sqrt', { floatOnly: true });

/** Elementwise square root. */
export function sqrt(x: Tensor): Tensor {
  return apply1('Sqrt', [x]);
}
