import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Exp', { floatOnly: true });

/** Elementwise e^x. */
export function exp(x: Tensor): Tensor {
  return apply1('Exp', [x]);
}
