import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Sub');

/** Elementwise a - b with broadcasting. */
export function sub(a: Operand, b: Operand): Tensor {
  return binary('Sub', a, b);
}
