import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Gather',
  infer([data, indices]) {
    if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
      throw new ShapeError(`Gather: indices ${indices.name} must be int64 or int32, got ${indices.dtype}`);
    }
    return [{ dtype: data.dtype, shape: [...indices.shape, ...data.shape.slice(1)] }];
  },
});

/** Rows of `data` picked by `indices` (axis 0): the embedding lookup. */
export function gather(data: Tensor, indices: Tensor): Tensor {
  return apply1('Gather', [data, indices], { axis: 0 });
}
