import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Max');

/** Elementwise maximum with broadcasting. */
export function maximum(a: Operand, b: Operand): Tensor {
  return binary('Max', a, b);
}
