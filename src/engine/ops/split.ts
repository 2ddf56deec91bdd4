import { ShapeError } from '../errors.js';
import { applyOp, registerOp } from '../op.js';
import { normalizeAxis } from '../shape.js';
import { formatShape, type Tensor } from '../tensor.js';

registerOp({
  name: 'Split',
  infer([x], attrs) {
    const axis = attrs.axis as number;
    const sizes = attrs._sizes as number[];
    const d = x.shape[axis];
    const total = sizes.reduce((a, b) => a + b, 0);
    if (d !== total) throw new ShapeError(`Split: sizes [${sizes}] sum to ${total} but axis ${axis} of ${x.name}${formatShape(x.shape)} is ${d}`);
    return sizes.map((s) => ({ dtype: x.dtype, shape: x.shape.map((dd, i) => (i === axis ? s : dd)) }));
  },
});

/** Splits x along an axis into pieces of the given sizes. */
export function split(x: Tensor, sizes: number[], axis = 0): Tensor[] {
  if (sizes.length === 0) throw new ShapeError('Split: needs at least one size');
  const a = normalizeAxis('Split', axis, x.rank);
  if (sizes.length === 1) return [x];
  return applyOp('Split', [x, x.graph.int64s(sizes)], { axis: a, _sizes: sizes }).outputs;
}
