import { add, concat, div, minimum, mul, reduceSum, reshape, sqrt } from '../index.js';
import type { Tensor } from '../tensor.js';

/** The L2 norm of all the gradients together, as a scalar. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  const squares = grads.map((g) => reshape(reduceSum(mul(g, g)), [1]));
  return sqrt(reduceSum(squares.length === 1 ? squares[0] : concat(squares, 0)));
}

/** Global-norm clipping: each gradient times min(1, maxNorm / (||g|| + 1e-6)), ||g|| over all of them. Returns the clipped gradients and the norm. */
export function clipByGlobalNorm(grads: readonly Tensor[], maxNorm: number): { grads: Tensor[]; norm: Tensor } {
  const norm = globalNorm(grads);
  const scale = minimum(div(maxNorm, add(norm, 1e-6)), 1);
  return { grads: grads.map((g) => mul(g, scale)), norm };
}
