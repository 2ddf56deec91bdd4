import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Add');

/** Elementwise a + b with broadcasting. */
export function add(a: Operand, b: Operand): Tensor {
  return binary('Add', a, b);
}
