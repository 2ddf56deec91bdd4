import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Less', { out: 'bool' });

/** Elementwise a < b (a bool tensor; not differentiable). */
export function less(a: Operand, b: Operand): Tensor {
  return binary('Less', a, b);
}
