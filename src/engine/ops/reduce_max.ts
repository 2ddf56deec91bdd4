import { reduce, reduceOp } from './_reduce.js';
import type { Tensor } from '../tensor.js';

reduceOp('ReduceMax');

/** The maximum of x over the given axes (all axes when omitted). */
export function reduceMax(x: Tensor, axes?: number | number[], keepDims = false): Tensor {
  return reduce('ReduceMax', x, axes, keepDims);
}
