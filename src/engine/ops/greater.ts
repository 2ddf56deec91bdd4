import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Greater', { out: 'bool' });

/** Elementwise a > b (a bool tensor; not differentiable). */
export function greater(a: Operand, b: Operand): Tensor {
  return binary('Greater', a, b);
}
