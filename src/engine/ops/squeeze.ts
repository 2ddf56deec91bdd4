import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Squeeze',
  infer([x], attrs) {
    const axes = attrs._axes as number[];
    for (const a of axes) {
      if (x.shape[a] !== 1) throw new ShapeError(`Squeeze: axis ${a} of ${x.name} has size ${x.shape[a]}, not 1`);
    }
    return [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !axes.includes(i)) }];
  },
});

/** Removes the given size-1 axes. */
export function squeeze(x: Tensor, axes: number | number[]): Tensor {
  const list = (Array.isArray(axes) ? axes : [axes]).map((a) => normalizeAxis('Squeeze', a, x.rank)).sort((a, b) => a - b);
  return apply1('Squeeze', [x, x.graph.int64s(list)], { _axes: list });
}
