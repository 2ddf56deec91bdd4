import { ShapeError } from '../errors.js';
import { makeArray } from '../graph.js';
import type { DType } from '../dtype.js';
import { apply1, registerOp } from '../op.js';
import type { Dim, Tensor } from '../tensor.js';

registerOp({
  name: 'OneHot',
  infer([indices], attrs) {
    if (indices.dtype !== 'int64' && indices.dtype !== 'int32') throw new ShapeError(`OneHot: indices must be integer, got ${indices.dtype}`);
    return [{ dtype: attrs._dtype as DType, shape: [...indices.shape, attrs._depth as number] }];
  },
});

/** One-hot encoding of integer class indices along a new last axis (negative indices count from the end). */
export function oneHot(indices: Tensor, depth: number, dtype: DType = 'float32'): Tensor {
  const depthT = indices.graph.constant({ dtype: 'int64', shape: [], data: BigInt64Array.from([BigInt(depth)]) });
  return oneHotOf(indices, depthT, depth, dtype);
}

/** One-hot with the depth known only at run time: `depth` is an int64 tensor of one element, `dim` its build-time dimension. */
export function oneHotOf(indices: Tensor, depth: Tensor, dim: Dim, dtype: DType = 'float32'): Tensor {
  const values = indices.graph.constant({ dtype, shape: [2], data: makeArray(dtype, [0, 1]) });
  return apply1('OneHot', [indices, depth, values], { axis: -1, _depth: dim, _dtype: dtype });
}
