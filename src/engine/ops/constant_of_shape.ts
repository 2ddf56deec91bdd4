import { makeArray } from '../graph.js';
import { apply1, registerOp } from '../op.js';
import type { Dim, Tensor } from '../tensor.js';
import type { DType } from '../dtype.js';
import { shapeOf } from './shape_of.js';

registerOp({
  name: 'ConstantOfShape',
  infer(_inputs, attrs) {
    return [{ dtype: attrs._dtype as DType, shape: attrs._shape as Dim[] }];
  },
});

/** A tensor shaped like `like`, filled with `value`. */
export function fullLike(like: Tensor, value: number, dtype: DType = like.dtype): Tensor {
  return apply1('ConstantOfShape', [shapeOf(like)], {
    value: { tensor: { dtype, shape: [1], data: makeArray(dtype, [value]) } },
    _dtype: dtype,
    _shape: [...like.shape],
  });
}

export function zerosLike(like: Tensor): Tensor {
  return fullLike(like, 0);
}
