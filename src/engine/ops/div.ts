import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Div');

/** Elementwise a / b with broadcasting. */
export function div(a: Operand, b: Operand): Tensor {
  return binary('Div', a, b);
}
