import { add, div, minimum, mul, reduceSum, sqrt } from '../index.js';
import type { Tensor } from '../tensor.js';

/** Global-norm clipping of a flat gradient: g * min(1, maxNorm / (||g|| + 1e-6)). Returns the clipped gradient and the norm. */
export function clipByGlobalNorm(grad: Tensor, maxNorm: number): { grad: Tensor; norm: Tensor } {
  const norm = sqrt(reduceSum(mul(grad, grad)));
  const scale = minimum(div(maxNorm, add(norm, 1e-6)), 1);
  return { grad: mul(grad, scale), norm };
}

export function globalNorm(grad: Tensor): Tensor {
  return sqrt(reduceSum(mul(grad, grad)));
}
