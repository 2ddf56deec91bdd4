import { apply1 } from '../op.js';
import { binaryOp } from './_elementwise.js';
import type { Tensor } from '../tensor.js';

binaryOp('And', { out: 'bool' });

/** Elementwise logical and of two bool tensors. */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return apply1('And', [a, b]);
}
