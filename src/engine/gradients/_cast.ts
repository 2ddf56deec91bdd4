import type { Tensor } from '../tensor.js';
import { cast } from '../ops/cast.js';

/** Gradients keep the dtype of the tensor they belong to. */
export function castLike(g: Tensor, x: Tensor): Tensor {
  return g.dtype === x.dtype ? g : cast(g, x.dtype);
}
