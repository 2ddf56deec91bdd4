import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Pow');

/** Elementwise a ** b with broadcasting. */
export function pow(a: Operand, b: Operand): Tensor {
  return binary('Pow', a, b);
}
