import { ShapeError } from '../errors.js';
import { makeArray } from '../graph.js';
import type { DType } from '../dtype.js';
import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'OneHot',
  infer([indices], attrs) {
    if (indices.dtype !== 'int64' && indices.dtype !== 'int32') throw new ShapeError(`OneHot: indices must be integer, got ${indices.dtype}`);
    return [{ dtype: attrs._dtype as DType, shape: [...indices.shape, attrs._depth as number] }];
  },
});

/** One-hot encoding of integer class indices along a new last axis. */
export function oneHot(indices: Tensor, depth: number, dtype: DType = 'float32'): Tensor {
  const g = indices.graph;
  const depthT = g.constant({ dtype: 'int64', shape: [], data: BigInt64Array.from([BigInt(depth)]) });
  const values = g.constant({ dtype, shape: [2], data: makeArray(dtype, [0, 1]) });
  return apply1('OneHot', [indices, depthT, values], { axis: -1, _depth: depth, _dtype: dtype });
}
