import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Mul');

/** Elementwise a * b with broadcasting. */
export function mul(a: Operand, b: Operand): Tensor {
  return binary('Mul', a, b);
}
