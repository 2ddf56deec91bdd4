import { ShapeError } from '../errors.js';
import { apply1, registerOp, requireSameDtype } from '../op.js';
import { dimProduct, normalizeAxis } from '../shape.js';
import { formatShape, type Dim, type Tensor } from '../tensor.js';

registerOp({
  name: 'Concat',
  infer(xs, attrs) {
    const axis = attrs.axis as number;
    requireSameDtype('Concat', ...xs);
    const first = xs[0];
    for (const t of xs) {
      if (t.rank !== first.rank || t.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
        throw new ShapeError(`Concat: shapes ${xs.map((x) => formatShape(x.shape)).join(', ')} differ outside axis ${axis}`);
      }
    }
    const along = xs.map((t) => t.shape[axis]);
    const total: Dim = along.every((d) => typeof d === 'number') ? (along as number[]).reduce((a, b) => a + b, 0) : `(${along.map((d) => dimProduct([d])).join('+')})`;
    return [{ dtype: first.dtype, shape: first.shape.map((d, i) => (i === axis ? total : d)) }];
  },
});

/** Joins tensors along an axis. */
export function concat(xs: Tensor[], axis: number): Tensor {
  if (xs.length === 0) throw new ShapeError('Concat: needs at least one tensor');
  if (xs.length === 1) return xs[0];
  return apply1('Concat', xs, { axis: normalizeAxis('Concat', axis, xs[0].rank) });
}
