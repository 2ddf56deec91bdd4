import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Sigmoid', { floatOnly: true });

/** Elementwise logistic sigmoid 1 / (1 + e^-x). */
export function sigmoid(x: Tensor): Tensor {
  return apply1('Sigmoid', [x]);
}
