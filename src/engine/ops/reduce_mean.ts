import { reduce, reduceOp } from './_reduce.js';
import type { Tensor } from '../tensor.js';

reduceOp('ReduceMean');

/** The mean of x over the given axes (all axes when omitted). */
export function reduceMean(x: Tensor, axes?: number | number[], keepDims = false): Tensor {
  return reduce('ReduceMean', x, axes, keepDims);
}
