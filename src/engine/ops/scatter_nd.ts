import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'ScatterND',
  infer([data, indices, updates]) {
    if (indices.dtype !== 'int64') throw new ShapeError(`ScatterND: indices must be int64, got ${indices.dtype}`);
    if (updates.dtype !== data.dtype) throw new ShapeError(`ScatterND: updates ${updates.dtype} differ from data ${data.dtype}`);
    return [{ dtype: data.dtype, shape: data.shape }];
  },
});

/** Copy of data with updates added at index rows: out[idx[i]] += upd[i] (repeated indices accumulate). */
export function scatterAdd(data: Tensor, indices: Tensor, updates: Tensor): Tensor {
  return apply1('ScatterND', [data, indices, updates], { reduction: 'add' });
}
