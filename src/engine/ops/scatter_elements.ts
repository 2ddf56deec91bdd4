import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import { formatShape, type Tensor } from '../tensor.js';

registerOp({
  name: 'ScatterElements',
  infer([data, indices, updates]) {
    if (indices.dtype !== 'int64') throw new ShapeError(`ScatterElements: indices must be int64, got ${indices.dtype}`);
    if (updates.dtype !== data.dtype) throw new ShapeError(`ScatterElements: updates ${updates.dtype} differ from data ${data.dtype}`);
    if (indices.rank !== data.rank || updates.rank !== data.rank) {
      throw new ShapeError(`ScatterElements: data ${formatShape(data.shape)}, indices ${formatShape(indices.shape)} and updates ${formatShape(updates.shape)} must have the same rank`);
    }
    return [{ dtype: data.dtype, shape: data.shape }];
  },
});

/**
 * Copy of data with each update added at its index along axis 0:
 * out[indices[i][j]][j] += updates[i][j]; repeated indices accumulate.
 * (ONNX Runtime's CPU ScatterElements accumulates exactly on any thread count;
 * its ScatterND with reduction 'add' loses updates on repeated indices.)
 */
export function scatterAddRows(data: Tensor, indices: Tensor, updates: Tensor): Tensor {
  return apply1('ScatterElements', [data, indices, updates], { axis: 0, reduction: 'add' });
}
