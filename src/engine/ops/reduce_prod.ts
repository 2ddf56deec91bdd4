import { reduce, reduceOp } from './_reduce.js';
import type { Tensor } from '../tensor.js';

reduceOp('ReduceProd');

/** The product of x over the given axes (all axes when omitted). */
export function reduceProd(x: Tensor, axes?: number | number[], keepDims = false): Tensor {
  return reduce('ReduceProd', x, axes, keepDims);
}
