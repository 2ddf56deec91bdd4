import { reduce, reduceOp } from './_reduce.js';
import type { Tensor } from '../tensor.js';

reduceOp('ReduceSum');

/** The sum of x over the given axes (all axes when omitted). */
export function reduceSum(x: Tensor, axes?: number | number[], keepDims = false): Tensor {
  return reduce('ReduceSum', x, axes, keepDims);
}
