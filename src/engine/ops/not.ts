import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Not', { floatOnly: false });

/** Elementwise logical not of a bool tensor. */
export function logicalNot(x: Tensor): Tensor {
  return apply1('Not', [x]);
}
