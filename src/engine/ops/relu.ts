import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Relu', { floatOnly: true });

/** Elementwise max(x, 0). */
export function relu(x: Tensor): Tensor {
  return apply1('Relu', [x]);
}
