import { binary, binaryOp } from './_elementwise.js';
import type { Operand } from '../op.js';
import type { Tensor } from '../tensor.js';

binaryOp('Min');

/** Elementwise minimum with broadcasting. */
export function minimum(a: Operand, b: Operand): Tensor {
  return binary('Min', a, b);
}
