import { apply1, registerOp } from '../op.js';
import { broadcastShapes } from '../shape.js';
import type { Dim, Tensor } from '../tensor.js';
import { shapeOf } from './shape_of.js';

registerOp({
  name: 'Expand',
  infer([x], attrs) {
    return [{ dtype: x.dtype, shape: attrs._shape as Dim[] }];
  },
});

/** Broadcasts x to the runtime shape of `like`. */
export function expandLike(x: Tensor, like: Tensor): Tensor {
  return apply1('Expand', [x, shapeOf(like)], { _shape: broadcastShapes('Expand', x.shape, like.shape) });
}
